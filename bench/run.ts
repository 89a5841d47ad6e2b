import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initOrm, migrate } from '../api/db/orm.js';
import { generateDataset, datasetInfo } from './data/generate.js';
import { startApp } from './lib/app-process.js';
import { BENCH_DATA_DIR, cloneDatabase, datasetName, dropDatabase, startBenchServer, withClient, type BenchServer } from './lib/db.js';
import { table, type Figure } from './lib/report.js';
import { deviceListBenchmark } from './benchmarks/device-list.js';
import { summaryBenchmark } from './benchmarks/summary.js';
import { scannerBrowserBenchmark } from './benchmarks/scanner-browser.js';
import { workbookBenchmark } from './benchmarks/workbook.js';
import { labelsBenchmark } from './benchmarks/labels.js';
import { transitionsBenchmark, type Invariant } from './benchmarks/transitions.js';
import { importBenchmark } from './benchmarks/import.js';
import { zipBombsBenchmark } from './benchmarks/zip-bombs.js';
import { importLoadBenchmark } from './benchmarks/import-load.js';
import { backOfficeBenchmark, buildBackOffice } from './benchmarks/back-office.js';
import { verifyBenchmark } from './benchmarks/verify.js';

/**
 * `npm run bench [-- --only list,summary --quick]`
 *
 * Runs every benchmark against the 100k-device dataset (and the 10k one for the workbook's memory
 * growth), builds the datasets first if they are missing, prints a table of every figure next to
 * its target and its raw baseline, and writes bench/results/<date>.json and latest.json. Exits
 * non-zero when a correctness invariant breaks (a target missed is reported, not fatal).
 */
const BENCHMARKS = ['list', 'summary', 'workbook', 'labels', 'transitions', 'import', 'zipbombs', 'importload', 'backoffice', 'verify', 'scanner'] as const;
const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '100000' },
    small: { type: 'string', default: '10000' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'keep-clone': { type: 'boolean', default: false },
    'no-save': { type: 'boolean', default: false },
    // scan + transition against N app processes on one database (node:cluster), as N instances behind a proxy
    instances: { type: 'string', default: '1' },
  },
});
const devices = Number(values.devices);
const smallDevices = Number(values.small);
const only = new Set(values.only ? values.only.split(',') : BENCHMARKS);
for (const name of only) if (!(BENCHMARKS as readonly string[]).includes(name)) throw new Error(`--only: unknown benchmark ${name} (${BENCHMARKS.join(', ')})`);
const quick = values.quick;
const instances = Number(values.instances);
if (!Number.isInteger(instances) || instances < 1) throw new Error('--instances: a whole number, 1 or more');

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Brings a dataset up to the current migrations (a dataset built before a new index gets it here, once). */
async function migrateDataset(server: BenchServer, name: string) {
  const orm = await initOrm(server.url(name));
  try {
    const pending = await orm.getMigrator().getPendingMigrations();
    if (pending.length) {
      log(`${name}: applying ${pending.map((migration) => migration.name).join(', ')}`);
      await migrate(orm);
      await orm.em.getConnection().execute('vacuum (analyze)');
    }
  } finally {
    await orm.close();
  }
}

/** A generated dataset: its database and its size. */
type Dataset = { url: string; devices: number };

async function main() {
  const began = performance.now();
  const loadBefore = os.loadavg();
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const server = await startBenchServer();
  try {
    const generationStart = performance.now();
    for (const size of [devices, smallDevices]) {
      const { created } = await generateDataset(server, { devices: size, log });
      if (!created) await migrateDataset(server, datasetName(size));
    }
    const generationSeconds = (performance.now() - generationStart) / 1000;
    const info = await datasetInfo(server, datasetName(devices));
    log(`dataset ${datasetName(devices)}: ${JSON.stringify(info?.counts)}`);
    const large = { url: server.url(datasetName(devices)), devices };
    const small = { url: server.url(datasetName(smallDevices)), devices: smallDevices };
    const { figures, invariants, pgVersion } = await runBenchmarks(server, large, small);

    const totalSeconds = (performance.now() - began) / 1000;
    const result = {
      date: new Date().toISOString(),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        postgres: pgVersion,
        database: process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL (bench/.data/)',
        loadAverageBefore: loadBefore.map((value) => Number(value.toFixed(2))),
        loadAverageAfter: os.loadavg().map((value) => Number(value.toFixed(2))),
      },
      dataset: { large: info, smallDevices },
      durationSeconds: Math.round(totalSeconds),
      datasetGenerationSeconds: Math.round(generationSeconds),
      figures,
      invariants,
      targetsMissed: figures.filter((item) => item.pass === false).map((item) => item.id),
    };
    report(result);
    if (invariants.some((item) => !item.ok)) {
      console.error('\nA CORRECTNESS INVARIANT BROKE: see above.');
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
  }
}

/** Runs the chosen benchmarks against one app process on a fresh copy of the large dataset (the ones that write start from the same data every time). */
async function runBenchmarks(server: BenchServer, large: Dataset, small: Dataset): Promise<{ figures: Figure[]; invariants: Invariant[]; pgVersion: string }> {
  const figures: Figure[] = [];
  const invariants: Invariant[] = [];
  const runName = 'reemploi_bench_run';
  let step = performance.now();
  await cloneDatabase(server, datasetName(devices), runName);
  const runUrl = server.url(runName);
  log(`copy of the dataset for this run (${seconds(step)})`);
  if (only.has('backoffice') || only.has('scanner')) {
    step = performance.now();
    buildBackOffice();
    log(`back office built (${seconds(step)})`);
  }
  const app = await startApp(runUrl, { logFile: path.join(BENCH_DATA_DIR, 'app.log') });
  const pgVersion = await withClient(runUrl, async (client) => (await client.query('show server_version')).rows[0].server_version as string);
  try {
    const run = async (name: (typeof BENCHMARKS)[number], work: () => Promise<Figure[] | { figures: Figure[]; invariants: Invariant[] }>) => {
      if (!only.has(name)) return;
      step = performance.now();
      log(`${name}…`);
      const result = await work();
      const produced = Array.isArray(result) ? result : result.figures;
      if (!Array.isArray(result)) invariants.push(...result.invariants);
      figures.push(...produced);
      for (const item of produced) log(`  ${item.label}: ${item.value} ${item.unit}${item.pass === null ? '' : item.pass ? ' (pass)' : ' (FAIL)'}`);
      if (!Array.isArray(result)) for (const item of result.invariants) log(`  invariant ${item.ok ? 'ok' : 'BROKEN'}: ${item.name} — ${item.detail}`);
      log(`${name} done (${seconds(step)})`);
    };
    await run('list', () => deviceListBenchmark(app, runUrl, { requests: quick ? 60 : 200 }));
    await run('summary', async () => [
      ...(await summaryBenchmark(app, runUrl, { from: '2025-01-01', to: '2025-12-31', runs: quick ? 5 : 15 })),
      // any period and territory (issue #18): the whole history, and a year on one territory
      ...(await summaryBenchmark(app, runUrl, { from: '2023-11-01', to: '2026-10-31', runs: quick ? 3 : 10, id: 'summary.history', label: 'Summary indicators (whole history)' })),
      ...(await summaryBenchmark(app, runUrl, { from: '2025-01-01', to: '2025-12-31', territory: 'UTPAS Roubaix', runs: quick ? 3 : 10, id: 'summary.territory', label: 'Summary indicators (2025, UTPAS Roubaix)' })),
    ]);
    await run('workbook', () => workbookBenchmark(large, small, { from: '2023-11-01', to: '2026-10-31' }));
    await run('labels', () => labelsBenchmark(app, runUrl, { runs: quick ? 1 : 3 }));
    await run('transitions', async () => {
      const options = { connections: 32, durationSeconds: quick ? 10 : 30, rawSeconds: quick ? 5 : 10 };
      if (instances === 1) return transitionsBenchmark(app, runUrl, options);
      // the other benchmarks keep the single app process; this one gets its own cluster
      const served = await startApp(runUrl, { logFile: path.join(BENCH_DATA_DIR, 'app-instances.log'), instances });
      try {
        return await transitionsBenchmark(served, runUrl, options);
      } finally {
        await served.stop();
      }
    });
    // after the transitions: the log then also holds the leaves they appended
    await run('verify', () => verifyBenchmark(app, runUrl));
    await run('import', () => importBenchmark(app, runUrl, { rows: 100_000 }));
    await run('zipbombs', () => zipBombsBenchmark(runUrl));
    await run('importload', () => importLoadBenchmark(runUrl));
    await run('backoffice', () => backOfficeBenchmark(app, { runs: quick ? 1 : 3, build: false }));
    // the Scanner screen in Chromium while the scan + transition load runs (issue #18)
    // its background load needs devices waiting at the partner, and the transitions benchmark has
    // used this copy's: a fresh copy of the dataset and an app of its own
    await run('scanner', async () => {
      const scannerName = `${runName}_scanner`;
      await cloneDatabase(server, datasetName(devices), scannerName);
      const scannerApp = await startApp(server.url(scannerName), { logFile: path.join(BENCH_DATA_DIR, 'app-scanner.log') });
      try {
        return await scannerBrowserBenchmark(scannerApp, server.url(scannerName), { scans: quick ? 20 : 60, connections: 32 });
      } finally {
        await scannerApp.stop();
        await dropDatabase(server, scannerName);
      }
    });
  } finally {
    await app.stop();
    if (!values['keep-clone']) await dropDatabase(server, runName);
  }
  return { figures, invariants, pgVersion };
}

/** Prints the table of figures and the invariants; saves the result file unless --no-save (then bench/.data/unsaved.json). */
function report(result: {
  date: string;
  figures: Figure[];
  invariants: Invariant[];
  durationSeconds: number;
  datasetGenerationSeconds: number;
  machine: { loadAverageBefore: number[]; loadAverageAfter: number[] };
}) {
  console.log(`\n${table(result.figures)}\n`);
  for (const item of result.invariants) console.log(`${item.ok ? 'ok    ' : 'BROKEN'} ${item.name}: ${item.detail}`);
  console.log(`\nwhole run: ${result.durationSeconds} s (dataset generation ${result.datasetGenerationSeconds} s); load average ${result.machine.loadAverageBefore.join(' ')} → ${result.machine.loadAverageAfter.join(' ')}`);
  if (values['no-save']) {
    // kept out of the results, for a look at the details of a trial run
    writeFileSync(path.join(BENCH_DATA_DIR, 'unsaved.json'), JSON.stringify(result, null, 2) + '\n');
    return;
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.date.slice(0, 16).replace(':', '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`results: ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
