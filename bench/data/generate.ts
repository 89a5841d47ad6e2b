import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { hashPassword } from '../../api/users/password.js';
import { initOrm } from '../../api/db/orm.js';
import { seedFactors } from '../../seeds/factors.js';
import { createMigratedDatabase, databaseExists, datasetName, dropDatabase, startBenchServer, withClient, type BenchServer } from '../lib/db.js';
import { BENCH_PASSWORD, buildDataset } from './dataset.js';
import { copyTable, resetSequences, withoutSecondaryIndexes } from './load.js';
import { verifyDataset } from './verify.js';
import { BACKFILL_LEAVES } from '../../migrations/Migration20261207070000_transparency_log.js';
import { BACKFILL_FLOW_DAYS } from '../../migrations/Migration20261208080000_flow_days.js';
import { BACKFILL_DEVICE_MILESTONES } from '../../migrations/Migration20261208081000_device_milestones.js';
import { BACKFILL_ALLOCATION_FACTS } from '../../migrations/Migration20261209010000_allocation_facts.js';

/**
 * `npm run bench:data -- --devices 100000 [--seed 42] [--until 2026-11-01] [--force]`
 *
 * Builds the benchmark dataset in memory from the seed and loads it with COPY into its own
 * database (`reemploi_bench_<devices>`), migrated with the project's migrations. Without
 * DATABASE_URL the database lives in an embedded PostgreSQL under bench/.data/.
 */

export const DEFAULT_SEED = 42;
export const DEFAULT_UNTIL = '2026-11-01T00:00:00Z';

export interface GenerateOptions {
  devices: number;
  seed?: number;
  until?: string;
  force?: boolean;
  log?: (message: string) => void;
}

const LOGGED_TABLES = ['events', 'sanitizations', 'certificates'];
/** The summary's roll-ups of the events and allocations (issue #18), given afterwards as their migrations give them. */
const ROLLUP_TRIGGERS = [['events', 'events_flow_days'], ['events', 'events_device_milestones'], ['allocations', 'allocations_facts']];

const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Generates the dataset into `server` unless it is there already (or `force`). Returns the database name. */
export async function generateDataset(server: BenchServer, options: GenerateOptions): Promise<{ name: string; created: boolean }> {
  const log = options.log ?? ((message: string) => console.log(message));
  const name = datasetName(options.devices);
  if (!options.force && (await isComplete(server, name))) {
    log(`${name}: already there (use --force to build it again)`);
    return { name, created: false };
  }
  const began = performance.now();
  await dropDatabase(server, name);
  const url = await createMigratedDatabase(server, name);
  log(`${name}: created and migrated (${elapsed(began)})`);

  let step = performance.now();
  const tables = buildDataset({
    devices: options.devices,
    seed: options.seed ?? DEFAULT_SEED,
    until: new Date(options.until ?? DEFAULT_UNTIL),
    passwordHash: await hashPassword(BENCH_PASSWORD),
  });
  const counts = Object.fromEntries(tables.map((table) => [table.name, table.rows.length]));
  log(`${name}: built in memory (${elapsed(step)}): ${Object.entries(counts).map(([table, rows]) => `${table} ${rows.toLocaleString('en')}`).join(', ')}`);

  step = performance.now();
  await withClient(url, async (client) => {
    await client.query(`set synchronous_commit = off`);
    // the transparency log's leaves are given afterwards, in one statement, as the migration gives
    // existing data its leaves (one deferred trigger per copied row would take minutes)
    for (const table of LOGGED_TABLES) await client.query(`alter table ${table} disable trigger ${table}_transparency_log`);
    for (const [table, trigger] of ROLLUP_TRIGGERS) await client.query(`alter table ${table} disable trigger ${trigger}`);
    await withoutSecondaryIndexes(client, ['devices', 'events', 'media', 'sanitizations', 'audit_scans', 'beneficiaries', 'referrals', 'allocations'], async () => {
      for (const table of tables) {
        const tableStart = performance.now();
        await copyTable(client, table);
        if (table.rows.length > 50_000) log(`  copy ${table.name}: ${table.rows.length.toLocaleString('en')} rows (${elapsed(tableStart)})`);
      }
      log(`${name}: loaded with COPY (${elapsed(step)})`);
      step = performance.now();
    });
    log(`${name}: secondary indexes rebuilt (${elapsed(step)})`);
    step = performance.now();
    for (const table of LOGGED_TABLES) await client.query(`alter table ${table} enable trigger ${table}_transparency_log`);
    await client.query(BACKFILL_LEAVES);
    log(`${name}: transparency log leaves (${elapsed(step)})`);
    step = performance.now();
    for (const [table, trigger] of ROLLUP_TRIGGERS) await client.query(`alter table ${table} enable trigger ${trigger}`);
    await client.query(BACKFILL_FLOW_DAYS);
    await client.query(BACKFILL_DEVICE_MILESTONES);
    await client.query(BACKFILL_ALLOCATION_FACTS);
    log(`${name}: summary roll-ups (${elapsed(step)})`);
    await resetSequences(client, ['users', 'batches', 'devices', 'media', 'sanitizations', 'certificates', 'audits', 'audit_scans', 'events', 'agreements', 'beneficiaries', 'referrals', 'allocations']);
    await client.query(`select setval('asset_tag_seq', $1)`, [options.devices]);
    await client.query(`select setval('certificate_seq', (select max(id) from certificates))`);
  });

  // reference data (ADEME factors), as the app seeds it at start-up
  const orm = await initOrm(url);
  try {
    await seedFactors(orm.em.fork());
  } finally {
    await orm.close();
  }

  step = performance.now();
  await withClient(url, async (client) => {
    await client.query('vacuum (analyze)');
    await assertConsistent(client, name, log);
    // the marker that the dataset is complete: a half-loaded database is rebuilt next time
    await client.query(`comment on database "${name}" is $$${JSON.stringify({ devices: options.devices, seed: options.seed ?? DEFAULT_SEED, until: options.until ?? DEFAULT_UNTIL, counts })}$$`);
  });
  log(`${name}: vacuum analyze (${elapsed(step)}); total ${elapsed(began)}`);
  return { name, created: true };
}

/** Runs the consistency checks (bench/data/verify.ts); a dataset that fails one is not used. */
async function assertConsistent(client: Parameters<typeof verifyDataset>[0], name: string, log: (message: string) => void) {
  const results = await verifyDataset(client);
  const failed = results.filter((result) => result.offending > 0);
  if (failed.length) throw new Error(`${name} is inconsistent: ${failed.map((result) => `${result.check} (${result.offending})`).join('; ')}`);
  log(`${name}: ${results.length} consistency checks passed (lifecycle, batches, wipes, certificates, allocations, stock-takes)`);
}

/** What the dataset holds (its parameters and row counts), or null if it is missing or half-loaded. */
export async function datasetInfo(server: BenchServer, name: string): Promise<{ devices: number; seed: number; until: string; counts: Record<string, number> } | null> {
  if (!(await databaseExists(server, name))) return null;
  return withClient(server.serverUrl, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`, [name]);
    try {
      return rows[0]?.comment ? JSON.parse(rows[0].comment) : null;
    } catch {
      return null;
    }
  });
}

async function isComplete(server: BenchServer, name: string): Promise<boolean> {
  return (await datasetInfo(server, name)) !== null;
}

async function main() {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string', default: '100000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      until: { type: 'string', default: DEFAULT_UNTIL },
      force: { type: 'boolean', default: false },
    },
  });
  const devices = Number(values.devices);
  if (!Number.isInteger(devices) || devices < 100 || devices > 2_000_000) throw new Error('--devices: a whole number between 100 and 2,000,000');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed: a whole number');
  if (Number.isNaN(new Date(values.until!).getTime())) throw new Error('--until: a date, e.g. 2026-11-01');
  const logger = pino({ level: 'warn' });
  const server = await startBenchServer((message) => logger.debug(message));
  try {
    await generateDataset(server, { devices, seed, until: values.until, force: values.force });
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
