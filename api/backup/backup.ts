import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { writeArchive, type ArchiveEntry } from './archive.js';
import { copyOutQuery, MIGRATIONS_TABLE, sequences, tableColumns, tablesInDependencyOrder } from './catalog.js';
import { FORMAT, FORMAT_VERSION, ManifestSchema, SESSION_SETTINGS, type Manifest } from './manifest.js';

const PACKAGE = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { name: string; version: string };

export interface BackupResult {
  file: string;
  manifest: Manifest;
}

/** `reemploi-20261123-081500.backup.tar.gz` */
export function defaultBackupName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `reemploi-${stamp}.backup.tar.gz`;
}

/**
 * Backs up one database: every table through COPY inside one read-only REPEATABLE READ transaction,
 * so all tables are read at the same instant (a pickup committed half-way through the backup is
 * either wholly in it or not at all), while the application keeps running. The file appears under
 * its final name only once complete.
 */
export async function createBackup(databaseUrl: string, file: string, log: (line: string) => void = () => {}): Promise<BackupResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'reemploi-backup-'));
  const partial = `${file}.partial`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const setting of SESSION_SETTINGS) await client.query(setting);
    await client.query('begin isolation level repeatable read read only');
    const [{ version, database }] = (await client.query<{ version: string; database: string }>(`select current_setting('server_version') as version, current_database() as database`)).rows;
    const exists = (await client.query(`select 1 from pg_tables where schemaname = 'public' and tablename = $1`, [MIGRATIONS_TABLE])).rowCount;
    if (!exists) throw new Error(`database ${database} has never been migrated: it is not a Réemploi database`);
    // as text: microseconds kept (a JS Date has milliseconds)
    const migrations = (
      await client.query<{ name: string; executed_at: string | null }>(`select name, executed_at::text as executed_at from ${MIGRATIONS_TABLE} order by id`)
    ).rows.map((row) => ({ name: row.name, executedAt: row.executed_at }));

    const tables: Manifest['tables'] = [];
    const entries: ArchiveEntry[] = [];
    for (const table of await tablesInDependencyOrder(client)) {
      const columns = await tableColumns(client, table);
      const dataFile = path.join(work, `${table}.copy`);
      const hash = createHash('sha256');
      let bytes = 0;
      const source = client.query(copyTo(await copyOutQuery(client, table, columns)));
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          bytes += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(source, tap, createWriteStream(dataFile, { mode: 0o600 }));
      const rows = source.rowCount ?? 0;
      tables.push({ name: table, columns, rows, bytes, sha256: hash.digest('hex'), file: `data/${table}.copy` });
      entries.push({ name: `data/${table}.copy`, source: dataFile });
      log(`  ${table}: ${rows} rows`);
    }
    // read last: a sequence is not transactional, its value now is at least the one the snapshot saw
    const sequenceStates = await sequences(client);
    await client.query('commit');

    const manifest: Manifest = ManifestSchema.parse({
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      application: { name: PACKAGE.name, version: PACKAGE.version },
      postgres: version,
      database,
      migrations,
      tables,
      sequences: sequenceStates,
    } satisfies Manifest);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    rmSync(partial, { force: true });
    await writeArchive(partial, [{ name: 'manifest.json', source: Buffer.from(JSON.stringify(manifest, null, 2)) }, ...entries]);
    renameSync(partial, file);
    return { file, manifest };
  } finally {
    await client.end().catch(() => {});
    rmSync(work, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}
