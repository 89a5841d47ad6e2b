import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { pdfInfo } from '../helpers/pdfinfo.js';
import { formatAssetTag } from '../../api/devices/asset-tag.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SITE = 'Dépôt DSI — Lille';
const UNKNOWN_TAG = formatAssetTag({ prefix: 'CD59', digits: 6 }, 999998);
let serial = 0;

/** A device that went through the wiping station (no storage: certified at once). */
async function sanitizedDevice(site = SITE, type = 'monitor') {
  const tech = await t.auth('it_staff');
  const device = (await t.http.post('/api/devices').set(tech).send({ type, brand: 'Dell', model: 'P2419H', originSite: site, serialNumber: `BATCH-DEV-${++serial}` })).body;
  const sanitized = await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech);
  expect(sanitized.body.status).toBe('sanitized');
  return sanitized.body as { id: number; assetTag: string; certificateNumber: string };
}

/** A pickup date a month ahead (a planned date must stay within two years of today). */
const IN_A_MONTH = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

async function draftBatch(site = SITE) {
  const response = await t.http.post('/api/batches').set(await t.auth('it_staff')).send({ site, plannedAt: IN_A_MONTH });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; reference: string; status: string };
}

async function readyBatch(count: number) {
  const batch = await draftBatch();
  const devices = [];
  for (let i = 0; i < count; i++) devices.push(await sanitizedDevice());
  const tech = await t.auth('it_staff');
  const added = await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ assetTags: devices.map((device) => device.assetTag) });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  expect((await t.http.post(`/api/batches/${batch.id}/ready`).set(tech)).status).toBe(200);
  return { batch, devices };
}

const deviceStatus = async (id: number) => (await t.sql<{ status: string; site: string; batch_id: number | null }>(`select status, site, batch_id from devices where id = $1`, [id]))[0];

describe('building a batch', () => {
  it('numbers batches LOT-<year>-<seq> and starts them as drafts', async () => {
    const first = await draftBatch();
    const second = await draftBatch();
    const year = new Date().getFullYear();
    expect(first.reference).toMatch(new RegExp(`^LOT-${year}-\\d{4}$`));
    expect(Number(second.reference.slice(-4))).toBe(Number(first.reference.slice(-4)) + 1);
    expect(first).toMatchObject({ status: 'draft', partner: 'Emmaüs Connect', deviceCount: 0 });
  });

  it('takes only sanitized devices of its depot, all or nothing', async () => {
    const batch = await draftBatch();
    const good = await sanitizedDevice();
    const elsewhere = await sanitizedDevice('Antenne de Valenciennes');
    const notWiped = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: SITE })).body;
    const tech = await t.auth('it_staff');
    const refused = await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [good.id, elsewhere.id, notWiped.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DEVICES_REFUSED');
    expect(refused.body.error.details.refused.map((row: { assetTag: string }) => row.assetTag)).toEqual([elsewhere.assetTag, notWiped.assetTag]);
    expect((await deviceStatus(good.id)).status).toBe('sanitized');

    const added = await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ assetTags: [good.assetTag.toLowerCase()] });
    expect(added.status).toBe(200);
    expect(added.body.added).toEqual([good.assetTag]);
    expect(await deviceStatus(good.id)).toMatchObject({ status: 'in_batch', batch_id: batch.id });
    const again = await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [good.id] });
    expect(again.body).toMatchObject({ added: [], alreadyInBatch: [good.assetTag] });
    const unknown = await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ assetTags: ['CD59-999999-3'] });
    expect(unknown.status).toBe(409);
  });

  it('refuses a device already in another batch, and lets one be removed from a draft', async () => {
    const first = await draftBatch();
    const second = await draftBatch();
    const device = await sanitizedDevice();
    const tech = await t.auth('it_staff');
    await t.http.post(`/api/batches/${first.id}/devices`).set(tech).send({ ids: [device.id] });
    const other = await t.http.post(`/api/batches/${second.id}/devices`).set(tech).send({ ids: [device.id] });
    expect(other.status).toBe(409);
    expect(other.body.error.details.refused[0].reason).toMatch(/autre lot/);
    expect((await t.http.delete(`/api/batches/${first.id}/devices/${device.id}`).set(tech)).status).toBe(200);
    expect(await deviceStatus(device.id)).toMatchObject({ status: 'sanitized', batch_id: null });
    const events = await t.sql<{ from_status: string; to_status: string }>(`select from_status, to_status from events where device_id = $1 and type = 'transition' order by id`, [device.id]);
    expect(events.map((event) => `${event.from_status}→${event.to_status}`)).toEqual(['registered→sanitized', 'sanitized→in_batch', 'in_batch→sanitized']);
  });

  it('freezes the content once ready, and refuses an empty batch', async () => {
    const empty = await draftBatch();
    const tech = await t.auth('it_staff');
    expect((await t.http.post(`/api/batches/${empty.id}/ready`).set(tech)).status).toBe(400);
    const { batch, devices } = await readyBatch(1);
    const extra = await sanitizedDevice();
    const add = await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [extra.id] });
    expect(add.status).toBe(409);
    expect(add.body.error.code).toBe('BATCH_STATUS');
    expect((await t.http.delete(`/api/batches/${batch.id}/devices/${devices[0].id}`).set(tech)).status).toBe(409);
    expect((await t.http.post(`/api/batches/${batch.id}/ready`).set(tech)).status).toBe(409);
  });

  it('is built by depot staff only', async () => {
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await t.http.post('/api/batches').set(await t.auth(role)).send({ site: SITE })).status, role).toBe(403);
    }
    const batch = await draftBatch();
    expect((await t.http.post(`/api/batches/${batch.id}/ready`).set(await t.auth('partner'))).status).toBe(403);
    expect((await t.http.post('/api/batches').set(await t.auth('it_staff')).send({ site: 'x', plannedAt: '01/12/2026' })).status).toBe(400);
  });
});

describe('what the partner sees', () => {
  it('sees ready batches addressed to its organisation, never drafts or other partners’ batches', async () => {
    const draft = await draftBatch();
    const { batch } = await readyBatch(1);
    const foreign = (await t.http.post('/api/batches').set(await t.auth('it_staff')).send({ site: SITE, partner: 'Autre association' })).body;
    const partner = await t.auth('partner');
    const list = await t.http.get('/api/batches').set(partner);
    const ids = list.body.map((row: { id: number }) => row.id);
    expect(ids).toContain(batch.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(foreign.id);
    expect((await t.http.get(`/api/batches/${draft.id}`).set(partner)).status).toBe(404);
    expect((await t.http.get(`/api/batches/${batch.id}`).set(partner)).body).toMatchObject({ status: 'ready', deviceCount: 1, countsByType: { monitor: 1 } });
  });
});

describe('devices the partner sees', () => {
  it('sees a batch’s devices once the batch is ready, not while it is being built', async () => {
    const batch = await draftBatch();
    const device = await sanitizedDevice();
    const tech = await t.auth('it_staff');
    await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [device.id] });
    const partner = await t.auth('partner');
    const listed = async () => (await t.http.get('/api/devices').query({ filter: JSON.stringify({ batch: batch.id }) }).set(partner)).body.map((row: { id: number }) => row.id);
    expect(await listed()).toEqual([]);
    expect((await t.http.get(`/api/scan/${device.assetTag}`).set(partner)).status).toBe(403);
    await t.http.post(`/api/batches/${batch.id}/ready`).set(tech);
    expect(await listed()).toEqual([device.id]);
    expect((await t.http.get(`/api/scan/${device.assetTag}`).set(partner)).status).toBe(200);
    const certificate = await t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(partner).buffer(true).parse(binaryParser);
    expect(certificate.status).toBe(200);
    expect(pdfInfo(certificate.body)).toMatchObject({ Tagged: 'yes' });
  });
});

describe('pickup by scanning', () => {
  it('hands every scanned device over to the partner in one go', async () => {
    const { batch, devices } = await readyBatch(3);
    const response = await t.http.post(`/api/batches/${batch.id}/pickup`).set(await t.auth('partner')).send({ scanned: devices.map((device) => device.assetTag) });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.batch).toMatchObject({ status: 'picked_up', pickedUpByName: 'Paula Partenaire', discrepancy: null });
    expect(response.body.missing).toEqual([]);
    for (const device of devices) expect(await deviceStatus(device.id)).toMatchObject({ status: 'handed_over', site: 'Emmaüs Connect', batch_id: batch.id });
    const events = await t.sql<{ actor_id: number }>(`select actor_id from events where device_id = any($1) and to_status = 'handed_over'`, [devices.map((d) => d.id)]);
    expect(events).toHaveLength(3);
    expect(events.every((event) => event.actor_id === t.users.partner.id)).toBe(true);
  });

  it('refuses a tag of another batch or an unknown tag, and changes nothing', async () => {
    const { batch, devices } = await readyBatch(2);
    const stranger = await sanitizedDevice();
    const response = await t.http
      .post(`/api/batches/${batch.id}/pickup`)
      .set(await t.auth('partner'))
      .send({ scanned: [...devices.map((device) => device.assetTag), stranger.assetTag, UNKNOWN_TAG, 'garbage', 'CD59-000000-1'] });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('FOREIGN_TAGS');
    expect(response.body.error.details.foreign).toEqual([
      { assetTag: stranger.assetTag, known: true, batch: null },
      { assetTag: UNKNOWN_TAG, known: false, batch: null },
    ]);
    // a misread check digit is reported as such
    expect(response.body.error.details.invalid).toEqual(['garbage', 'CD59-000000-1']);
    expect((await deviceStatus(devices[0].id)).status).toBe('in_batch');
    expect((await t.http.get(`/api/batches/${batch.id}`).set(await t.auth('partner'))).body.status).toBe('ready');
  });

  it('needs a written discrepancy when a device is missing; the missing one stays with the Département', async () => {
    const { batch, devices } = await readyBatch(3);
    const partner = await t.auth('partner');
    const scanned = devices.slice(0, 2).map((device) => device.assetTag);
    const withoutNote = await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned });
    expect(withoutNote.status).toBe(422);
    expect(withoutNote.body.error).toMatchObject({ code: 'DISCREPANCY_REQUIRED', details: { missing: [devices[2].assetTag] } });
    const withNote = await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned, discrepancy: 'Écran introuvable sur la palette' });
    expect(withNote.status).toBe(200);
    expect(withNote.body.batch).toMatchObject({ status: 'disputed', discrepancy: 'Écran introuvable sur la palette', missingAssetTags: [devices[2].assetTag] });
    expect(await deviceStatus(devices[2].id)).toMatchObject({ status: 'sanitized', site: SITE, batch_id: null });
    const [event] = await t.sql<{ reason: string }>(`select reason from events where device_id = $1 and from_status = 'in_batch'`, [devices[2].id]);
    expect(event.reason).toMatch(/Absent à l'enlèvement.*Écran introuvable/);
  });

  it('cannot hand a device over twice when two partners confirm at once', async () => {
    const { batch, devices } = await readyBatch(2);
    const partner = await t.auth('partner');
    const scanned = devices.map((device) => device.assetTag);
    const [first, second] = await Promise.all([
      t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned }),
      t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const events = await t.sql(`select id from events where device_id = any($1) and to_status = 'handed_over'`, [devices.map((d) => d.id)]);
    expect(events).toHaveLength(2);
  });

  it('is confirmed by the partner, not by depot staff, and only on a ready batch', async () => {
    const { batch, devices } = await readyBatch(1);
    const scanned = devices.map((device) => device.assetTag);
    expect((await t.http.post(`/api/batches/${batch.id}/pickup`).set(await t.auth('it_staff')).send({ scanned })).status).toBe(403);
    expect((await t.http.post(`/api/batches/${batch.id}/pickup`).set(await t.auth('viewer')).send({ scanned })).status).toBe(403);
    const draft = await draftBatch();
    expect((await t.http.post(`/api/batches/${draft.id}/pickup`).set(await t.auth('partner')).send({ scanned: [] })).status).toBe(404);
    expect((await t.http.post(`/api/batches/${batch.id}/pickup`).set(await t.auth('partner')).send({ scanned: 'nope' })).status).toBe(400);
  });
});

describe('manifests', () => {
  it('exports a filterable Excel manifest with one row per device and totals', async () => {
    const { batch, devices } = await readyBatch(2);
    const response = await t.http.get(`/api/batches/${batch.id}/manifest.xlsx`).set(await t.auth('partner')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.getWorksheet('Manifeste')!;
    expect(sheet.getCell('A1').value).toBe(`Manifeste du lot ${batch.reference}`);
    expect(sheet.getRow(5).values).toContain("N° d'inventaire Réemploi");
    const rows = [6, 7].map((row) => sheet.getRow(row).values as unknown[]);
    expect(rows.map((row) => row[1]).sort()).toEqual(devices.map((device) => device.assetTag).sort());
    expect(rows[0]).toContain('Écran');
    expect(rows.map((row) => row[7]).sort()).toEqual(devices.map((device) => device.certificateNumber).sort());
    expect(sheet.autoFilter).toBeTruthy();
    const totals = workbook.getWorksheet('Totaux')!;
    expect(totals.getRow(2).values).toEqual([, 'Écran', 2]);
  });

  it('prints a PDF manifest with the batch, each device, totals and signatures', async () => {
    const { batch, devices } = await readyBatch(2);
    const response = await t.http.get(`/api/batches/${batch.id}/manifest.pdf`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(pdfInfo(response.body)).toMatchObject({ Tagged: 'yes', Title: `Manifeste ${batch.reference}` });
    const parser = new PDFParse({ data: response.body });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    for (const expected of [`Manifeste du lot ${batch.reference}`, 'Emmaüs Connect', ...devices.map((device) => device.assetTag), ...devices.map((device) => device.certificateNumber), 'Écran : 2', 'Total : 2', 'Reçu par']) {
      expect(text).toContain(expected);
    }
  });

  it('totals the mass from the reference masses, naming the types that have none', async () => {
    const { batch } = await readyBatch(2);
    await t.sql(`insert into factors (device_type, mass_kg, mass_source, manufacturing_source, avoided_source, second_life_source, price_source, version)
                 values ('monitor', 4.2, 'test', 'test', 'test', 'test', 'test', 'test')
                 on conflict (device_type) do update set mass_kg = 4.2`);
    const response = await t.http.get(`/api/batches/${batch.id}/manifest.pdf`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    const parser = new PDFParse({ data: response.body });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Masse totale : 8,4 kg');
    await t.sql(`update factors set mass_kg = null where device_type = 'monitor'`);
    const xlsx = await t.http.get(`/api/batches/${batch.id}/manifest.xlsx`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const totals = workbook.getWorksheet('Totaux')!;
    const rows = totals.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(rows).toContainEqual(['Sans masse de référence', 'Écran']);
  });

  it('numbers its pages without adding blank ones', async () => {
    const { batch } = await readyBatch(30);
    const response = await t.http.get(`/api/batches/${batch.id}/manifest.pdf`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
    const parser = new PDFParse({ data: response.body });
    const result = await parser.getText();
    await parser.destroy();
    const pages = result.pages.length;
    expect(pages).toBeGreaterThan(1);
    expect(result.text).toContain(`${batch.reference} — page ${pages}/${pages}`);
  });

  it('gathers the certificates of every device of the batch in one PDF', async () => {
    const { batch, devices } = await readyBatch(3);
    const response = await t.http.get(`/api/batches/${batch.id}/certificates.pdf`).set(await t.auth('partner')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const parser = new PDFParse({ data: response.body });
    const result = await parser.getText();
    await parser.destroy();
    expect(result.pages).toHaveLength(3);
    for (const device of devices) expect(result.text).toContain(device.certificateNumber);
  });

  it('exists only once the batch is ready', async () => {
    const draft = await draftBatch();
    expect((await t.http.get(`/api/batches/${draft.id}/manifest.pdf`).set(await t.auth('it_staff'))).status).toBe(409);
  });
});

describe('refurbishment outcome', () => {
  it('marks picked-up devices refurbished with a grade, or recycled with a reason, in bulk', async () => {
    const { batch, devices } = await readyBatch(3);
    const partner = await t.auth('partner');
    await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned: devices.map((device) => device.assetTag) });
    const refurbished = await t.http.post('/api/devices/outcomes').set(partner).send({ assetTags: devices.slice(0, 2).map((device) => device.assetTag), to: 'refurbished', grade: 'B', notes: 'Batterie neuve' });
    expect(refurbished.status, JSON.stringify(refurbished.body)).toBe(200);
    expect(refurbished.body.updated).toHaveLength(2);
    expect(await t.sql(`select status, refurbished_grade from devices where id = $1`, [devices[0].id])).toEqual([{ status: 'refurbished', refurbished_grade: 'B' }]);
    const noReason = await t.http.post('/api/devices/outcomes').set(partner).send({ assetTags: [devices[2].assetTag], to: 'recycled' });
    expect(noReason.status).toBe(409);
    const recycled = await t.http.post('/api/devices/outcomes').set(partner).send({ assetTags: [devices[2].assetTag], to: 'recycled', reason: 'Dalle fêlée' });
    expect(recycled.status).toBe(200);
    const mixed = await t.http.post('/api/devices/outcomes').set(partner).send({ assetTags: [devices[0].assetTag, devices[2].assetTag], to: 'refurbished' });
    expect(mixed.status).toBe(409);
    expect(mixed.body.error.details.refused).toHaveLength(2);
    // depot staff may never record an outcome: refused as a role (403), not device by device
    const byDepotStaff = await t.http.post('/api/devices/outcomes').set(await t.auth('it_staff')).send({ assetTags: [devices[0].assetTag], to: 'recycled', reason: 'x' });
    expect(byDepotStaff.status).toBe(403);
    expect(byDepotStaff.body.error.code).toBe('FORBIDDEN');
  });
});

describe('what the partner sees of a batch being prepared', () => {
  it('reads no event, no device and no batch of a draft, and all of them once it is ready (one scope for devices and their history)', async () => {
    const partner = await t.auth('partner');
    const batch = await draftBatch();
    const device = await sanitizedDevice();
    expect((await t.http.post(`/api/batches/${batch.id}/devices`).set(await t.auth('it_staff')).send({ ids: [device.id] })).status).toBe(200);
    const events = async () => (await t.http.get('/api/events').query({ filter: JSON.stringify({ device: [device.id] }) }).set(partner)).body as { id: number }[];
    const devices = async () => (await t.http.get('/api/devices').query({ filter: JSON.stringify({ id: [device.id] }) }).set(partner)).body as unknown[];
    expect(await events()).toEqual([]);
    expect(await devices()).toEqual([]);
    expect((await t.http.get(`/api/batches/${batch.id}`).set(partner)).status).toBe(404);
    const [first] = await t.sql<{ id: number }>(`select id from events where device_id = $1 order by id limit 1`, [device.id]);
    expect((await t.http.get(`/api/events/${first.id}`).set(partner)).status).toBe(404);

    expect((await t.http.post(`/api/batches/${batch.id}/ready`).set(await t.auth('it_staff'))).status).toBe(200);
    expect((await events()).length).toBeGreaterThanOrEqual(3);
    expect(await devices()).toHaveLength(1);
    expect((await t.http.get(`/api/events/${first.id}`).set(partner)).status).toBe(200);
  });
});
