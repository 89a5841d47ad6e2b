import bwipjs from 'bwip-js';
import pg from 'pg';
import type { AppProcess } from '../lib/app-process.js';
import { BARCODE_OPTIONS } from '../../api/devices/label-layout.js';
import { figure, median, type Figure } from '../lib/report.js';

const LABELS = 1000;

/** The barcode each label carries, with the options api/devices/label-layout.ts gives bwip-js. */
const rawBarcode = (assetTag: string) => bwipjs.toSVG({ ...BARCODE_OPTIONS, text: assetTag });

/**
 * A sheet of 1,000 labels (`GET /api/labels.pdf`, 42 A4 pages), as a technician prints it after a
 * large import, against bwip-js rendering the same 1,000 barcodes on its own.
 */
export async function labelsBenchmark(app: AppProcess, databaseUrl: string, options: { runs: number }): Promise<Figure[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number; asset_tag: string }>(`select id, asset_tag from devices where status = 'registered' order by id limit ${LABELS}`);
    if (rows.length !== LABELS) throw new Error(`labels: only ${rows.length} registered devices`);
    const token = await app.token('it_staff');
    const url = `${app.baseUrl}/api/labels.pdf?ids=${rows.map((row) => row.id).join(',')}`;
    const countEvents = async () => Number((await client.query(`select count(*) from events where type = 'label_printed' and device_id = any($1)`, [rows.map((row) => row.id)])).rows[0].count);

    let pages = 0;
    const printSheet = async () => {
      const before = await countEvents();
      const started = performance.now();
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const pdf = Buffer.from(await response.arrayBuffer());
      const elapsed = performance.now() - started;
      if (response.status !== 200 || pdf.subarray(0, 5).toString() !== '%PDF-') throw new Error(`labels: ${response.status} ${pdf.subarray(0, 200).toString()}`);
      pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
      if (pages !== Math.ceil(LABELS / 24)) throw new Error(`labels: ${pages} pages instead of ${Math.ceil(LABELS / 24)}`);
      if ((await countEvents()) - before !== LABELS) throw new Error('labels: the printing was not recorded for every device');
      return elapsed;
    };
    const renderBarcodes = () => {
      const started = performance.now();
      for (const row of rows) rawBarcode(row.asset_tag);
      return performance.now() - started;
    };

    // the API and the raw baseline take turns (after a warm-up of each), so that a slow moment of
    // the shared machine weighs on both alike instead of on whichever ran then
    await printSheet();
    renderBarcodes();
    const apiTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      apiTimes.push(await printSheet());
      rawTimes.push(renderBarcodes());
    }
    const apiPerLabel = median(apiTimes) / LABELS;
    const rawPerLabel = median(rawTimes) / LABELS;
    return [
      figure('labels.time', `Labels PDF: ${LABELS.toLocaleString('en')} labels (${pages} pages)`, median(apiTimes) / 1000, 's', { op: '<=', value: 5 }, { details: { runs: options.runs, apiMs: apiTimes, rawMs: rawTimes } }),
      figure('labels.perLabelRatio', 'Labels PDF: cost per label ÷ raw bwip-js per barcode', apiPerLabel / rawPerLabel, '×', { op: '<=', value: 1.5 }, {
        baseline: { label: 'bwip-js toSVG per barcode', value: rawPerLabel, unit: 'ms' },
        details: { apiPerLabelMs: apiPerLabel },
      }),
    ];
  } finally {
    await client.end();
  }
}
