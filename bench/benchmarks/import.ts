import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { AppProcess } from '../lib/app-process.js';
import { figure, type Figure } from '../lib/report.js';
import type { Invariant } from './transitions.js';

const MODELS: [string, string, string][] = [
  ['Dell', 'Latitude 5520', 'Portable'],
  ['HP', 'EliteBook 850 G7', 'Ordinateur portable'],
  ['Lenovo', 'ThinkCentre M75q', 'Unité centrale'],
  ['Dell', 'OptiPlex 5080', 'Unité centrale'],
  ['Iiyama', 'ProLite XUB2493HS', 'Écran'],
  ['Samsung', 'Galaxy Tab S6 Lite', 'Tablette'],
];

/** A GLPI computer export as the Département's IT sends it: French headers, semicolons, UTF-8 with BOM. */
export function glpiCsv(rows: number, options: { badLastRow?: boolean; serialPrefix: string }): Buffer {
  const lines = ['Nom;Numéro de série;Fabricant;Modèle;Type;Lieu;Numéro d\'inventaire'];
  for (let index = 0; index < rows; index++) {
    const [brand, model, type] = MODELS[index % MODELS.length];
    const last = options.badLastRow && index === rows - 1;
    lines.push([`PC59-B${String(index).padStart(6, '0')}`, `${options.serialPrefix}${String(index).padStart(7, '0')}`, brand, model, last ? 'Grille-pain' : type, 'Dépôt DSI — Lille', `CD59-INV-B${String(index).padStart(7, '0')}`].join(';'));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

const counts = async (client: pg.Client) => {
  const { rows } = await client.query<{ devices: string; events: string }>(`select (select count(*) from devices) as devices, (select count(*) from events) as events`);
  return { devices: Number(rows[0].devices), events: Number(rows[0].events) };
};

/**
 * `POST /api/devices/import` with a 100,000-row GLPI CSV. First the same file with one bad row at
 * the end: it must be refused and write nothing (all or nothing); then the good file, timed. The
 * raw baseline is PostgreSQL's COPY of the same rows into a scratch copy of the devices table.
 */
export async function importBenchmark(app: AppProcess, databaseUrl: string, options: { rows: number }): Promise<{ figures: Figure[]; invariants: Invariant[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const token = await app.token('it_staff');
    const post = async (csv: Buffer) => {
      const started = performance.now();
      const response = await fetch(`${app.baseUrl}/api/devices/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: new Uint8Array(csv) });
      const body = (await response.json()) as { created?: number; error?: { code: string; details?: { rejected?: { row: number }[] } } };
      return { ms: performance.now() - started, status: response.status, body };
    };
    const invariants: Invariant[] = [];

    const before = await counts(client);
    const refused = await post(glpiCsv(options.rows, { badLastRow: true, serialPrefix: 'BENCHIMP' }));
    const afterRefused = await counts(client);
    const rejectedRows = refused.body.error?.details?.rejected?.map((row) => row.row) ?? [];
    invariants.push({
      name: 'import is all or nothing (one bad row at the end: nothing written)',
      ok: refused.status === 422 && rejectedRows.length === 1 && rejectedRows[0] === options.rows + 1 && afterRefused.devices === before.devices && afterRefused.events === before.events,
      detail: `answer ${refused.status} ${refused.body.error?.code ?? ''}, rejected rows ${JSON.stringify(rejectedRows)}, devices ${before.devices} → ${afterRefused.devices}, events ${before.events} → ${afterRefused.events} (${Math.round(refused.ms)} ms)`,
    });

    const csv = glpiCsv(options.rows, { serialPrefix: 'BENCHIMP' });
    const imported = await post(csv);
    const after = await counts(client);
    invariants.push({
      name: 'import writes one device and one event per row',
      ok: imported.status === 200 && imported.body.created === options.rows && after.devices - before.devices === options.rows && after.events - before.events === options.rows,
      detail: `answer ${imported.status}, created ${imported.body.created}, devices +${after.devices - before.devices}, events +${after.events - before.events}`,
    });

    // raw: the same rows written by COPY into a scratch copy of the table (no parsing, no validation, no events)
    await client.query(`create temporary table scratch_devices (like devices including defaults)`);
    const started = performance.now();
    const rows = csv.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    const lines = rows.map((line, index) => {
      const [hostname, serial, brand, model] = line.split(';');
      return [index + 1, `RAW-${index}`, hostname, `RAW${serial}`, 'laptop', brand, model, 'Dépôt DSI — Lille', 'Dépôt DSI — Lille'].join('\t');
    });
    await pipeline(
      Readable.from([lines.join('\n') + '\n']),
      client.query(copyStreams.from(`copy scratch_devices (id, asset_tag, hostname, serial_number, type, brand, model, origin_site, site) from stdin`)),
    );
    const rawMs = performance.now() - started;
    await client.query(`drop table scratch_devices`);

    return {
      figures: [
        figure('import.rate', `Import of a ${options.rows.toLocaleString('en')}-row GLPI CSV: rate`, imported.status === 200 ? options.rows / (imported.ms / 1000) : 0, 'rows/s', { op: '>=', value: 5000 }, {
          baseline: { label: 'COPY of the same rows', value: options.rows / (rawMs / 1000), unit: 'rows/s' },
          details: { ms: imported.ms, bytes: csv.length, refusedMs: refused.ms },
        }),
      ],
      invariants,
    };
  } finally {
    await client.end();
  }
}
