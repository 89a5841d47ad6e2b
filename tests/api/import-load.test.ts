import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { killServers, startChildServer, type ChildServer } from '../helpers/server-process.js';
import { deviceCsv, deviceXlsx, hugeColumnCsv, XLSX_TYPE } from '../helpers/import-files.js';

// Issue #20 §1: an import file must not freeze the API. The server runs as in production (a child
// process started with `node --import tsx`), so its memory and its answers to /api/health are its own.

let t: TestApp;
let server: ChildServer;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  server = await startChildServer(t.databaseUrl);
  token = await t.token('it_staff');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  killServers();
  await t?.close();
});

const megabytes = (field: 'VmHWM' | 'VmRSS') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024;
/** Linux: "5" in clear_refs resets the process's peak RSS (VmHWM) to its current RSS. */
const resetPeakRss = () => writeFileSync(`/proc/${server.child.pid}/clear_refs`, '5');

async function postImport(file: Buffer, type: string, query = '') {
  const started = performance.now();
  const response = await fetch(server.url(`/api/devices/import${query}`), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Uint8Array(file),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}

/**
 * The slowest /api/health answer allowed during an import. Before issue #20 these files held the
 * event loop 2 to 19 s (the health check was cut off here); an idle server on this project's
 * shared 2-core machine answers in up to ~150 ms, so 1 s leaves room for the machine's load.
 */
const HEALTH_BOUND_MS = 1000;

/** Asks /api/health every 50 ms while `work` runs: the slowest answer is how long the event loop was held. */
async function healthDuring<T>(work: Promise<T>): Promise<{ result: T; slowestHealthMs: number; checks: number }> {
  let done = false;
  let slowest = 0;
  let checks = 0;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(server.url('/api/health'));
      await response.text();
      slowest = Math.max(slowest, performance.now() - started);
      checks++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const result = await work.finally(() => (done = true));
  await poll;
  return { result, slowestHealthMs: slowest, checks };
}

describe('a hostile or huge import file does not freeze the API', () => {
  it('refuses a CSV of 1.2 million columns at its 201st cell, with a short answer, while /api/health answers at once', async () => {
    const file = hugeColumnCsv(1_200_000);
    expect(file.length).toBeGreaterThan(11 * 1024 * 1024);
    const idle = await healthDuring(new Promise((resolve) => setTimeout(resolve, 3000)));
    console.info(`[import-load] idle server: slowest of ${idle.checks} health checks ${Math.round(idle.slowestHealthMs)} ms`);
    const { result, slowestHealthMs, checks } = await healthDuring(postImport(file, 'text/csv', '?dryRun=true'));
    console.info(`[import-load] 1.2M-column CSV (${(file.length / 1048576).toFixed(1)} MB): ${result.status} in ${Math.round(result.ms)} ms, ${result.text.length} bytes answered; slowest of ${checks} health checks: ${Math.round(slowestHealthMs)} ms`);
    expect(result.status).toBe(400);
    expect(result.text.length).toBeLessThan(1000);
    expect(JSON.parse(result.text).error.message).toMatch(/plus de 200 colonnes/);
    expect(slowestHealthMs).toBeLessThan(HEALTH_BOUND_MS);
  }, 60_000);

  it('refuses a CSV of more than 200,000 rows when the 200,001st arrives, reading it off the event loop', async () => {
    const lines = ['Numéro de série;Type'];
    for (let index = 0; index <= 200_000; index++) lines.push(`R${index};Portable`);
    const file = Buffer.from(lines.join('\n'));
    const { result, slowestHealthMs, checks } = await healthDuring(postImport(file, 'text/csv', '?dryRun=true'));
    console.info(`[import-load] CSV of 200,001 rows (${(file.length / 1048576).toFixed(1)} MB): ${result.status} in ${Math.round(result.ms)} ms; slowest of ${checks} health checks: ${Math.round(slowestHealthMs)} ms`);
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error.message).toMatch(/plus de 200\s000 lignes/);
    expect(slowestHealthMs).toBeLessThan(HEALTH_BOUND_MS);
  }, 120_000);

  it('refuses a first row that is not a header with a short error that does not send the row back', async () => {
    const row = Array.from({ length: 50 }, (_, index) => `${'donnée '.repeat(100)}${index}`).join(';');
    const result = await postImport(Buffer.from(`${row}\nPC-1;Portable\n`), 'text/csv');
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error).toMatchObject({ code: 'IMPORT_NOT_A_HEADER', message: expect.stringContaining('nom des colonnes') });
    expect(result.text.length).toBeLessThan(2000);
  });

  it('reads a large workbook as a stream: the server holds the rows it needs, not the inflated workbook', async () => {
    const { file, inflatedBytes } = await deviceXlsx(60_000, 20, 'XLOAD');
    // a warm-up import first: the worker's code is compiled and loaded once, outside the measure
    expect((await postImport((await deviceXlsx(10, 20, 'XWARM')).file, XLSX_TYPE, '?dryRun=true&site=Dépôt')).status).toBe(200);
    resetPeakRss();
    const before = megabytes('VmRSS');
    const { result, slowestHealthMs } = await healthDuring(postImport(file, XLSX_TYPE, '?dryRun=true'));
    const growth = megabytes('VmHWM') - before;
    console.info(`[import-load] workbook of 60,000 rows × 20 cells (${(file.length / 1048576).toFixed(1)} MB, ${(inflatedBytes / 1048576).toFixed(1)} MB inflated): ${result.status} in ${Math.round(result.ms)} ms; RSS ${Math.round(before)} MB, peak ${Math.round(before + growth)} MB; slowest health check ${Math.round(slowestHealthMs)} ms`);
    expect(result.status, result.text.slice(0, 500)).toBe(200);
    expect(JSON.parse(result.text)).toMatchObject({ dryRun: true, totalRows: 60_000, created: 60_000, rejected: [] });
    // exceljs's whole-workbook reader (before issue #20) took this server to a 1 GB peak and held /api/health 10 s
    expect(growth).toBeLessThan(350);
    // rows validated on the main thread held it 2.2 s on the loaded machine; in the worker, as long as an idle server's peaks
    expect(slowestHealthMs).toBeLessThan(HEALTH_BOUND_MS);
  }, 180_000);

  it('reports the refused rows of a heavy file (validated in the worker) as for a light one: reason, row and the cells as written', async () => {
    const file = Buffer.concat([deviceCsv(25_000, 'HEAVYREP'), Buffer.from('HEAVYREP-0000007;Portable;Dell;Latitude;Dépôt\nHR-X;Grille-pain;Acme;T1000;Dépôt\n;Portable;HP;;Dépôt\n')]);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const result = await postImport(file, 'text/csv', '?dryRun=true');
    expect(result.status, result.text.slice(0, 500)).toBe(200);
    const report = JSON.parse(result.text);
    expect(report).toMatchObject({ totalRows: 25_003, created: 25_000, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      { row: 25_002, serialNumber: 'HEAVYREP-0000007', type: 'Portable', brand: 'Dell', model: 'Latitude', reason: 'numéro de série HEAVYREP-0000007 déjà présent ligne 9' },
      { row: 25_003, serialNumber: 'HR-X', type: 'Grille-pain', brand: 'Acme', model: 'T1000', reason: expect.stringMatching(/^type « Grille-pain » inconnu \(attendu : /), unknownType: true },
      { row: 25_004, serialNumber: null, type: 'Portable', brand: 'HP', model: null, reason: expect.stringContaining('numéro de série manquant') },
    ]);
    expect(report.preview).toHaveLength(20);
    expect(report.preview[0]).toMatchObject({ row: 2, action: 'create', device: { serialNumber: 'HEAVYREP-0000000', type: 'laptop', originSite: 'Dépôt DSI — Lille' } });
  }, 120_000);

  it('runs one heavy import at a time: another one meanwhile gets 429 with Retry-After, and the place is given back', async () => {
    const first = deviceCsv(25_000, 'HEAVY-A');
    const second = deviceCsv(25_000, 'HEAVY-B');
    expect(first.length).toBeGreaterThan(1024 * 1024);
    const answers = await Promise.all([postImport(first, 'text/csv', '?dryRun=true'), postImport(second, 'text/csv', '?dryRun=true')]);
    const busy = answers.find((answer) => answer.status === 429);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 429]);
    expect(busy!.headers.get('retry-after')).toBe('30');
    expect(JSON.parse(busy!.text).error).toMatchObject({ code: 'IMPORT_BUSY', message: expect.stringContaining('réessayez dans 30 secondes') });
    // a light import does not wait for the place, and once the heavy one is done the next one runs
    expect((await postImport(deviceCsv(3, 'LIGHT'), 'text/csv', '?dryRun=true')).status).toBe(200);
    expect((await postImport(second, 'text/csv', '?dryRun=true')).status).toBe(200);
  }, 120_000);
});
