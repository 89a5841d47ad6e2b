import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** The GLPI agent's published examples (github.com/glpi-project/inventory_format, examples/), as the agent writes them. */
const example = (name: string) => readFileSync(new URL(`../fixtures/glpi-inventory/${name}.json`, import.meta.url), 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = async (body: string, query = '') =>
  t.http.post(`/api/inventory${query}`).set(await t.auth('it_staff')).set('Content-Type', 'application/json').send(body);
const device = async (id: number) => (await t.http.get(`/api/devices/${id}`).set(await t.auth('it_staff'))).body;
const inventoryOf = async (id: number) => (await t.http.get(`/api/devices/${id}/inventory`).set(await t.auth('it_staff'))).body;
const mediaOf = async (id: number) =>
  (await t.http.get(`/api/media?filter=${encodeURIComponent(JSON.stringify({ device: id }))}`).set(await t.auth('it_staff'))).body;
const countRows = async () => {
  const [row] = await t.sql<{ devices: number; media: number; events: number }>(
    `select (select count(*)::int from devices) as devices, (select count(*)::int from media) as media, (select count(*)::int from events) as events`,
  );
  return row;
};

describe('POST /api/inventory with the GLPI agent examples', () => {
  it('creates a laptop from computer_1.json with its specs, its NVMe disk and its battery health; re-posting changes nothing', async () => {
    const response = await post(example('computer_1'), '?site=Dépôt DSI — Lille');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: true, unchanged: false });
    const id = response.body.device.id;
    expect(await device(id)).toMatchObject({
      serialNumber: '640HP72',
      brand: 'Dell Inc.',
      model: 'XPS 13 9350',
      type: 'laptop',
      cpu: 'Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz',
      ramGb: 8, // memories: 2 × 4096 MB (hardware.memory, 7800 MB, is what the system sees)
      site: 'Dépôt DSI — Lille',
      status: 'registered',
    });
    expect(await mediaOf(id)).toMatchObject([{ serialNumber: 'S29NNXAH146409', kind: 'nvme', model: 'PM951 NVMe SAMSUNG 256GB', capacityGb: 256 }]);
    const inventory = await inventoryOf(id);
    // batteries[0]: capacity 57570 mWh by design, real_capacity 50570 → 88 %
    expect(inventory.summary.batteries).toEqual([{ name: 'DELL RWT1R43', designMwh: 57570, realMwh: 50570, healthPct: 88 }]);
    const [stored] = await t.sql<{ raw_size: number; gzip: number }>(`select raw_size, length(raw_gzip) as gzip from device_inventories where device_id = $1`, [id]);
    expect(stored.raw_size).toBe(Buffer.byteLength(example('computer_1')));
    expect(stored.gzip).toBeLessThan(stored.raw_size / 3);

    const before = await countRows();
    const again = await post(example('computer_1'), '?site=Dépôt DSI — Lille');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, unchanged: true, changes: [] });
    expect(await countRows()).toEqual(before);
  });

  it('records the RAM added in computer_3_updated.json as one custody event naming the change', async () => {
    const first = await post(example('computer_3'), '?site=Dépôt DSI — Lille');
    expect(first.status).toBe(200);
    const id = first.body.device.id;
    expect(await device(id)).toMatchObject({ serialNumber: '8C554721F', brand: 'TOSHIBA', model: 'PORTEGE Z30-A', type: 'laptop' });
    // its only disk has no serial number: not a medium (wipe logs are matched by serial), said in the summary
    expect(await mediaOf(id)).toEqual([]);
    expect((await inventoryOf(id)).summary.storagesWithoutSerial).toEqual([{ model: 'TOSHIBATHNSNJ25', capacityGb: 250 }]);
    // a battery without design and real capacity: health unknown
    expect((await inventoryOf(id)).summary.batteries).toMatchObject([{ healthPct: null }]);

    const updated = await post(example('computer_3_updated'));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ created: false, unchanged: false, device: { id } });
    const events = await t.sql<{ type: string; details: { changes: string[] } }>(`select type, details from events where device_id = $1 and type = 'updated'`, [id]);
    expect(events).toHaveLength(1);
    expect(events[0].details.changes).toEqual(updated.body.changes);
    // memories: 2 × 2048 MB, then 2 × 4096 MB
    expect(updated.body.changes).toEqual(['Mémoire (Go) : 4 → 8']);
    expect(await device(id)).toMatchObject({ ramGb: 8 });
    const before = await countRows();
    expect((await post(example('computer_3_updated'))).body).toMatchObject({ unchanged: true, changes: [] });
    expect(await countRows()).toEqual(before);
  });

  it('creates a smartphone from phone_1.json (itemtype Phone)', async () => {
    const response = await post(example('phone_1'), '?site=Dépôt DSI — Lille');
    expect(response.status).toBe(200);
    expect(await device(response.body.device.id)).toMatchObject({ type: 'smartphone', brand: 'Xiaomi', model: 'Mi 9T Pro', serialNumber: 'AF8D8FCFA6FA4794', ramGb: 5 });
  });

  it('matches a device by ?assetTag= when the inventory has no serial we know, and swaps a disk with an event', async () => {
    const tech = await t.auth('it_staff');
    const created = (await t.http.post('/api/devices').set(tech).send({ type: 'desktop', originSite: 'Dépôt DSI — Lille' })).body;
    await t.http.post('/api/media').set(tech).send({ device: created.id, kind: 'hdd', serialNumber: 'OLD-DISK-1' });
    const inventory = JSON.parse(example('computer_1'));
    inventory.content.bios.ssn = 'TAGGED-PC-1';
    inventory.content.storages[0].serial = 'TAGGED-DISK-1';
    const response = await post(JSON.stringify(inventory), `?assetTag=${created.assetTag}`);
    expect(response.status).toBe(200);
    expect(response.body.device.id).toBe(created.id);
    expect(response.body.changes).toEqual(expect.arrayContaining(['Numéro de série : — → TAGGED-PC-1', expect.stringContaining('Disque ajouté : TAGGED-DISK-1'), 'Disque retiré : OLD-DISK-1']));
    expect((await mediaOf(created.id)).map((medium: { serialNumber: string }) => medium.serialNumber)).toEqual(['TAGGED-DISK-1']);
  });

  it('never moves a disk with wipe records to another device: the inventory is refused and nothing is written', async () => {
    const tech = await t.auth('it_staff');
    const holder = (await t.http.post('/api/devices').set(tech).send({ type: 'desktop', originSite: 'Dépôt DSI — Lille', serialNumber: 'HOLDER-PC' })).body;
    const medium = (await t.http.post('/api/media').set(tech).send({ device: holder.id, kind: 'ssd', serialNumber: 'WIPED-DISK-1' })).body;
    const now = new Date();
    const wipe = await t.http.post('/api/sanitizations').set(tech).send({
      medium: medium.id, technique: 'overwrite_prng', tool: 'nwipe', startedAt: new Date(now.getTime() - 3_600_000).toISOString(), finishedAt: now.toISOString(), verification: 'last_pass', result: 'failure', errors: 'test',
    });
    expect(wipe.status).toBe(201);
    const inventory = JSON.parse(example('computer_1'));
    inventory.content.bios.ssn = 'OTHER-PC-WITH-WIPED-DISK';
    inventory.content.storages[0].serial = 'WIPED-DISK-1';
    const before = await countRows();
    const response = await post(JSON.stringify(inventory), '?site=Dépôt DSI — Lille');
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'MEDIUM_ELSEWHERE', details: { assetTag: holder.assetTag } });
    expect(await countRows()).toEqual(before);
  });
});

describe('POST /api/inventory: bad input and roles', () => {
  it('refuses what is not a GLPI inventory with a French 400', async () => {
    for (const body of ['{"hello":"world"}', '{"deviceid":"x","content":{}}', '[1,2]']) {
      const response = await post(body, '?site=Dépôt DSI — Lille');
      expect(response.status, body).toBe(400);
      expect(response.body.error.message, body).toMatch(/inventaire de l'agent GLPI|JSON/);
    }
    const wrongType = await post(JSON.stringify({ deviceid: 'x', content: { versionclient: 'GLPI-Agent_v1.7', hardware: { memory: 'beaucoup' } } }), '?site=Dépôt DSI — Lille');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0].path).toBe('content.hardware.memory');
  });

  it('refuses an inventory too large to keep, even compressed, and writes nothing', async () => {
    const inventory = JSON.parse(example('computer_2'));
    // 3 MB of incompressible text in a part we do not read
    inventory.content.softwares = [{ name: randomBytes(2_400_000).toString('base64') }];
    const before = await countRows();
    const response = await post(JSON.stringify(inventory), '?site=Dépôt DSI — Lille');
    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(/trop volumineux/);
    expect(await countRows()).toEqual(before);
  });

  it('asks for a site or an asset tag for a device it does not know', async () => {
    const inventory = JSON.parse(example('computer_2'));
    const response = await post(JSON.stringify(inventory));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/site/);
    const unknownTag = await post(JSON.stringify(inventory), '?assetTag=CD59-999999-9');
    expect(unknownTag.status).toBe(400);
  });

  it('is for depot staff only', async () => {
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      const response = await t.http.post('/api/inventory?site=Lille').set(await t.auth(role)).set('Content-Type', 'application/json').send(example('computer_2'));
      expect(response.status, role).toBe(403);
    }
    expect((await t.http.post('/api/inventory').set('Content-Type', 'application/json').send(example('computer_2'))).status).toBe(401);
  });
});
