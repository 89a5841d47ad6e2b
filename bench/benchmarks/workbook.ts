import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { startApp } from '../lib/app-process.js';
import { figure, type Figure } from '../lib/report.js';

const START = `($1::date)::timestamp at time zone 'Europe/Paris'`;
const END = `(($2::date) + 1)::timestamp at time zone 'Europe/Paris'`;

/** The rows of the workbook's three data sheets, as PostgreSQL gives them: the floor of the export's cost. */
const RAW_SHEETS = [
  `select d.id, d.asset_tag, d.type, d.brand, d.model, d.year, d.status, d.origin_site, d.created_at from devices d
   where exists (select 1 from events e where e.device_id = d.id and e.at >= ${START} and e.at < ${END}) order by d.id`,
  `select e.id, d.asset_tag, d.type, e.from_status, e.to_status, e.at, e.site from events e join devices d on d.id = e.device_id
   where e.at >= ${START} and e.at < ${END} and e.to_status is not null order by e.id`,
  `select a.id, d.asset_tag, d.type, r.territory, r.training_wanted, a.price_cents, a.allocated_at
   from allocations a join devices d on d.id = a.device_id join referrals r on r.id = a.referral_id
   where a.allocated_at >= ${START} and a.allocated_at < ${END} order by a.id`,
];

async function rawExport(databaseUrl: string, from: string, to: string): Promise<{ ms: number; rows: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    let rows = 0;
    for (const sql of RAW_SHEETS) {
      const literal = sql.replaceAll('$1', `'${from}'`).replaceAll('$2', `'${to}'`);
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          for (const byte of chunk) if (byte === 10) rows++;
          callback();
        },
      });
      await pipeline(client.query(copyStreams.to(`copy (${literal}) to stdout`)), sink);
    }
    return { ms: performance.now() - started, rows };
  } finally {
    await client.end();
  }
}

/** One export in a fresh app process: its time, its size, the process's peak RSS and CPU time. */
async function exportOnce(databaseUrl: string, from: string, to: string) {
  const app = await startApp(databaseUrl);
  try {
    const token = await app.token('viewer');
    const idleRssMb = app.peakRssMb();
    const cpuBefore = app.cpuSeconds();
    const started = performance.now();
    const response = await fetch(`${app.baseUrl}/api/reports/partnership.xlsx?${new URLSearchParams({ from, to })}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200 || !response.body) throw new Error(`workbook: ${response.status} ${await response.text()}`);
    let bytes = 0;
    let tail = Buffer.alloc(0);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      tail = Buffer.concat([tail, Buffer.from(chunk)]).subarray(-64);
    }
    const ms = performance.now() - started;
    // a complete zip ends with its end-of-central-directory record ("PK\x05\x06")
    if (!tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))) throw new Error('workbook: the file is cut short (no end of zip)');
    // the app's CPU time: its event loop, and the zip's compression on libuv's threads
    return { ms, bytes, idleRssMb, peakRssMb: app.peakRssMb(), appCpuSeconds: app.cpuSeconds() - cpuBefore };
  } finally {
    await app.stop();
  }
}

/**
 * The partnership workbook over the whole history (every device and event of the dataset), in a
 * child process so that its peak RSS is measured, at 100k devices and at 10k devices: memory must
 * not grow with the data (streaming), time is compared with reading the same rows out of PostgreSQL.
 */
export async function workbookBenchmark(large: { url: string; devices: number }, small: { url: string; devices: number }, period: { from: string; to: string }): Promise<Figure[]> {
  const smallRun = await exportOnce(small.url, period.from, period.to);
  // the export at 100k and its COPY take turns, twice, and the faster of each is kept: a slow
  // minute of a shared machine then weighs on neither alone
  const largeRuns: Awaited<ReturnType<typeof exportOnce>>[] = [];
  const rawRuns: Awaited<ReturnType<typeof rawExport>>[] = [];
  for (let turn = 0; turn < 2; turn++) {
    largeRuns.push(await exportOnce(large.url, period.from, period.to));
    rawRuns.push(await rawExport(large.url, period.from, period.to));
  }
  const largeRun = { ...fastest(largeRuns), peakRssMb: Math.max(...largeRuns.map((run) => run.peakRssMb)) };
  const raw = fastest(rawRuns);
  const k = (devices: number) => `${devices / 1000}k`;
  const details = { period, large: { devices: large.devices, ...largeRun }, small: { devices: small.devices, ...smallRun }, rawRows: raw.rows, turns: { exportsMs: largeRuns.map((run) => run.ms), copiesMs: rawRuns.map((run) => run.ms) } };
  return [
    figure('workbook.time', `Partnership workbook at ${k(large.devices)} devices: time`, largeRun.ms / 1000, 's', { op: '<=', value: 20 }, {
      baseline: { label: `COPY of the same ${raw.rows.toLocaleString('en')} rows`, value: raw.ms / 1000, unit: 's' },
      details,
    }),
    figure('workbook.peakRss', `Partnership workbook at ${k(large.devices)}: peak RSS of the app`, largeRun.peakRssMb, 'MB', { op: '<=', value: 400 }, {
      baseline: { label: 'app before the export', value: largeRun.idleRssMb, unit: 'MB' },
    }),
    figure('workbook.rssGrowth', `Workbook peak RSS ${k(large.devices)} ÷ peak RSS ${k(small.devices)}`, largeRun.peakRssMb / smallRun.peakRssMb, '×', { op: '<=', value: 1.5 }, {
      baseline: { label: `peak RSS at ${k(small.devices)}`, value: smallRun.peakRssMb, unit: 'MB' },
    }),
  ];
}

const fastest = <T extends { ms: number }>(runs: T[]): T => runs.reduce((best, run) => (run.ms < best.ms ? run : best));
