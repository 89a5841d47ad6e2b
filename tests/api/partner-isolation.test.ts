import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, OTHER_PARTNER, otherPartnerAuth, type TestApp } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';

/**
 * Two partner organisations (#20 §4): Emmaüs Connect and the Ateliers du Bocage. Neither sees the
 * other's devices, history, referrals, allocations or receipts, nor acts on them.
 */
let t: TestApp;
let other: { Authorization: string };
const EMMAUS = 'Emmaüs Connect';
const year = new Date().getFullYear();
let serial = 0;

interface Device {
  id: number;
  assetTag: string;
}
let emmausHanded: Device;
let emmausAllocated: Device;
let otherHanded: Device;
let emmausReferral: { id: number; voucherCode: string };
let emmausOpenReferral: { id: number; voucherCode: string };
let otherReferral: { id: number; voucherCode: string };
let allocationId: number;

async function agreement(partner: string) {
  const response = await t.http.post('/api/agreements').set(await t.auth('admin')).send({
    partner,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    devicesCommitted: 10,
    residentsCommitted: 10,
    trainingsCommitted: 0,
    priceCaps: { laptop: 150 },
    reuseCommitmentRef: 'Convention de test',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function device(): Promise<Device> {
  const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: `ISO-${++serial}` });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function refer(partner: string, firstName: string) {
  const response = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
    beneficiary: { firstName, lastName: `Iso${++serial}`, birthYear: 1980, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
    need: 'laptop',
    partner,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; voucherCode: string };
}

beforeAll(async () => {
  t = await createTestApp();
  other = await otherPartnerAuth(t);
  await agreement(EMMAUS);
  await agreement(OTHER_PARTNER.organisation);
  emmausHanded = await device();
  emmausAllocated = await device();
  otherHanded = await device();
  await handOver(t, [emmausHanded.id]);
  await handOver(t, [emmausAllocated.id], { status: 'refurbished' });
  await handOver(t, [otherHanded.id], { organisation: OTHER_PARTNER.organisation });
  emmausReferral = await refer(EMMAUS, 'Yasmina');
  emmausOpenReferral = await refer(EMMAUS, 'Bernard');
  otherReferral = await refer(OTHER_PARTNER.organisation, 'Chloé');
  const partner = await t.auth('partner');
  expect((await t.http.post(`/api/referrals/${emmausReferral.id}/accept`).set(partner)).status).toBe(200);
  const allocation = await t.http.post('/api/allocations').set(partner).send({ device: emmausAllocated.id, referral: emmausReferral.id, price: 50 });
  expect(allocation.status, JSON.stringify(allocation.body)).toBe(201);
  allocationId = allocation.body.id;
});
afterAll(() => t.close());

const ids = (body: { id: number }[]) => body.map((row) => row.id).sort((a, b) => a - b);

describe('a partner of another organisation', () => {
  it("sees none of Emmaüs Connect's devices, only its own", async () => {
    const list = await t.http.get('/api/devices').set(other);
    expect(list.status).toBe(200);
    expect(ids(list.body)).toEqual([otherHanded.id]);
    for (const { id, assetTag } of [emmausHanded, emmausAllocated]) {
      expect((await t.http.get(`/api/devices/${id}`).set(other)).status).toBe(403);
      expect((await t.http.get(`/api/scan/${assetTag}`).set(other)).status).toBe(403);
      expect((await t.http.get(`/api/devices/${id}/certificate.pdf`).set(other)).status).toBe(403);
    }
    const filtered = await t.http.get('/api/devices').query({ filter: JSON.stringify({ id: [emmausHanded.id, emmausAllocated.id] }) }).set(other);
    expect(filtered.body).toEqual([]);
  });

  it("reads no event of Emmaüs Connect's devices", async () => {
    const events = await t.http.get('/api/events').set(other);
    expect(new Set(events.body.map((event: { device: number }) => event.device))).toEqual(new Set([otherHanded.id]));
    const filtered = await t.http.get('/api/events').query({ filter: JSON.stringify({ device: [emmausHanded.id, emmausAllocated.id] }) }).set(other);
    expect(filtered.body).toEqual([]);
    const [event] = await t.sql<{ id: number }>(`select id from events where device_id = $1 order by id desc limit 1`, [emmausAllocated.id]);
    expect((await t.http.get(`/api/events/${event.id}`).set(other)).status).toBe(404);
  });

  it("cannot record an outcome on Emmaüs Connect's devices", async () => {
    const single = await t.http.post(`/api/devices/${emmausHanded.id}/transitions`).set(other).send({ to: 'refurbished' });
    expect(single.status).toBe(403);
    expect(JSON.stringify(single.body)).not.toContain('handed_over');
    const pile = await t.http.post('/api/devices/outcomes').set(other).send({ assetTags: [emmausHanded.assetTag], to: 'refurbished' });
    expect(pile.status).toBe(409);
    expect(pile.body.error.details.refused).toEqual([{ assetTag: emmausHanded.assetTag, reason: 'pas confié à votre organisation' }]);
    expect((await t.sql<{ status: string }>(`select status from devices where id = $1`, [emmausHanded.id]))[0].status).toBe('handed_over');
  });

  it("sees, counts, reads, accepts and refuses none of Emmaüs Connect's referrals", async () => {
    const list = await t.http.get('/api/referrals').set(other);
    expect(ids(list.body)).toEqual([otherReferral.id]);
    expect(JSON.stringify(list.body)).not.toMatch(/Yasmina|Bernard/);
    const counts = await t.http.get('/api/referrals/counts').set(other);
    expect(counts.body.byStatus).toEqual({ submitted: 1 });
    for (const referral of [emmausReferral, emmausOpenReferral]) {
      expect((await t.http.get(`/api/referrals/${referral.id}`).set(other)).status).toBe(404);
      expect((await t.http.get(`/api/scan/${referral.voucherCode}`).set(other)).status).toBe(404);
    }
    expect((await t.http.post(`/api/referrals/${emmausOpenReferral.id}/accept`).set(other)).status).toBe(404);
    expect((await t.http.post(`/api/referrals/${emmausOpenReferral.id}/refuse`).set(other).send({ reason: 'duplicate' })).status).toBe(404);
    expect((await t.sql<{ status: string }>(`select status from referrals where id = $1`, [emmausOpenReferral.id]))[0].status).toBe('submitted');
  });

  it("sees no allocation or receipt of Emmaüs Connect's, and cannot allocate its devices or referrals", async () => {
    const list = await t.http.get('/api/allocations').set(other);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
    expect((await t.http.get(`/api/allocations/${allocationId}/receipt.pdf`).set(other)).status).toBe(404);
    const [refurbished] = [await device()];
    await handOver(t, [refurbished.id], { status: 'refurbished' });
    await t.http.post(`/api/referrals/${otherReferral.id}/accept`).set(other).expect(200);
    // an Emmaüs Connect device for its own referral: 403; its own device for an Emmaüs Connect referral: 404
    expect((await t.http.post('/api/allocations').set(other).send({ device: refurbished.id, referral: otherReferral.id, price: 10 })).status).toBe(403);
    await t.sql(`update devices set status = 'refurbished' where id = $1`, [otherHanded.id]);
    expect((await t.http.post('/api/allocations').set(other).send({ device: otherHanded.id, referral: emmausOpenReferral.id, price: 10 })).status).toBe(404);
    await t.sql(`update devices set status = 'handed_over' where id = $1`, [otherHanded.id]);
  });
});

describe('Emmaüs Connect, the other way round', () => {
  it("sees neither the other organisation's device nor its referral, and still its own", async () => {
    const partner = await t.auth('partner');
    const devices = await t.http.get('/api/devices').set(partner);
    expect(ids(devices.body)).not.toContain(otherHanded.id);
    expect(ids(devices.body)).toEqual(expect.arrayContaining([emmausHanded.id, emmausAllocated.id]));
    expect((await t.http.get(`/api/devices/${otherHanded.id}`).set(partner)).status).toBe(403);
    const referrals = await t.http.get('/api/referrals').set(partner);
    expect(ids(referrals.body)).toEqual([emmausReferral.id, emmausOpenReferral.id].sort((a, b) => a - b));
    expect((await t.http.get(`/api/referrals/${otherReferral.id}`).set(partner)).status).toBe(404);
    const allocations = await t.http.get('/api/allocations').set(partner);
    expect(ids(allocations.body)).toEqual([allocationId]);
  });

  it('addresses a referral only to a partner with an agreement in force', async () => {
    const response = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
      beneficiary: { firstName: 'Nadia', lastName: 'Sans', birthYear: 1980, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
      need: 'laptop',
      partner: 'Association inconnue',
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('NO_ACTIVE_AGREEMENT');
  });
});
