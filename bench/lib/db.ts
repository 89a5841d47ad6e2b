import path from 'node:path';
import pg from 'pg';
import { databaseUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../api/db/embedded-postgres.js';
import { ensureDatabase, initOrm, migrate } from '../../api/db/orm.js';

/** Where the embedded benchmark PostgreSQL keeps its files (git-ignored). */
export const BENCH_DATA_DIR = path.resolve(import.meta.dirname, '../.data');

export const datasetName = (devices: number) => `reemploi_bench_${devices}`;

export interface BenchServer {
  /** URL of the server's `postgres` maintenance database. */
  serverUrl: string;
  url(database: string): string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server the benchmark uses: the server of DATABASE_URL when it is set (the
 * benchmark creates its own `reemploi_bench_*` databases there and never touches the one named in
 * the URL), otherwise an embedded server whose files live in bench/.data/.
 */
export async function startBenchServer(log: (message: string) => void = () => {}): Promise<BenchServer> {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = databaseUrl(process.env.DATABASE_URL, 'postgres');
  } else {
    embedded = await startEmbeddedPostgres(BENCH_DATA_DIR, log);
    serverUrl = embedded.url;
  }
  return {
    serverUrl,
    url: (database) => databaseUrl(serverUrl, database),
    stop: async () => {
      await embedded?.stop();
    },
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function databaseExists(server: BenchServer, name: string): Promise<boolean> {
  return withClient(server.serverUrl, async (client) => !!(await client.query('select 1 from pg_database where datname = $1', [name])).rowCount);
}

export async function dropDatabase(server: BenchServer, name: string): Promise<void> {
  await withClient(server.serverUrl, (client) => client.query(`drop database if exists ${quote(name)} with (force)`));
}

/**
 * A throw-away copy of a dataset, so the benchmarks that write (transitions, import, labels)
 * start from the same data at every run. FILE_COPY copies the files instead of WAL-logging every
 * page: a few seconds for a gigabyte.
 */
export async function cloneDatabase(server: BenchServer, template: string, name: string): Promise<void> {
  await dropDatabase(server, name);
  await withClient(server.serverUrl, (client) => client.query(`create database ${quote(name)} template ${quote(template)} strategy file_copy`));
}

/** Creates and migrates a database with the project's own migrations. */
export async function createMigratedDatabase(server: BenchServer, name: string): Promise<string> {
  // run under `node --import tsx`: MikroORM's migrator imports the TypeScript migrations as they are
  const url = server.url(name);
  await ensureDatabase(url);
  const orm = await initOrm(url);
  try {
    await migrate(orm);
  } finally {
    await orm.close();
  }
  return url;
}
