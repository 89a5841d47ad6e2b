import ExcelJS from 'exceljs';
import { startApp } from '../lib/app-process.js';
import { figure, type Figure } from '../lib/report.js';
import { xlsxZipBombs } from '../../tests/helpers/zip.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function genuineWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ordinateurs');
  sheet.addRow(['Numéro de série', 'Type']);
  sheet.addRow(['BOMB-0', 'Écran']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The four XLSX zip bombs of tests/api/hostile-input.test.ts (each would inflate to 300 MB or
 * more) sent to `POST /api/devices/import?dryRun=true` in a fresh app process: they must be
 * refused before anything is inflated, so quickly and without the process's peak RSS growing.
 * The baseline is the same request with the genuine one-row workbook they are built from.
 */
export async function zipBombsBenchmark(databaseUrl: string): Promise<Figure[]> {
  const workbook = await genuineWorkbook();
  const bombs = await xlsxZipBombs(workbook);
  const app = await startApp(databaseUrl);
  try {
    const headers = { authorization: `Bearer ${await app.token('it_staff')}`, 'content-type': XLSX_TYPE };
    const send = async (file: Buffer) => {
      const started = performance.now();
      const response = await fetch(`${app.baseUrl}/api/devices/import?dryRun=true`, { method: 'POST', headers, body: new Uint8Array(file) });
      const body = (await response.json()) as { error?: { code?: string } };
      return { ms: performance.now() - started, status: response.status, code: body.error?.code };
    };
    // the genuine workbook first: the import code is loaded and warm before the peak RSS is read
    const genuine = await send(workbook);
    if (genuine.status !== 200) throw new Error(`zip bombs: the genuine workbook answered ${genuine.status} ${genuine.code}`);
    const peakBeforeMb = app.peakRssMb();
    const refusals = [];
    for (const bomb of bombs) {
      const answer = await send(bomb.file);
      if (answer.status !== bomb.status || answer.code !== bomb.code) throw new Error(`zip bombs: ${bomb.what} answered ${answer.status} ${answer.code}, expected ${bomb.status} ${bomb.code}`);
      refusals.push({ what: bomb.what, kilobytesSent: Math.round(bomb.file.length / 1024), ms: answer.ms });
    }
    const slowest = Math.max(...refusals.map((refusal) => refusal.ms));
    return [
      figure('zipBombs.slowest', `XLSX zip bombs (${bombs.length}): slowest refusal`, slowest, 'ms', { op: '<=', value: 5000 }, {
        baseline: { label: 'genuine one-row workbook', value: genuine.ms, unit: 'ms' },
        details: { refusals },
      }),
      figure('zipBombs.peakRssGrowth', `XLSX zip bombs (${bombs.length}): app peak RSS growth`, app.peakRssMb() - peakBeforeMb, 'MB', { op: '<=', value: 100 }, {
        baseline: { label: 'app peak RSS before them', value: peakBeforeMb, unit: 'MB' },
      }),
    ];
  } finally {
    await app.stop();
  }
}
