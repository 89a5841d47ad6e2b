import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';
import { seedFactors } from '../../seeds/factors.js';

/**
 * `Idempotency-Key`: a client that lost the answer to a write sends it again with the same key and
 * gets the first answer back; the work is done once. Keys are per user and route; a key reused for
 * another body is refused; a key whose first request is still running answers 409.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedFactors(t.orm.em.fork());
});
afterAll(() => t.close());

const SITE = 'Dépôt DSI — Lille';
let serial = 0;

function csv(rows: number, prefix = `IDEM-${++serial}`): string {
  const lines = ['Numéro de série;Type;Fabricant;Lieu'];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}-${i};Portable;Dell;${SITE}`);
  return lines.join('\n');
}

async function importCsv(body: string, key: string | undefined, role: 'it_staff' | 'admin' = 'it_staff') {
  const request = t.http.post('/api/devices/import').set(await t.auth(role)).set('Content-Type', 'text/csv');
  if (key !== undefined) request.set('Idempotency-Key', key);
  return request.send(body);
}

const count = async (sql: string, values: unknown[] = []) => Number((await t.sql<{ n: string }>(sql, values))[0].n);

describe('Idempotency-Key on the device import', () => {
  it('replays the first answer byte for byte and imports once', async () => {
    const key = randomUUID();
    const file = csv(30);
    const first = await importCsv(file, key);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.created).toBe(30);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const devices = await count(`select count(*) as n from devices`);
    const events = await count(`select count(*) as n from events`);

    const retry = await importCsv(file, key);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe(first.text);
    expect(await count(`select count(*) as n from devices`)).toBe(devices);
    expect(await count(`select count(*) as n from events`)).toBe(events);
    expect(await t.sql(`select user_id, route, response_status from idempotency_keys where key = $1`, [key])).toEqual([
      { user_id: t.users.it_staff.id, route: 'POST /devices/import', response_status: 200 },
    ]);
  });

  it('refuses the same key with another file (422) and writes nothing', async () => {
    const key = randomUUID();
    expect((await importCsv(csv(3), key)).status).toBe(200);
    const devices = await count(`select count(*) as n from devices`);
    const other = await importCsv(csv(5), key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.error.message).toMatch(/nouvelle clé/);
    expect(await count(`select count(*) as n from devices`)).toBe(devices);
    // the query string is part of the request: the same file as a dry run is another request
    const dryRun = await t.http.post('/api/devices/import?dryRun=true').set(await t.auth('it_staff')).set('Content-Type', 'text/csv').set('Idempotency-Key', key).send(csv(3));
    expect(dryRun.status).toBe(422);
  });

  it('does not keep a refused request: the corrected file may use the same key', async () => {
    const key = randomUUID();
    const prefix = `IDEM-FIX-${++serial}`;
    const broken = `${csv(2, prefix)}\n${prefix}-x;Grille-pain;Dell;${SITE}`;
    const refused = await importCsv(broken, key);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IMPORT_REJECTED');
    expect(await count(`select count(*) as n from idempotency_keys where key = $1`, [key])).toBe(0);
    const fixed = await importCsv(csv(2, prefix), key);
    expect(fixed.status).toBe(200);
    expect(fixed.body.created).toBe(2);
  });

  it('scopes keys per user: another account with the same key runs its own request', async () => {
    const key = randomUUID();
    const file = csv(2);
    expect((await importCsv(file, key, 'it_staff')).body.created).toBe(2);
    const admin = await importCsv(csv(4), key, 'admin');
    expect(admin.status).toBe(200);
    expect(admin.headers['idempotent-replayed']).toBeUndefined();
    expect(admin.body.created).toBe(4);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const key = randomUUID();
    const file = csv(6000);
    const first = importCsv(file, key).then((response) => response);
    // the first request holds its key's lock for as long as its transaction is open
    for (let waited = 0; ; waited += 20) {
      const held = await count(`select count(*) as n from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and l.granted and d.datname = current_database()`);
      if (held) break;
      if (waited > 20_000) throw new Error('the first import never took its key lock');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await importCsv(file, key);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    expect((await first).status).toBe(200);
    const third = await importCsv(file, key);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.body.created).toBe(6000);
  });

  it('refuses a malformed key and leaves requests without a key unchanged', async () => {
    const short = await importCsv(csv(1), 'abc');
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/Idempotency-Key/);
    const spaced = await importCsv(csv(1), 'has spaces in it');
    expect(spaced.status).toBe(400);
    const file = csv(2);
    expect((await importCsv(file, undefined)).body.created).toBe(2);
    const again = await importCsv(file, undefined);
    expect(again.body).toMatchObject({ created: 0, unchanged: 2 });
  });
});

async function sanitizedDevice() {
  const tech = await t.auth('it_staff');
  const device = (await t.http.post('/api/devices').set(tech).send({ type: 'monitor', originSite: SITE, serialNumber: `IDEM-DEV-${++serial}` })).body;
  return (await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech)).body as { id: number; assetTag: string };
}

describe('hostile Idempotency-Key headers', () => {
  it('never get a 500: a malformed key is a 400 with the error shape, and a refused request stores no key', async () => {
    const seed = Number(process.env.FAST_CHECK_SEED ?? 20261123);
    const auth = await t.auth('partner');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.stringMatching(/^[\x20-\x7E]{0,300}$/), fc.constantFrom("' or 1=1 --", '../../etc/passwd', '%00', 'a'.repeat(256), '=cmd|calc!A1', '        ')),
        async (key) => {
          const response = await t.http.post('/api/allocations').set(auth).set('Idempotency-Key', key).send({ device: 999999, referral: 999999, price: 1 });
          expect(response.status).toBeLessThan(500);
          expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          if (!/^[\x21-\x7E]{8,255}$/.test(key.trim())) expect(response.status).toBe(400);
        },
      ),
      { seed, numRuns: 60 },
    );
    expect(await count(`select count(*) as n from idempotency_keys where route = 'POST /allocations'`)).toBe(0);
  });
});

describe('Idempotency-Key on pickups, allocations and reports', () => {
  it('replays a confirmed pickup instead of refusing it as "already picked up"', async () => {
    const tech = await t.auth('it_staff');
    const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE })).body;
    const devices = [await sanitizedDevice(), await sanitizedDevice()];
    await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: devices.map((device) => device.id) });
    await t.http.post(`/api/batches/${batch.id}/ready`).set(tech);
    const key = randomUUID();
    const partner = await t.auth('partner');
    const body = { scanned: devices.map((device) => device.assetTag) };
    const first = await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).set('Idempotency-Key', key).send(body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const events = await count(`select count(*) as n from events`);
    const retry = await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).set('Idempotency-Key', key).send(body);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);
    expect(await count(`select count(*) as n from events`)).toBe(events);
    // without the key, the same call is a second pickup, refused
    expect((await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send(body)).status).toBe(409);
    // the same key for another batch is another request
    const reused = await t.http.post(`/api/batches/${batch.id + 1000}/pickup`).set(partner).set('Idempotency-Key', key).send(body);
    expect(reused.status).toBe(422);
  });

  it('allocates a device once for a retried request', async () => {
    const admin = await t.auth('admin');
    const year = new Date().getFullYear();
    const agreement = await t.http.post('/api/agreements').set(admin).send({
      partner: 'Emmaüs Connect', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, devicesCommitted: 10, residentsCommitted: 10, trainingsCommitted: 5,
      priceCaps: { laptop: 150 }, reuseCommitmentRef: 'Convention test',
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    const referral = (await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
      beneficiary: { firstName: 'Inès', lastName: 'Retry', birthYear: 1980, postcode: '59100', eligibility: 'rsa', consent: true }, need: 'laptop',
    })).body;
    const partner = await t.auth('partner');
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(partner)).status).toBe(200);
    const device = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: SITE, serialNumber: `IDEM-ALLOC-${++serial}` })).body;
    await handOver(t, [device.id], { status: 'refurbished' });

    const key = randomUUID();
    const body = { device: device.id, referral: referral.id, price: 50 };
    const first = await t.http.post('/api/allocations').set(partner).set('Idempotency-Key', key).send(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // same body, keys in another order: the same request
    const retry = await t.http.post('/api/allocations').set(partner).set('Idempotency-Key', key).send({ price: 50, referral: referral.id, device: device.id });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await count(`select count(*) as n from allocations where device_id = $1`, [device.id])).toBe(1);
    expect(await count(`select count(*) as n from events where device_id = $1 and to_status = 'allocated'`, [device.id])).toBe(1);
  });

  it('stores one report for a retried generation', async () => {
    const admin = await t.auth('admin');
    const key = randomUUID();
    const body = { from: '2026-01-01', to: '2026-06-30', label: 'Comité — retry' };
    const first = await t.http.post('/api/reports').set(admin).set('Idempotency-Key', key).send(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await t.http.post('/api/reports').set(admin).set('Idempotency-Key', key).send(body);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await count(`select count(*) as n from reports where label = $1`, [body.label])).toBe(1);
  });
});

describe('purge-idempotency-keys job', () => {
  const runPurge = async () => {
    const run = await t.http.post('/api/jobs/purge-idempotency-keys/run').set(await t.auth('admin'));
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    return run.body.result.purged as number;
  };
  const setBack = (key: string, age: string) => t.sql(`update idempotency_keys set created_at = now() - $2::interval where key = $1`, [key, age]);

  /** A partner's outcome for `tags` recorded with `key`: the write an offline phone sends again. */
  async function recordOutcome(key: string) {
    const tech = await t.auth('it_staff');
    const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE })).body;
    const device = await sanitizedDevice();
    await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [device.id] });
    await t.http.post(`/api/batches/${batch.id}/ready`).set(tech);
    const partner = await t.auth('partner');
    expect((await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned: [device.assetTag] })).status).toBe(200);
    const body = { assetTags: [device.assetTag], to: 'refurbished' };
    const send = () => t.http.post('/api/devices/outcomes').set(partner).set('Idempotency-Key', key).send(body);
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    return { first, send };
  }

  it('still replays a write sent 3 days ago (its answer lost, the phone offline over a weekend) after the purge', async () => {
    const key = randomUUID();
    const { first, send } = await recordOutcome(key);
    await setBack(key, '3 days');
    await runPurge();
    expect(await count(`select count(*) as n from idempotency_keys where key = $1`, [key])).toBe(1);
    const retry = await send();
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe(first.text);
  });

  it('keeps keys through the days the back office may still send a write, and forgets them after 30 days', async () => {
    const kept = randomUUID();
    const old = randomUUID();
    const recent = randomUUID();
    expect((await importCsv(csv(1), kept)).status).toBe(200);
    expect((await importCsv(csv(1), old)).status).toBe(200);
    expect((await importCsv(csv(1), recent)).status).toBe(200);
    // just inside the 30 days, just past them
    await setBack(kept, '29 days 23 hours');
    await setBack(old, '30 days 1 hour');
    expect(await runPurge()).toBeGreaterThanOrEqual(1);
    expect(await count(`select count(*) as n from idempotency_keys where key = $1`, [old])).toBe(0);
    expect(await count(`select count(*) as n from idempotency_keys where key = $1`, [kept])).toBe(1);
    expect(await count(`select count(*) as n from idempotency_keys where key = $1`, [recent])).toBe(1);
    expect((await t.http.post('/api/jobs/purge-idempotency-keys/run').set(await t.auth('it_staff'))).status).toBe(403);
  });

  it('takes a write whose key was forgotten for a new one: the device already moved, so a conflict (why the back office stops at 21 days)', async () => {
    const key = randomUUID();
    const { send } = await recordOutcome(key);
    await setBack(key, '31 days');
    await runPurge();
    const retry = await send();
    expect(retry.status).toBe(409);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('Idempotency-Key on the refurbishment pile', () => {
  it('records a pile’s outcome once for a retried request, and refuses the key for another pile (422)', async () => {
    const tech = await t.auth('it_staff');
    const batch = (await t.http.post('/api/batches').set(tech).send({ site: SITE })).body;
    const devices = [await sanitizedDevice(), await sanitizedDevice()];
    await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: devices.map((device) => device.id) });
    await t.http.post(`/api/batches/${batch.id}/ready`).set(tech);
    const partner = await t.auth('partner');
    const tags = devices.map((device) => device.assetTag);
    expect((await t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned: tags })).status).toBe(200);
    const key = randomUUID();
    const body = { assetTags: tags, to: 'recycled', reason: 'Dalles cassées' };
    const first = await t.http.post('/api/devices/outcomes').set(partner).set('Idempotency-Key', key).send(body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const recycled = `select count(*) as n from events e join devices d on d.id = e.device_id where d.asset_tag = any($1) and e.to_status = 'recycled'`;
    expect(await count(recycled, [tags])).toBe(2);
    const retry = await t.http.post('/api/devices/outcomes').set(partner).set('Idempotency-Key', key).send(body);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.text).toBe(first.text);
    expect(await count(recycled, [tags])).toBe(2);
    // without the key, the same pile is refused: those devices no longer wait for a diagnosis
    expect((await t.http.post('/api/devices/outcomes').set(partner).send(body)).status).toBe(409);
    const reused = await t.http.post('/api/devices/outcomes').set(partner).set('Idempotency-Key', key).send({ ...body, assetTags: [tags[0]] });
    expect(reused.status).toBe(422);
  });
});
