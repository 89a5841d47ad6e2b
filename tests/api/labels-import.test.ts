import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const GLPI_CSV = readFileSync(new URL('../fixtures/glpi-computers.csv', import.meta.url));

async function createDevice(fields: Record<string, unknown> = {}) {
  const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', brand: 'Dell', model: 'Latitude 5490', originSite: 'Dépôt DSI — Lille', ...fields });
  return response.body;
}

function importFile(body: Buffer | string, query: Record<string, string> = {}, type = 'text/csv') {
  return t.http.post('/api/devices/import').query(query).set('Content-Type', type).send(body);
}

describe('labels', () => {
  it('draws an SVG label at true size with the barcode, the owner line, type and model', async () => {
    const device = await createDevice();
    const response = await t.http.get(`/api/devices/${device.id}/label.svg`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/image\/svg\+xml/);
    const svg = response.body.toString();
    expect(svg).toContain('width="70mm" height="37mm"');
    expect(svg).toContain('Propriété du Département du Nord');
    expect(svg).toContain('Portable · Dell · Latitude 5490');
    expect(svg).toMatch(/<path stroke="#000000"/);
  });

  it('renders a PNG of the barcode', async () => {
    const device = await createDevice();
    const response = await t.http.get(`/api/devices/${device.id}/label.png`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body.subarray(1, 4).toString()).toBe('PNG');
  });

  it('lays labels on A4 sheets (24 per page) and records that they were printed', async () => {
    const devices = [];
    for (let i = 0; i < 25; i++) devices.push(await createDevice());
    const ids = devices.map((device) => device.id).join(',');
    const response = await t.http.get('/api/labels.pdf').query({ ids }).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body.toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(pdf).toContain('/MediaBox [0 0 595.28 841.89]');
    const printed = await t.sql<{ n: number }>(`select count(*)::int as n from devices where id = any($1) and label_printed_at is not null`, [devices.map((d) => d.id)]);
    expect(printed).toEqual([{ n: 25 }]);
    const events = await t.sql<{ n: number }>(`select count(*)::int as n from events where device_id = any($1) and type = 'label_printed'`, [devices.map((d) => d.id)]);
    expect(events).toEqual([{ n: 25 }]);
    const after = await t.http.get(`/api/devices/${devices[0].id}`).set(await t.auth('it_staff'));
    expect(after.body.version).toBe(devices[0].version);
  });

  it('refuses bad id lists and unknown devices, and roles without label rights', async () => {
    const auth = await t.auth('it_staff');
    expect((await t.http.get('/api/labels.pdf').query({ ids: '1,abc' }).set(auth)).status).toBe(400);
    expect((await t.http.get('/api/labels.pdf').set(auth)).status).toBe(400);
    const unknown = await t.http.get('/api/labels.pdf').query({ ids: '999999' }).set(auth);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual({ missing: [999999] });
    const tooMany = Array.from({ length: 1001 }, (_, i) => i + 1).join(',');
    expect((await t.http.get('/api/labels.pdf').query({ ids: tooMany }).set(auth)).status).toBe(400);
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await t.http.get('/api/labels.pdf').query({ ids: '1' }).set(await t.auth(role))).status, role).toBe(403);
    }
  });
});

describe('import', () => {
  it('previews a GLPI export (semicolons, BOM, French headers) without writing anything', async () => {
    const response = await importFile(GLPI_CSV, { dryRun: 'true' }).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: true, totalRows: 3, created: 3, updated: 0, unchanged: 0, rejected: [] });
    expect(response.body.columns).toEqual([
      { header: 'Nom', field: 'hostname' },
      { header: 'Numéro de série', field: 'serialNumber' },
      { header: 'Fabricant', field: 'brand' },
      { header: 'Modèle', field: 'model' },
      { header: 'Type', field: 'type' },
      { header: 'Lieu', field: 'originSite' },
      { header: "Numéro d'inventaire", field: 'inventoryNumber' },
      { header: 'Statut', field: null },
    ]);
    expect(response.body.preview[1]).toMatchObject({ row: 3, action: 'create', device: { type: 'desktop', serialNumber: '7XK2M3J', originSite: 'UTPAS Roubaix' } });
    expect(await t.sql(`select 1 from devices where serial_number = '5CG8123ABC'`)).toEqual([]);
  });

  it('creates devices with asset tags, then re-importing the same file creates nothing', async () => {
    const auth = await t.auth('it_staff');
    const first = await importFile(GLPI_CSV).set(auth);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0 });
    const [device] = await t.sql<{ asset_tag: string; type: string; brand: string; hostname: string; site: string; inventory_number: string }>(
      `select asset_tag, type, brand, hostname, site, inventory_number from devices where serial_number = '5CG8123ABC'`,
    );
    expect(device).toMatchObject({ type: 'laptop', brand: 'HP', hostname: 'PC-DSI-0042', site: 'Hôtel du Département > DSI', inventory_number: 'CD59-INV-2017042' });
    expect(device.asset_tag).toMatch(/^CD59-\d{6}-\d$/);
    const eventCount = await t.sql<{ n: number }>(`select count(*)::int as n from events where type = 'imported'`);
    expect(eventCount).toEqual([{ n: 3 }]);

    const again = await importFile(GLPI_CSV).set(auth);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await t.sql(`select count(*)::int as n from events where type = 'imported'`)).toEqual([{ n: 3 }]);
  });

  it('updates the devices whose details changed, keyed by serial number', async () => {
    const csv = 'Numéro de série;Type;Modèle;Lieu\n5cg8123abc;Portable;ProBook 640 G5;Hôtel du Département > DSI\n';
    const response = await importFile(Buffer.from(csv)).set(await t.auth('it_staff'));
    expect(response.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [event] = await t.sql<{ details: unknown }>(
      `select e.details from events e join devices d on d.id = e.device_id where d.serial_number = '5CG8123ABC' and e.type = 'updated'`,
    );
    expect(event.details).toEqual({ source: 'import', changes: { model: ['ProBook 640 G4', 'ProBook 640 G5'] } });
  });

  it('writes nothing when one row is bad, and says which row and why', async () => {
    const csv = [
      'serialNumber,type,model,site',
      'OK-ROW-1,laptop,Latitude,Lille',
      ',laptop,No serial,Lille',
      'OK-ROW-2,toaster,Weird,Lille',
      'OK-ROW-1,laptop,Duplicate,Lille',
      'OK-ROW-3,desktop,Future,Lille',
    ].join('\n');
    const response = await importFile(Buffer.from(csv)).set(await t.auth('it_staff'));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('IMPORT_REJECTED');
    expect(response.body.error.details.rejected.map((row: { row: number }) => row.row)).toEqual([3, 4, 5]);
    expect(response.body.error.details.rejected[1].reason).toMatch(/toaster/);
    expect(response.body.error.details.rejected[2].reason).toMatch(/ligne 2/);
    expect(await t.sql(`select 1 from devices where serial_number like 'OK-ROW-%'`)).toEqual([]);
  });

  it('shows a refused row with the values the file had, and names the accepted types in French only', async () => {
    const csv = [
      'Numéro de série;Type;Fabricant;Modèle;Lieu',
      'REJ-0001;Grille-pain;Moulinex;Toast 2000;Lille',
      ';Portable;Dell;Latitude 5490;Lille',
      'REJ-0002;;HP;EliteDesk;Lille',
    ].join('\n');
    const response = await importFile(Buffer.from(csv), { dryRun: 'true' }).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body.rejected).toEqual([
      { row: 2, serialNumber: 'REJ-0001', type: 'Grille-pain', brand: 'Moulinex', model: 'Toast 2000', reason: 'type « Grille-pain » inconnu (attendu : portable, unité centrale, écran, tablette, smartphone, imprimante, autre)', unknownType: true },
      { row: 3, serialNumber: null, type: 'Portable', brand: 'Dell', model: 'Latitude 5490', reason: expect.stringMatching(/numéro de série manquant/) },
      { row: 4, serialNumber: 'REJ-0002', type: null, brand: 'HP', model: 'EliteDesk', reason: 'type manquant' },
    ]);
    expect(response.body.rejected[0].reason).not.toMatch(/laptop|desktop|monitor/);
    // the preview names a refused row too: its known type read, an unknown one left out
    expect(response.body.preview[0]).toEqual({ row: 2, action: 'reject', device: { serialNumber: 'REJ-0001', brand: 'Moulinex', model: 'Toast 2000' } });
    expect(response.body.preview[1]).toEqual({ row: 3, action: 'reject', device: { type: 'laptop', brand: 'Dell', model: 'Latitude 5490' } });
    // the import itself refuses with the same rows
    const refused = await importFile(Buffer.from(csv)).set(await t.auth('it_staff'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.rejected.map((row: { serialNumber: string | null }) => row.serialNumber)).toEqual(['REJ-0001', null, 'REJ-0002']);
  });

  it('uses the chosen site when the file has no location, and reads XLSX files', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ordinateurs');
    sheet.addRow(['Numéro de série', 'Type', 'Fabricant', 'Modèle', 'Année', 'Mémoire']);
    sheet.addRow(['XLSX-0001', 'Tablette', 'Samsung', 'Galaxy Tab A', 2020, '2 Go']);
    sheet.addRow(['XLSX-0002', 'Écran', 'HP', 'E243', 2019, '']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const noSite = await importFile(buffer, {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').set(await t.auth('it_staff'));
    expect(noSite.status).toBe(422);
    expect(noSite.body.error.details.rejected[0].reason).toMatch(/lieu manquant/);
    const response = await importFile(buffer, { site: 'Antenne de Dunkerque' }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(response.body.created).toBe(2);
    const rows = await t.sql(`select serial_number, type, year, ram_gb, site from devices where serial_number like 'XLSX-%' order by 1`);
    expect(rows).toEqual([
      { serial_number: 'XLSX-0001', type: 'tablet', year: 2020, ram_gb: 2, site: 'Antenne de Dunkerque' },
      { serial_number: 'XLSX-0002', type: 'monitor', year: 2019, ram_gb: null, site: 'Antenne de Dunkerque' },
    ]);
  });

  it('refuses files it cannot use with a clear 400', async () => {
    const auth = await t.auth('it_staff');
    const empty = await importFile(Buffer.alloc(0)).set(auth);
    expect(empty.status).toBe(400);
    const noSerial = await importFile(Buffer.from('Nom;Type\nPC-1;Portable\n')).set(auth);
    expect(noSerial.status).toBe(400);
    expect(noSerial.body.error.code).toBe('IMPORT_NO_SERIAL_COLUMN');
    const fakeZip = await importFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]), {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').set(auth);
    expect(fakeZip.status).toBe(400);
    const json = await t.http.post('/api/devices/import').set(auth).send({ rows: [] });
    expect(json.status).toBe(400);
  });

  it('reads a Windows-1252 file', async () => {
    const csv = Buffer.from('Numéro de série;Type;Lieu\nLATIN-1;Unité centrale;Dépôt\n', 'latin1');
    const response = await importFile(csv).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    expect(await t.sql(`select type, site from devices where serial_number = 'LATIN-1'`)).toEqual([{ type: 'desktop', site: 'Dépôt' }]);
  });

  it('is for depot staff only', async () => {
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await importFile(GLPI_CSV).set(await t.auth(role))).status, role).toBe(403);
    }
  });
});
