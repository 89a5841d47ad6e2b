import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrl, runningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres.js';
import { BackupFileError } from './archive.js';
import { createBackup, defaultBackupName } from './backup.js';
import { restoreBackup, RestoreRefusedError, verifyBackup } from './restore.js';

const USAGE = `Usage:
  npm run backup [-- --out FILE]
  npm run restore -- FILE [--database NAME] [--force]
  npm run restore -- FILE --check        (verify the file only)

The database is DATABASE_URL's, or without it the embedded one in DATA_DIR (default .data),
whether \`npm start\` is running or not. Backups go to DATA_DIR/backups/ by default.`;

/** PostgreSQL server to work on: DATABASE_URL's, or the embedded one (attached to if running, else started for the job). */
async function openServer(needExistingData: boolean): Promise<{ serverUrl: string; defaultDatabase: string; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    return { serverUrl: url, defaultDatabase: decodeURIComponent(new URL(url).pathname.slice(1)), close: async () => {} };
  }
  const dataDir = path.resolve(process.env.DATA_DIR || '.data');
  const running = runningEmbeddedPostgres(dataDir);
  if (running) return { serverUrl: running, defaultDatabase: 'reemploi', close: async () => {} };
  if (needExistingData && !existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new RestoreRefusedError(`no database in ${dataDir}: set DATA_DIR to the folder \`npm start\` uses, or DATABASE_URL`);
  }
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres(dataDir);
  return { serverUrl: embedded.url, defaultDatabase: 'reemploi', close: () => embedded.stop() };
}

/** Wrong command line: the usage is printed. */
class UsageError extends Error {}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function backup(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const server = await openServer(true);
  try {
    const dataDir = path.resolve(process.env.DATA_DIR || '.data');
    const out = path.resolve(values.out ?? path.join(dataDir, 'backups', defaultBackupName()));
    if (existsSync(out)) throw new RestoreRefusedError(`${out} already exists: choose another --out`);
    const target = databaseUrl(server.serverUrl, server.defaultDatabase);
    console.log(`Backing up database ${server.defaultDatabase}…`);
    const { manifest } = await createBackup(target, out, (line) => console.log(line));
    const rows = manifest.tables.reduce((total, table) => total + table.rows, 0);
    console.log(`Backup written: ${out} (${manifest.tables.length} tables, ${rows} rows, ${megabytes(statSync(out).size)}, PostgreSQL ${manifest.postgres}).`);
  } finally {
    await server.close();
  }
}

async function restore(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { database: { type: 'string' }, force: { type: 'boolean', default: false }, check: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('name one backup file');
  const file = path.resolve(positionals[0]);
  if (values.check) {
    const verified = await verifyBackup(file);
    verified.dispose();
    const { manifest } = verified;
    console.log(`${file} is intact: ${manifest.tables.length} tables, ${manifest.tables.reduce((total, table) => total + table.rows, 0)} rows, made ${manifest.createdAt} from database ${manifest.database} (last migration ${manifest.migrations.at(-1)?.name}).`);
    return;
  }
  if (values.database !== undefined && !/^[A-Za-z0-9_-]{1,63}$/.test(values.database)) {
    throw new UsageError('--database: letters, digits, _ and - only (63 at most)');
  }
  const server = await openServer(false);
  try {
    const name = values.database ?? server.defaultDatabase;
    console.log(`Checking ${file}, then restoring into database ${name}…`);
    const result = await restoreBackup(file, databaseUrl(server.serverUrl, name), { force: values.force, log: (line) => console.log(line) });
    console.log(
      `Restored into ${result.database}${result.createdDatabase ? ' (created)' : ''}: ${result.tables} tables, ${result.rows} rows, ${result.migrations} migrations; every table's rows and SHA-256 match the backup.`,
    );
    if (values.database && !process.env.DATABASE_URL) console.log('Note: `npm start` uses the database "reemploi"; this restore went elsewhere on purpose.');
  } finally {
    await server.close();
  }
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  try {
    if (command === 'backup') await backup(args);
    else if (command === 'restore') await restore(args);
    else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    const what = command === 'backup' ? 'Backup' : 'Restore';
    if (error instanceof BackupFileError) console.error(`${what} refused: ${error.message}. Nothing was written.`);
    else if (error instanceof RestoreRefusedError) console.error(`${what} refused: ${error.message}. Nothing was written.`);
    else if (command === 'restore') console.error(`Restore failed and was rolled back, nothing was written: ${(error as Error).message}`);
    else console.error(`Backup failed: ${(error as Error).message}`);
    return 1;
  }
}

process.exit(await main());
