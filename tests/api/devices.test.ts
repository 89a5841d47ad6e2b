import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { checkAssetTag, formatAssetTag, luhnCheckDigit } from '../../api/devices/asset-tag.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function createDevice(fields: Record<string, unknown> = {}) {
  const response = await t.http
    .post('/api/devices')
    .set(await t.auth('it_staff'))
    .send({ type: 'laptop', brand: 'Dell', model: 'Latitude 5490', originSite: 'Dépôt DSI — Lille', ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('asset tags', () => {
  it('computes a Luhn check digit that catches a single wrong digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook Luhn example
    const good = `CD59-000123-${luhnCheckDigit('000123')}`;
    expect(checkAssetTag(good)).toEqual({ valid: true, tag: good });
    expect(checkAssetTag(good.toLowerCase())).toEqual({ valid: true, tag: good });
    for (let digit = 0; digit <= 9; digit++) {
      if (String(digit) === good[7]) continue;
      const misread = `${good.slice(0, 7)}${digit}${good.slice(8)}`;
      expect(checkAssetTag(misread).valid, misread).toBe(false);
    }
  });
});

describe('registering devices', () => {
  it('assigns a sequential asset tag with a check digit and records the first event', async () => {
    const first = await createDevice({ serialNumber: '  5cg8123abc ' });
    const second = await createDevice();
    expect(first.assetTag).toMatch(/^CD59-\d{6}-\d$/);
    expect(checkAssetTag(first.assetTag).valid).toBe(true);
    expect(Number(second.assetTag.slice(5, 11))).toBe(Number(first.assetTag.slice(5, 11)) + 1);
    expect(first).toMatchObject({ status: 'registered', site: 'Dépôt DSI — Lille', serialNumber: '5CG8123ABC', version: 1 });
    const events = await t.http.get('/api/events').query({ filter: JSON.stringify({ device: first.id }) }).set(await t.auth('it_staff'));
    expect(events.body).toHaveLength(1);
    expect(events.body[0]).toMatchObject({ type: 'registered', toStatus: 'registered', actorName: 'Théo Technicien', site: 'Dépôt DSI — Lille' });
  });

  it('refuses a serial number already registered, whatever its case and spaces', async () => {
    await createDevice({ serialNumber: 'DUP-0001' });
    const again = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'desktop', originSite: 'Antenne', serialNumber: ' dup-0001 ' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'SERIAL_TAKEN', details: { assetTag: expect.any(String) } });
  });

  it('explains invalid fields in French, never with a 500', async () => {
    const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'toaster', year: 1850, ramGb: -1, status: 'allocated' });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['type', 'year', 'ramGb', 'originSite']));
    expect(response.body.error.message).toMatch(/Données invalides/);
  });

  it('ignores a status or asset tag sent by the client', async () => {
    const device = await createDevice({ status: 'allocated', assetTag: 'HACK-1' });
    expect(device.status).toBe('registered');
    expect(device.assetTag).not.toBe('HACK-1');
  });

  it('lets only depot staff register devices', async () => {
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      const response = await t.http.post('/api/devices').set(await t.auth(role)).send({ type: 'laptop', originSite: 'Lille' });
      expect(response.status, role).toBe(403);
    }
    expect((await t.http.post('/api/devices').send({ type: 'laptop', originSite: 'Lille' })).status).toBe(401);
  });
});

describe('listing devices', () => {
  beforeAll(async () => {
    await createDevice({ type: 'monitor', brand: 'HP', model: 'EliteDisplay E243', serialNumber: 'CNC-LIST-1', originSite: 'Antenne de Valenciennes' });
    await createDevice({ type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M710s', serialNumber: 'MJ-LIST-2', inventoryNumber: 'INV-77', originSite: 'Antenne de Dunkerque' });
  });

  it('pages with Content-Range, sorts and filters', async () => {
    const auth = await t.auth('it_staff');
    const page = await t.http.get('/api/devices').query({ sort: '["assetTag","ASC"]', range: '[0,1]' }).set(auth);
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(2);
    const total = Number(page.headers['content-range'].split('/')[1]);
    expect(page.headers['content-range']).toBe(`devices 0-1/${total}`);
    expect(page.body[0].assetTag < page.body[1].assetTag).toBe(true);

    const monitors = await t.http.get('/api/devices').query({ filter: JSON.stringify({ type: 'monitor' }) }).set(auth);
    expect(monitors.body.map((device: { serialNumber: string }) => device.serialNumber)).toEqual(['CNC-LIST-1']);
    const bySite = await t.http.get('/api/devices').query({ filter: JSON.stringify({ site: 'Antenne de Dunkerque' }) }).set(auth);
    expect(bySite.body).toHaveLength(1);
    const byBrand = await t.http.get('/api/devices').query({ filter: JSON.stringify({ brand: 'lenovo' }) }).set(auth);
    expect(byBrand.body.map((device: { brand: string }) => device.brand)).toEqual(['Lenovo']);
  });

  it('searches free text over asset tag, serial, inventory number and model', async () => {
    const auth = await t.auth('it_staff');
    const search = async (q: string) =>
      (await t.http.get('/api/devices').query({ filter: JSON.stringify({ q }) }).set(auth)).body.map((device: { serialNumber: string }) => device.serialNumber);
    expect(await search('thinkcentre')).toEqual(['MJ-LIST-2']);
    expect(await search('inv-77')).toEqual(['MJ-LIST-2']);
    expect(await search('cnc-list')).toEqual(['CNC-LIST-1']);
    expect(await search('100%_')).toEqual([]);
  });

  it('refuses unknown sort fields, huge pages and broken JSON with 400', async () => {
    const auth = await t.auth('it_staff');
    for (const query of [{ sort: '["passwordHash","ASC"]' }, { range: '[0,5000]' }, { filter: '{broken' }, { filter: '{"status":"flying"}' }, { range: '[10,2]' }]) {
      const response = await t.http.get('/api/devices').query(query).set(auth);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.code).toBe('INVALID_INPUT');
    }
  });

  it('hides devices from social workers and viewers, and depot devices from the partner', async () => {
    expect((await t.http.get('/api/devices').set(await t.auth('social_worker'))).status).toBe(403);
    expect((await t.http.get('/api/devices').set(await t.auth('viewer'))).status).toBe(403);
    const partner = await t.http.get('/api/devices').set(await t.auth('partner'));
    expect(partner.status).toBe(200);
    expect(partner.body).toEqual([]);
    const device = await createDevice();
    expect((await t.http.get(`/api/devices/${device.id}`).set(await t.auth('partner'))).status).toBe(403);
  });

  it('answers 404 for an unknown id and 400 for a non-numeric one', async () => {
    const auth = await t.auth('it_staff');
    expect((await t.http.get('/api/devices/999999').set(auth)).status).toBe(404);
    expect((await t.http.get('/api/devices/abc').set(auth)).status).toBe(400);
  });

  it('gives deep pages (offset 1,000 and more, found by ids first) in the same order as shallow ones', async () => {
    const auth = await t.auth('it_staff');
    const csv = ['Numéro de série;Type;Lieu', ...Array.from({ length: 1050 }, (_, index) => `DEEP-${String(index).padStart(4, '0')};Portable;Dépôt DSI — Lille`)].join('\n');
    const imported = await t.http.post('/api/devices/import').set(auth).set('Content-Type', 'text/csv').send(csv);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const filter = JSON.stringify({ q: 'deep-' });
    for (const sort of ['["createdAt","DESC"]', '["assetTag","ASC"]', '["type","DESC"]']) {
      const expected: string[] = [];
      for (let start = 0; start < 1050; start += 200) {
        const page = await t.http.get('/api/devices').query({ filter, sort, range: `[${start},${start + 199}]` }).set(auth);
        expected.push(...page.body.map((device: { serialNumber: string }) => device.serialNumber));
      }
      expect(new Set(expected).size, sort).toBe(1050);
      const deep = await t.http.get('/api/devices').query({ filter, sort, range: '[1000,1049]' }).set(auth);
      expect(deep.headers['content-range'], sort).toBe('devices 1000-1049/1050');
      expect(deep.body.map((device: { serialNumber: string }) => device.serialNumber), sort).toEqual(expected.slice(1000, 1050));
    }
  });
});

describe('editing devices', () => {
  it('updates descriptive fields, records what changed, and refuses a stale version', async () => {
    const device = await createDevice({ serialNumber: 'EDIT-1' });
    const auth = await t.auth('it_staff');
    const updated = await t.http.put(`/api/devices/${device.id}`).set(auth).send({ model: 'Latitude 5400', year: 2019, version: device.version });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ model: 'Latitude 5400', year: 2019, version: device.version + 1 });
    const stale = await t.http.put(`/api/devices/${device.id}`).set(auth).send({ model: 'Other', version: device.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONCURRENT_CHANGE');
    const events = await t.http.get('/api/events').query({ filter: JSON.stringify({ device: device.id, type: 'updated' }) }).set(auth);
    expect(events.body).toHaveLength(1);
    expect(events.body[0].details.changes).toEqual({ model: ['Latitude 5490', 'Latitude 5400'], year: [null, 2019] });
  });

  it('needs the version and cannot change the status through an edit', async () => {
    const device = await createDevice();
    const auth = await t.auth('it_staff');
    expect((await t.http.put(`/api/devices/${device.id}`).set(auth).send({ model: 'X' })).status).toBe(400);
    const sneaky = await t.http.put(`/api/devices/${device.id}`).set(auth).send({ status: 'allocated', version: device.version });
    expect(sneaky.status).toBe(200);
    expect(sneaky.body.status).toBe('registered');
  });

  it('never deletes a device', async () => {
    const device = await createDevice();
    const response = await t.http.delete(`/api/devices/${device.id}`).set(await t.auth('admin'));
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('NOT_DELETABLE');
    expect((await t.http.get(`/api/devices/${device.id}`).set(await t.auth('admin'))).status).toBe(200);
  });
});

describe('lifecycle transitions', () => {
  it('lets an admin withdraw a device with a reason, and records it', async () => {
    const device = await createDevice();
    const admin = await t.auth('admin');
    const noReason = await t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'withdrawn' });
    expect(noReason.status).toBe(400);
    const done = await t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'withdrawn', reason: 'Appareil volé', version: device.version });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'withdrawn', allowedTransitions: [] });
    const [event] = await t.sql<{ type: string; from_status: string; to_status: string; reason: string; actor_id: number }>(
      `select type, from_status, to_status, reason, actor_id from events where device_id = $1 and type = 'transition'`,
      [device.id],
    );
    expect(event).toEqual({ type: 'transition', from_status: 'registered', to_status: 'withdrawn', reason: 'Appareil volé', actor_id: t.users.admin.id });
  });

  it('refuses a transition that skips a step, and flow-only states, with 409', async () => {
    const device = await createDevice();
    const admin = await t.auth('admin');
    const skip = await t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'refurbished' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    const flow = await t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'sanitized' });
    expect(flow.status).toBe(409);
    expect(flow.body.error.code).toBe('TRANSITION_NEEDS_FLOW');
    const unknown = await t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'teleported' });
    expect(unknown.status).toBe(400);
    expect((await t.sql(`select 1 from events where device_id = $1 and type = 'transition'`, [device.id])).length).toBe(0);
  });

  it('refuses a withdrawal by a technician (403) and a terminal device going anywhere (409)', async () => {
    const device = await createDevice();
    expect((await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth('it_staff')).send({ to: 'withdrawn', reason: 'x' })).status).toBe(403);
    const admin = await t.auth('admin');
    await t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'withdrawn', reason: 'Réaffecté' });
    expect((await t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'withdrawn', reason: 'again' })).status).toBe(409);
  });

  it('answers 409 to a client whose version is stale', async () => {
    const device = await createDevice();
    const auth = await t.auth('it_staff');
    await t.http.put(`/api/devices/${device.id}`).set(auth).send({ notes: 'changed', version: device.version });
    const response = await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth('admin')).send({ to: 'withdrawn', reason: 'r', version: device.version });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONCURRENT_CHANGE');
  });

  it('lets exactly one of two simultaneous transitions win', async () => {
    const device = await createDevice();
    const admin = await t.auth('admin');
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        t.http.post(`/api/devices/${device.id}/transitions`).set(admin).send({ to: 'withdrawn', reason: `tentative ${index}` }),
      ),
    );
    const statuses = attempts.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(5);
    const events = await t.sql(`select id from events where device_id = $1 and type = 'transition'`, [device.id]);
    expect(events).toHaveLength(1);
  });
});

describe('moving devices between depots', () => {
  it('records a custody event with the origin and destination', async () => {
    const device = await createDevice();
    const moved = await t.http.post(`/api/devices/${device.id}/move`).set(await t.auth('it_staff')).send({ site: 'Antenne de Valenciennes' });
    expect(moved.status).toBe(200);
    expect(moved.body.site).toBe('Antenne de Valenciennes');
    const [event] = await t.sql<{ site: string; details: { fromSite: string } }>(`select site, details from events where device_id = $1 and type = 'moved'`, [device.id]);
    expect(event).toEqual({ site: 'Antenne de Valenciennes', details: { fromSite: 'Dépôt DSI — Lille' } });
    const same = await t.http.post(`/api/devices/${device.id}/move`).set(await t.auth('it_staff')).send({ site: 'Antenne de Valenciennes' });
    expect(same.status).toBe(400);
    expect((await t.http.post(`/api/devices/${device.id}/move`).set(await t.auth('partner')).send({ site: 'Ailleurs' })).status).toBe(403);
  });
});

describe('the chain of custody', () => {
  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE are rejected', async () => {
    const device = await createDevice();
    await expect(t.sql(`update events set reason = 'rewritten' where device_id = $1`, [device.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from events where device_id = $1`, [device.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`truncate events cascade`)).rejects.toThrow(/append-only/);
    expect(await t.sql(`select count(*)::int as n from events where device_id = $1`, [device.id])).toEqual([{ n: 1 }]);
  });

  it('is read-only through the API', async () => {
    const device = await createDevice();
    const admin = await t.auth('admin');
    const [event] = (await t.http.get('/api/events').query({ filter: JSON.stringify({ device: device.id }) }).set(admin)).body;
    expect((await t.http.get(`/api/events/${event.id}`).set(admin)).status).toBe(200);
    // a known path asked with a method it does not have: 405, with the methods it has
    for (const refused of [t.http.put(`/api/events/${event.id}`).send({ reason: 'x' }), t.http.delete(`/api/events/${event.id}`), t.http.post('/api/events').send({})]) {
      const response = await refused.set(admin);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(response.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }
    expect((await t.http.get('/api/events').set(await t.auth('viewer'))).status).toBe(403);
  });
});

describe('scanning', () => {
  it('finds a device by asset tag, in any case, with the actions the caller may take', async () => {
    const device = await createDevice({ serialNumber: 'SCAN-SERIAL-1' });
    const response = await t.http.get(`/api/scan/${device.assetTag.toLowerCase()}`).set(await t.auth('admin'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: 'device', id: device.id, device: { assetTag: device.assetTag, canMove: true } });
    expect(response.body.device.allowedTransitions).toEqual([{ to: 'withdrawn', reasonRequired: true }]);
    const tech = await t.http.get(`/api/scan/${device.assetTag}`).set(await t.auth('it_staff'));
    expect(tech.body.device.allowedTransitions).toEqual([]);
    const bySerial = await t.http.get('/api/scan/scan-serial-1').set(await t.auth('it_staff'));
    expect(bySerial.body.id).toBe(device.id);
  });

  it('tells a misread check digit from an unknown code', async () => {
    const device = await createDevice();
    const check = Number(device.assetTag.at(-1));
    const misread = `${device.assetTag.slice(0, -1)}${(check + 1) % 10}`;
    const wrongDigit = await t.http.get(`/api/scan/${misread}`).set(await t.auth('it_staff'));
    expect(wrongDigit.status).toBe(422);
    expect(wrongDigit.body.error.code).toBe('INVALID_CHECK_DIGIT');
    const unknown = await t.http.get(`/api/scan/${formatAssetTag({ prefix: 'CD59', digits: 6 }, 999990)}`).set(await t.auth('it_staff'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_CODE');
    expect((await t.http.get('/api/scan/CD59-000001-8').set(await t.auth('social_worker'))).status).toBe(403);
  });
});
