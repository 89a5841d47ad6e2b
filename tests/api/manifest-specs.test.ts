import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { pdfInfo } from '../helpers/pdfinfo.js';
import { pdfToText } from '../helpers/pdftotext.js';

/** The GLPI agent's published examples (github.com/glpi-project/inventory_format, examples/). */
const example = (name: string) => readFileSync(new URL(`../fixtures/glpi-inventory/${name}.json`, import.meta.url), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SITE = 'Dépôt DSI — Lille';
const IN_A_MONTH = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** A device arrived from the station's inventory, its disks then wiped: ready to leave in a batch. */
async function inventoriedAndWiped(name: string): Promise<{ id: number; assetTag: string }> {
  const tech = await t.auth('it_staff');
  const posted = await t.http.post(`/api/inventory?site=${encodeURIComponent(SITE)}`).set(tech).set('Content-Type', 'application/json').send(example(name));
  expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  const device = posted.body.device as { id: number; assetTag: string };
  const media = (await t.http.get(`/api/media?filter=${encodeURIComponent(JSON.stringify({ device: device.id }))}`).set(tech)).body as { id: number }[];
  for (const medium of media) {
    const wipe = await t.http.post('/api/sanitizations').set(tech).send({ medium: medium.id, technique: 'overwrite_prng', tool: 'nwipe', finishedAt: new Date().toISOString(), verification: 'last_pass', result: 'success' });
    expect(wipe.status, JSON.stringify(wipe.body)).toBe(201);
  }
  if (!media.length) expect((await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech)).status).toBe(200);
  return device;
}

async function readyBatchOf(devices: { assetTag: string }[]) {
  const tech = await t.auth('it_staff');
  const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: IN_A_MONTH })).body as { id: number; reference: string };
  expect((await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ assetTags: devices.map((device) => device.assetTag) })).status).toBe(200);
  expect((await t.http.post(`/api/batches/${batch.id}/ready`).set(tech)).status).toBe(200);
  return batch;
}

describe('the batch manifest shows what the partner picks up: specs and battery health', () => {
  it('gives each device its CPU, RAM, storage and battery health in the Excel manifest, as numbers where they sort', async () => {
    const laptop = await inventoriedAndWiped('computer_1');
    const phone = await inventoriedAndWiped('phone_1');
    const batch = await readyBatchOf([laptop, phone]);
    const response = await t.http.get(`/api/batches/${batch.id}/manifest.xlsx`).set(await t.auth('partner')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.getWorksheet('Manifeste')!;
    expect((sheet.getRow(5).values as unknown[]).slice(8)).toEqual(['Processeur', 'Mémoire vive (Go)', 'Stockage', 'Batterie (% de la capacité d’origine)']);
    const rowOf = (assetTag: string) => [6, 7].map((row) => sheet.getRow(row)).find((row) => row.getCell(1).value === assetTag)!;
    const laptopRow = rowOf(laptop.assetTag);
    expect([8, 9, 10, 11].map((column) => laptopRow.getCell(column).value)).toEqual(['Intel Core i5-6200U @ 2,30 GHz', 8, '1 × 256 Go SSD NVMe', 88]);
    expect(laptopRow.getCell(9).numFmt).toBe('0" Go"');
    expect(laptopRow.getCell(11).numFmt).toBe('0" %"');
    // phone_1.json gives the battery's design capacity only: its health is not made up
    const phoneRow = rowOf(phone.assetTag);
    expect(phoneRow.getCell(8).value).toBe('AArch64 Processor rev 14 (aarch64)');
    expect(phoneRow.getCell(11).value).toBe('non mesurée');
    expect(String(sheet.autoFilter)).toMatch(/^A5:K/);

    // the PDF of the same batch: storage as count × size and type, battery health (pdftotext: the text a reader copies)
    const pdf = (await t.http.get(`/api/batches/${batch.id}/manifest.pdf`).set(await t.auth('it_staff')).buffer(true).parse(binaryParser)).body as Buffer;
    const text = pdfToText(pdf);
    for (const expected of ['Intel Core i5-6200U @ 2,30 GHz', 'RAM 8 Go · 1 × 256 Go SSD NVMe', 'Batterie 88 %', '640HP72', 'AArch64 Processor rev 14 (aarch64)', 'Batterie non mesurée']) {
      expect(text).toContain(expected);
    }
  });

  it('prints them in the PDF manifest, tagged and the same bytes each time', async () => {
    const laptop = await inventoriedAndWiped('computer_3');
    const batch = await readyBatchOf([laptop]);
    const get = async () => (await t.http.get(`/api/batches/${batch.id}/manifest.pdf`).set(await t.auth('partner')).buffer(true).parse(binaryParser)).body as Buffer;
    const pdf = await get();
    expect(pdfInfo(pdf)).toMatchObject({ Tagged: 'yes' });
    const text = pdfToText(pdf);
    for (const expected of ['Caractéristiques', 'Intel Core i5-4210U @ 1,70 GHz', 'RAM 4 Go', 'Batterie non mesurée', 'Portable', 'TOSHIBA', laptop.assetTag]) {
      expect(text).toContain(expected);
    }
    // same data, same bytes; a checkpoint signed in between (a scheduled job) is printed on it and changes them
    const latest = async () => (await t.sql<{ id: number | null }>(`select max(id)::int as id from transparency_checkpoints`))[0].id;
    const before = await latest();
    const first = await get();
    const again = await get();
    if ((await latest()) === before) expect(Buffer.compare(again, first)).toBe(0);
  });
});

describe('the device list and page give the same specs (the screens read them from the API)', () => {
  it('lists and shows each device with its specs, worded as in the manifest', async () => {
    const tech = await t.auth('it_staff');
    const posted = await t.http.post(`/api/inventory?site=${encodeURIComponent(SITE)}`).set(tech).set('Content-Type', 'application/json').send(example('computer_2'));
    expect(posted.status).toBe(200);
    const shown = await t.http.get(`/api/devices/${posted.body.device.id}`).set(tech);
    expect(shown.body.specs).toMatchObject({ battery: 'non mesurée', storage: null });
    expect(shown.body.specs.summary).toContain('batterie non mesurée');
    const listed = await t.http.get(`/api/devices?filter=${encodeURIComponent(JSON.stringify({ id: [posted.body.device.id] }))}`).set(tech);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].specs).toEqual(shown.body.specs);
    const monitor = (await t.http.post('/api/devices').set(tech).send({ type: 'monitor', originSite: SITE })).body;
    expect((await t.http.get(`/api/devices/${monitor.id}`).set(tech)).body.specs).toMatchObject({ battery: null, summary: 'caractéristiques non relevées' });
  });
});

describe('each medium keeps the interface the GLPI agent names', () => {
  it('records the interface of a disk from the inventory, and follows it when the agent renames it', async () => {
    const tech = await t.auth('it_staff');
    const inventory = JSON.parse(example('computer_1'));
    inventory.content.bios.ssn = 'IFACE-PC-1';
    inventory.content.storages[0].serial = 'IFACE-DISK-1';
    inventory.content.storages[0].interface = 'SATA';
    const post = () => t.http.post(`/api/inventory?site=${encodeURIComponent(SITE)}`).set(tech).set('Content-Type', 'application/json').send(JSON.stringify(inventory));
    const first = await post();
    expect(first.status).toBe(200);
    const media = async () => (await t.http.get(`/api/media?filter=${encodeURIComponent(JSON.stringify({ device: first.body.device.id }))}`).set(tech)).body;
    expect(await media()).toEqual([expect.objectContaining({ serialNumber: 'IFACE-DISK-1', interface: 'SATA' })]);
    inventory.content.storages[0].interface = 'NVMe';
    const second = await post();
    expect(second.body).toMatchObject({ unchanged: true, changes: [] });
    expect(await media()).toEqual([expect.objectContaining({ serialNumber: 'IFACE-DISK-1', interface: 'NVMe' })]);
  });
});
