import { writeFileSync } from 'node:fs';
import { startApp, type AppProcess } from '../lib/app-process.js';
import { figure, type Figure } from '../lib/report.js';
import { deviceCsv, deviceXlsx, hugeColumnCsv, XLSX_TYPE } from '../../tests/helpers/import-files.js';

/** One import file at the limits, and the answer it must get. */
interface LoadCase {
  key: string;
  what: string;
  file: Buffer;
  type: string;
  status: number;
}

/** The largest files the import refuses, and the largest it accepts (issue #20 §1). */
async function cases(): Promise<LoadCase[]> {
  const rows = (count: number) => Buffer.from(['Numéro de série;Type', ...Array.from({ length: count }, (_, index) => `R${index};Portable`)].join('\n'));
  return [
    { key: 'hugeColumns', what: 'refused: CSV, a header of 1.2 million columns', file: hugeColumnCsv(1_200_000), type: 'text/csv', status: 400 },
    { key: 'csvRows', what: 'refused: CSV of 900,000 rows', file: rows(900_000), type: 'text/csv', status: 400 },
    { key: 'xlsxRows', what: 'refused: workbook of 210,000 rows × 3 cells', file: (await deviceXlsx(210_000, 3, 'LOADR')).file, type: XLSX_TYPE, status: 400 },
    { key: 'csvAccepted', what: 'accepted: CSV of 200,000 rows (the row limit)', file: deviceCsv(200_000, 'LOADC'), type: 'text/csv', status: 200 },
    { key: 'xlsxAccepted', what: 'accepted: workbook of 160,000 rows × 20 cells', file: (await deviceXlsx(160_000, 20, 'LOADX')).file, type: XLSX_TYPE, status: 200 },
  ];
}

/** Sends the file as a dry run while /api/health is asked every 50 ms; the app's peak RSS is reset just before. */
async function measure(app: AppProcess, token: string, item: LoadCase) {
  // Linux: "5" in clear_refs resets the process's peak RSS (VmHWM) to its current RSS
  writeFileSync(`/proc/${app.pid}/clear_refs`, '5');
  const rssBefore = app.rssMb();
  const health: number[] = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      await (await fetch(`${app.baseUrl}/api/health`)).text();
      health.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const response = await fetch(`${app.baseUrl}/api/devices/import?dryRun=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': item.type },
    body: new Uint8Array(item.file),
  });
  const answer = await response.text();
  const ms = performance.now() - started;
  done = true;
  await poll;
  if (response.status !== item.status) throw new Error(`import load: ${item.what} answered ${response.status} (expected ${item.status}): ${answer.slice(0, 300)}`);
  return { ms, answerBytes: answer.length, peakRssGrowthMb: app.peakRssMb() - rssBefore, rssBeforeMb: rssBefore, slowestHealthMs: Math.max(...health), healthChecks: health.length };
}

/**
 * The largest refused and accepted import files (dry runs: the rows are read and validated, not
 * written; the writing is the import benchmark's) sent one by one to a fresh app process, each
 * while /api/health is asked every 50 ms: the slowest health answer is how long the API was
 * held, the peak RSS growth (VmHWM after the answer − RSS before) what the file cost in memory.
 */
export async function importLoadBenchmark(databaseUrl: string): Promise<Figure[]> {
  const files = await cases();
  const app = await startApp(databaseUrl);
  try {
    const token = await app.token('it_staff');
    // a heavy import first: the worker's code is compiled and loaded before anything is measured
    await measure(app, token, { key: 'warmUp', what: 'warm-up', file: deviceCsv(20_000, 'WARM'), type: 'text/csv', status: 200 });
    const figures: Figure[] = [];
    for (const item of files) {
      const result = await measure(app, token, item);
      const megabytes = `${(item.file.length / 1048576).toFixed(1)} MB`;
      const details = { ...result, fileBytes: item.file.length };
      figures.push(
        figure(`importLoad.${item.key}.health`, `Import ${item.what} (${megabytes}): slowest /api/health`, result.slowestHealthMs, 'ms', { op: '<=', value: 500 }, {
          baseline: { label: 'answered in', value: result.ms, unit: 'ms' },
          details,
        }),
        figure(`importLoad.${item.key}.peakRss`, `Import ${item.what}: app peak RSS growth`, result.peakRssGrowthMb, 'MB', { op: '<=', value: 400 }, {
          baseline: { label: 'app RSS before', value: result.rssBeforeMb, unit: 'MB' },
        }),
      );
    }
    return figures;
  } finally {
    await app.stop();
  }
}
