import path from 'node:path';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { register } from 'tsx/esm/api';
import { databaseUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../api/db/embedded-postgres.js';
import { ensureDatabase, initOrm, migrate } from '../../api/db/orm.js';
import { statusLogPath } from './status-log.js';

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
    // every answered (operation, status) of the run, written by the app (api/core/routes.ts)
    mkdirSync(path.dirname(STATUS_LOG), { recursive: true });
    rmSync(STATUS_LOG, { force: true });
    project.provide('databaseServerUrl', serverUrl);
    project.provide('templateDatabase', TEMPLATE);

    return async () => {
      const undocumented = undocumentedStatuses();
      if (embedded) {
        await embedded.stop();
        rmSync(path.resolve('tests/.tmp', `pg-${process.pid}`), { recursive: true, force: true });
      } else {
        await dropTestDatabases(serverUrl!);
      }
      if (undocumented.length) {
        // vitest reports an error thrown here but still exits 0: set the exit code ourselves
        console.error(`\nFAILED: the API answered statuses its OpenAPI document does not list (declare them in the route's \`errors\`):\n${undocumented.join('\n')}\n`);
        process.exitCode = 1;
      }
    };
  } catch (error) {
    // a throwing globalSetup would leave vitest hanging on the embedded server
    await embedded?.stop().catch(() => {});
    console.error('Test database setup failed:', error);
    throw error;
  }
}

const STATUS_LOG = statusLogPath();

/** The (operation, status) pairs the tests observed that the OpenAPI document does not list. */
function undocumentedStatuses(): string[] {
  if (!existsSync(STATUS_LOG)) return [];
  const lines = readFileSync(STATUS_LOG, 'utf8').split('\n').filter((line) => line.endsWith(' undocumented'));
  rmSync(STATUS_LOG, { force: true });
  return [...new Set(lines.map((line) => line.replace(/ undocumented$/, '')))].sort();
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
