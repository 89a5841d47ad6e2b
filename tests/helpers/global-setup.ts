import path from 'node:path';
import { rmSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { register } from 'tsx/esm/api';
import { databaseUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../api/db/embedded-postgres.js';
import { ensureDatabase, initOrm, migrate } from '../../api/db/orm.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

const TEMPLATE = `reemploi_test_template_${process.pid}`;

/**
 * One real PostgreSQL for the whole run (embedded unless DATABASE_URL is set) and one migrated
 * template database; each test file clones it (CREATE DATABASE … TEMPLATE), fast and isolated.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  try {
    // plain Node here: let it import the TypeScript migrations
    register();
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const dataDir = path.resolve('tests/.tmp', `pg-${process.pid}`);
      embedded = await startEmbeddedPostgres(dataDir);
      serverUrl = embedded.url;
    }
    const templateUrl = databaseUrl(serverUrl, TEMPLATE);
    await ensureDatabase(templateUrl);
    const orm = await initOrm(templateUrl);
    await migrate(orm);
    await orm.close();
    project.provide('databaseServerUrl', serverUrl);
    project.provide('templateDatabase', TEMPLATE);

    return async () => {
      if (embedded) {
        await embedded.stop();
        rmSync(path.resolve('tests/.tmp', `pg-${process.pid}`), { recursive: true, force: true });
      } else {
        await dropTestDatabases(serverUrl!);
      }
    };
  } catch (error) {
    // a throwing globalSetup would leave vitest hanging on the embedded server
    await embedded?.stop().catch(() => {});
    console.error('Test database setup failed:', error);
    throw error;
  }
}

async function dropTestDatabases(serverUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(
    `select datname from pg_database where datname like $1 or datname = $2`,
    [`reemploi_test_${process.pid}_%`, TEMPLATE],
  );
  for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  await client.end();
}
