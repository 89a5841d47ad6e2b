import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { databaseUrl as withDatabase } from '../db/embedded-postgres.js';
import { BackupFileError, extractArchive } from './archive.js';
import { copyOutQuery, danglingReferences, tableColumns, tablesInDependencyOrder } from './catalog.js';
import { FORMAT_VERSION, ManifestSchema, quote, SESSION_SETTINGS, type Manifest } from './manifest.js';
import { migrationMismatch, runMigrations } from './migrations.js';

/** A restore that was not attempted, for a reason the operator can act on (nothing was written). */
export class RestoreRefusedError extends Error {}

export interface VerifiedBackup {
  manifest: Manifest;
  /** Folder holding the extracted table files; remove it with `dispose()`. */
  dir: string;
  files: Map<string, string>;
  dispose(): void;
}

/**
 * Opens a backup and checks everything before anything is written anywhere: gzip and tar
 * integrity, the manifest, and each table's row count and SHA-256 against the manifest.
 */
export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  if (!existsSync(file)) throw new BackupFileError(`no such file: ${file}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reemploi-restore-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const entries = await extractArchive(file, dir);
    const manifestEntry = entries.get('manifest.json');
    if (!manifestEntry) throw new BackupFileError('not a Réemploi backup: manifest.json is missing');
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(manifestEntry.path, 'utf8'));
    } catch {
      throw new BackupFileError('the manifest is not valid JSON');
    }
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) {
      throw new BackupFileError(`not a Réemploi backup, or a damaged manifest: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    const manifest = parsed.data;
    if (manifest.formatVersion > FORMAT_VERSION) {
      throw new BackupFileError(`backup format ${manifest.formatVersion} is newer than this version of Réemploi understands (${FORMAT_VERSION}): update Réemploi first`);
    }
    const files = new Map<string, string>();
    for (const table of manifest.tables) {
      const entry = entries.get(table.file);
      if (table.file !== `data/${table.name}.copy` || !entry) throw new BackupFileError(`table ${table.name}: its data is missing from the file`);
      if (entry.sha256 !== table.sha256 || entry.bytes !== table.bytes) {
        throw new BackupFileError(`table ${table.name}: the data does not match its SHA-256 checksum (the file was damaged or altered)`);
      }
      if (entry.lines !== table.rows) throw new BackupFileError(`table ${table.name}: ${entry.lines} rows where the manifest says ${table.rows}`);
      files.set(table.name, entry.path);
    }
    const unexpected = [...entries.keys()].filter((name) => name !== 'manifest.json' && !manifest.tables.some((table) => table.file === name));
    if (unexpected.length) throw new BackupFileError(`data the manifest does not list: ${unexpected.join(', ')}`);
    return { manifest, dir, files, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

export interface RestoreOptions {
  /** Replace the content of a database that is not empty (in the same transaction: a failure keeps the old content). */
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreResult {
  database: string;
  createdDatabase: boolean;
  tables: number;
  rows: number;
  migrations: number;
  /** false when the account may not set session_replication_role: constraints were checked row by row while loading. */
  triggersDisabled: boolean;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** Creates the target database when it does not exist; says whether it did. */
async function ensureTarget(url: string): Promise<boolean> {
  const name = databaseName(url);
  if (!name) throw new RestoreRefusedError('the target address names no database');
  return withClient(withDatabase(url, 'postgres'), async (client) => {
    if ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount) return false;
    await client.query(`create database ${quote(name)}`);
    return true;
  });
}

async function dropDatabase(url: string) {
  await withClient(withDatabase(url, 'postgres'), (client) => client.query(`drop database if exists ${quote(databaseName(url))} with (force)`));
}

async function relationCount(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p', 'S', 'v', 'm', 'f')`,
  );
  return Number(rows[0].n);
}

/**
 * Tables that triggers keep: on events (migrations 20261208080000 and 20261208081000, issue #18),
 * and on allocations, referrals, devices and device_milestones (20261209010000).
 */
const TRIGGER_KEPT_TABLES = ['flow_days', 'flow_repeats', 'device_milestones', 'allocation_facts'];

async function copyIn(client: pg.Client, table: string, columns: string[], file: string) {
  await pipeline(createReadStream(file), client.query(copyFrom(`copy ${quote(table)} (${columns.map(quote).join(', ')}) from stdin`)));
}

async function tableChecksum(client: pg.Client, table: string, columns: string[]): Promise<{ sha256: string; rows: number }> {
  const hash = createHash('sha256');
  const source = client.query(copyTo(await copyOutQuery(client, table, columns)));
  await pipeline(
    source,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback();
      },
    }),
  );
  return { sha256: hash.digest('hex'), rows: source.rowCount ?? 0 };
}

/** Loads the data inside the open transaction and proves it identical to the backup. */
async function load(client: pg.Client, backup: VerifiedBackup, log: (line: string) => void): Promise<{ rows: number; triggersDisabled: boolean }> {
  const { manifest } = backup;
  const targetTables = await tablesInDependencyOrder(client);
  const backedUp = new Map(manifest.tables.map((table) => [table.name, table]));
  const missing = manifest.tables.filter((table) => !targetTables.includes(table.name)).map((table) => table.name);
  if (missing.length) throw new Error(`after its migrations the database has no table ${missing.join(', ')}: the backup does not match its own migrations`);
  for (const table of manifest.tables) {
    const columns = await tableColumns(client, table.name);
    if (columns.join(',') !== table.columns.join(',')) throw new Error(`table ${table.name}: columns (${columns.join(', ')}) differ from the backup's (${table.columns.join(', ')})`);
  }

  // append-only triggers (events, sanitizations, reports…) and foreign keys are not fired while
  // loading rows that already passed them once; the foreign keys are verified afterwards
  let triggersDisabled = true;
  await client.query('savepoint replication_role');
  try {
    await client.query('set local session_replication_role = replica');
  } catch {
    await client.query('rollback to savepoint replication_role');
    triggersDisabled = false;
    log('  (this account may not disable triggers: foreign keys are checked row by row, tables loaded parents first)');
  }

  let rows = 0;
  // the summary's roll-ups are kept by triggers: loaded last, over what those triggers wrote while
  // the events and allocations were loaded (when they could not be disabled), so they are the backup's
  const order = [...targetTables.filter((name) => !TRIGGER_KEPT_TABLES.includes(name)), ...targetTables.filter((name) => TRIGGER_KEPT_TABLES.includes(name))];
  for (const name of order) {
    const table = backedUp.get(name);
    if (!table) continue; // a table this backup predates stays empty
    // what is already there gives way to the backup's rows: reference data a migration seeded (the legal
    // resale caps, the first price grid), and the roll-ups the event triggers wrote while events were loaded
    if ((await client.query(`select 1 from ${quote(name)} limit 1`)).rowCount) await client.query(`delete from ${quote(name)}`);
    await copyIn(client, name, table.columns, backup.files.get(name)!);
    rows += table.rows;
    log(`  ${name}: ${table.rows} rows`);
  }
  for (const sequence of manifest.sequences) {
    await client.query(`select setval($1::regclass, $2::bigint, $3)`, [quote(sequence.name), sequence.lastValue, sequence.isCalled]);
  }

  for (const table of manifest.tables) {
    const restored = await tableChecksum(client, table.name, table.columns);
    if (restored.rows !== table.rows || restored.sha256 !== table.sha256) {
      throw new Error(`table ${table.name}: the restored data differs from the backup (${restored.rows} rows, expected ${table.rows})`);
    }
  }
  const dangling = await danglingReferences(client);
  if (dangling.length) {
    throw new Error(`references to missing rows: ${dangling.map((problem) => `${problem.table} (${problem.constraint}): ${problem.rows}`).join(', ')}`);
  }
  if (triggersDisabled) await client.query('set local session_replication_role = origin');
  return { rows, triggersDisabled };
}

/**
 * Restores a backup into `databaseUrl` (created if missing) in ONE transaction: schema from the
 * manifest's migrations, then every table by COPY, sequences, and a check that every table's
 * rows and checksum match the backup. Any failure rolls everything back (and drops the database
 * if this restore created it). A database that is not empty is refused unless `force`.
 */
export async function restoreBackup(file: string, databaseUrl: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const backup = await verifyBackup(file);
  try {
    const mismatch = migrationMismatch(backup.manifest.migrations);
    if (mismatch) throw new RestoreRefusedError(mismatch);
    const database = databaseName(databaseUrl);
    const createdDatabase = await ensureTarget(databaseUrl);
    try {
      const result = await withClient(databaseUrl, async (client) => {
        const existing = await relationCount(client);
        if (existing && !options.force) {
          throw new RestoreRefusedError(
            `database ${database} is not empty (${existing} tables and sequences): restore into a new database (--database NAME), or replace its content with --force`,
          );
        }
        for (const setting of SESSION_SETTINGS) await client.query(setting);
        await client.query('begin');
        try {
          if (existing) {
            log(`  replacing the content of ${database} (--force)`);
            await client.query('drop schema public cascade');
            await client.query('create schema public');
            await client.query('grant usage on schema public to public');
          }
          await runMigrations(client, backup.manifest.migrations);
          const loaded = await load(client, backup, log);
          await client.query('commit');
          return loaded;
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        }
      });
      return {
        database,
        createdDatabase,
        tables: backup.manifest.tables.length,
        rows: result.rows,
        migrations: backup.manifest.migrations.length,
        triggersDisabled: result.triggersDisabled,
      };
    } catch (error) {
      if (createdDatabase) await dropDatabase(databaseUrl).catch(() => {});
      throw error;
    }
  } finally {
    backup.dispose();
  }
}
