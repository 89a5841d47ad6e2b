import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { seedFactors } from '../../seeds/factors.js';
import type { Role } from '../../api/core/permissions.js';

/**
 * A hand-built dataset with known answers. The chain of custody is append-only, so devices whose
 * history lies in the past are written with explicit timestamps (UTC; Paris is UTC+1 in winter,
 * UTC+2 in summer) — the period boundaries are midnight in Paris.
 */
let t: TestApp;
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
const PERSON = { first: 'Zéphyrine', last: 'Quasimodo-Testeuse', phone: '0699887766' };

type Step = [from: string | null, to: string, at: string];
let tagNumber = 0;
async function device(type: string, year: number | null, steps: Step[]): Promise<number> {
  const last = steps[steps.length - 1][1];
  const [row] = await t.sql<{ id: number }>(
    `insert into devices (asset_tag, type, year, origin_site, site, status, created_at) values ($1, $2, $3, 'Dépôt DSI — Lille', 'Dépôt DSI — Lille', $4, $5) returning id`,
    [`TEST-${String(++tagNumber).padStart(6, '0')}`, type, year, last, steps[0][2]],
  );
  for (const [from, to, at] of steps) {
    await t.sql(`insert into events (device_id, type, from_status, to_status, actor_id, at) values ($1, $2, $3, $4, $5, $6)`, [row.id, from ? 'transition' : 'registered', from, to, t.users.it_staff.id, at]);
  }
  return row.id;
}

/** registered → sanitized → in_batch → handed_over → refurbished (→ allocated), at the given times. */
const chain = (registered: string, sanitized: string, inBatch: string, handedOver: string, after: Step[] = []): Step[] => [
  [null, 'registered', registered],
  ['registered', 'sanitized', sanitized],
  ['sanitized', 'in_batch', inBatch],
  ['in_batch', 'handed_over', handedOver],
  ...after,
];

let agreementId: number;
let voucher = 0;
async function person(territory: string): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    `insert into beneficiaries (first_name, last_name, birth_year, postcode, commune, territory, eligibility, phone, consent_at, consent_recorded_by_id, created_by_id)
     values ($1, $2, 1970, '59100', 'Roubaix', $3, 'rsa', $4, now(), $5, $5) returning id`,
    [PERSON.first, PERSON.last, territory, PERSON.phone, t.users.social_worker.id],
  );
  return row.id;
}

/** A referral written at `at` (its period is the one it was written in). */
async function refer(beneficiaryId: number, territory: string, status: string, trainingWanted: boolean, at: string): Promise<number> {
  const [referral] = await t.sql<{ id: number }>(
    `insert into referrals (beneficiary_id, referrer_id, territory, need, training_wanted, status, voucher_code, created_at) values ($1, $2, $3, 'laptop', $4, $5, $6, $7) returning id`,
    [beneficiaryId, t.users.social_worker.id, territory, trainingWanted, status, `TST-${String(++voucher).padStart(5, '0')}`, at],
  );
  return referral.id;
}

/** A resident referred at `referredAt` (default: the allocation's time) and equipped at `at`; returns the resident. */
async function allocate(deviceId: number, territory: string, priceEuros: number, trainingWanted: boolean, at: string, referredAt = at): Promise<number> {
  const beneficiaryId = await person(territory);
  const referral = await refer(beneficiaryId, territory, 'equipped', trainingWanted, referredAt);
  await t.sql(`insert into allocations (device_id, referral_id, agreement_id, price_cents, allocated_by_id, allocated_at) values ($1, $2, $3, $4, $5, $6)`, [deviceId, referral, agreementId, Math.round(priceEuros * 100), t.users.partner.id, at]);
  return beneficiaryId;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedFactors(t.orm.em.fork());
  const agreement = await t.http.post('/api/agreements').set(await t.auth('admin')).send({
    partner: 'Emmaüs Connect',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    devicesCommitted: 730,
    residentsCommitted: 365,
    trainingsCommitted: 73,
    solidaritySalesCommitted: 365,
    priceCaps: { laptop: 150, smartphone: 90 },
    reuseCommitmentRef: 'Convention CD59-EC 2026, article 4',
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  agreementId = agreement.body.id;

  // A: laptop held on 1 January (in a batch), handed over, refurbished and allocated in the period
  const a = await device('laptop', 2020, chain('2025-11-10T10:00:00Z', '2025-12-01T10:00:00Z', '2025-12-15T10:00:00Z', '2026-01-10T09:00:00Z', [['handed_over', 'refurbished', '2026-02-01T10:00:00Z'], ['refurbished', 'allocated', '2026-03-05T10:00:00Z']]));
  const residentA = await allocate(a, 'UTPAS Roubaix', 100, true, '2026-03-05T10:00:00Z', '2026-02-20T10:00:00Z');
  // … whose first referral, in January, was cancelled: two referrals, one resident
  await refer(residentA, 'UTPAS Roubaix', 'cancelled', true, '2026-01-15T10:00:00Z');
  // B: laptop registered in the period, allocated in another territory to a resident referred on 31 December at 23:30 in Paris (before the period)
  const b = await device('laptop', 2019, chain('2026-01-05T10:00:00Z', '2026-01-06T10:00:00Z', '2026-01-07T10:00:00Z', '2026-01-10T09:00:00Z', [['handed_over', 'refurbished', '2026-02-01T10:00:00Z'], ['refurbished', 'allocated', '2026-04-15T10:00:00Z']]));
  await allocate(b, 'MDIE Douai', 80, false, '2026-04-15T10:00:00Z', '2025-12-31T22:30:00Z');
  // C: smartphone allocated on 30 June at 23:30 in Paris (21:30 UTC): inside the period
  const c = await device('smartphone', 2022, chain('2026-02-01T10:00:00Z', '2026-02-02T10:00:00Z', '2026-02-03T10:00:00Z', '2026-02-10T10:00:00Z', [['handed_over', 'refurbished', '2026-02-20T10:00:00Z'], ['refurbished', 'allocated', '2026-06-30T21:30:00Z']]));
  await allocate(c, 'UTPAS Roubaix', 50, true, '2026-06-30T21:30:00Z', '2026-06-01T10:00:00Z');
  // referrals without a device: one written on 1 January at 00:00 in Paris (inside), one on 1 July at 00:00 in Paris (after)
  await refer(await person('UTPAS Roubaix'), 'UTPAS Roubaix', 'submitted', false, '2025-12-31T23:00:00Z');
  await refer(await person('France Services Avesnes'), 'France Services Avesnes', 'accepted', true, '2026-06-30T22:00:00Z');
  // a social worker's territory where nobody has been referred yet
  const worker = await t.http.post('/api/users').set(await t.auth('admin')).send({ email: 'lille-sud@test.fr', name: 'Léa Lille', role: 'social_worker', territory: 'UTPAS Lille-Sud', password: 'k7Q-vR2m-Lp9x-Tz4w' });
  expect(worker.status, JSON.stringify(worker.body)).toBe(201);
  // D: desktop of 2012 (13 years old when retired in 2025: outside the REEN ratio), recycled
  await device('desktop', 2012, chain('2025-06-01T10:00:00Z', '2025-06-02T10:00:00Z', '2025-12-20T10:00:00Z', '2026-02-10T10:00:00Z', [['handed_over', 'recycled', '2026-03-01T10:00:00Z']]));
  // E: monitor registered on 31 December at 23:30 in Paris (before the period), wiped on 1 July at 00:30 in Paris (after it)
  await device('monitor', 2018, [[null, 'registered', '2025-12-31T22:30:00Z'], ['registered', 'sanitized', '2026-06-30T22:30:00Z']]);
  // F: tablet registered on 30 June at 23:59 in Paris: inside the period
  await device('tablet', null, [[null, 'registered', '2026-06-30T21:59:00Z']]);
  // G: withdrawn before 1 January: not held
  await device('laptop', 2021, [[null, 'registered', '2025-10-01T10:00:00Z'], ['registered', 'sanitized', '2025-10-02T10:00:00Z'], ['sanitized', 'withdrawn', '2025-11-01T10:00:00Z']]);
  // H: handed over in December 2025, when no agreement with a reuse commitment was in force; refurbished in the period
  await device('laptop', 2021, chain('2025-10-01T10:00:00Z', '2025-10-05T10:00:00Z', '2025-12-01T10:00:00Z', '2025-12-10T10:00:00Z', [['handed_over', 'refurbished', '2026-01-15T10:00:00Z']]));
  // I: allocated on 31 December at 23:59 in Paris: before the period
  const i = await device('smartphone', 2023, chain('2025-09-01T10:00:00Z', '2025-09-02T10:00:00Z', '2025-09-03T10:00:00Z', '2025-09-10T10:00:00Z', [['handed_over', 'refurbished', '2025-09-20T10:00:00Z'], ['refurbished', 'allocated', '2025-12-31T22:59:00Z']]));
  await allocate(i, 'UTPAS Roubaix', 60, true, '2025-12-31T22:59:00Z', '2025-12-01T10:00:00Z');
  // J, K: still at the depot on 1 January (K has no known year)
  await device('laptop', 2020, [[null, 'registered', '2025-05-01T10:00:00Z'], ['registered', 'sanitized', '2025-05-02T10:00:00Z']]);
  await device('monitor', null, [[null, 'registered', '2025-03-01T10:00:00Z']]);
});
afterAll(() => t.close());

async function summary(query: Record<string, string> = PERIOD, role: Role = 'viewer') {
  const response = await t.http.get('/api/reports/summary').query(query).set(await t.auth(role));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

const zeros = { registered: 0, sanitized: 0, handedOver: 0, refurbished: 0, recycled: 0, allocated: 0 };

describe('partnership indicators', () => {
  it('counts each step of the chain of custody in the period, by type and by month, midnight in Paris being the boundary', async () => {
    const body = await summary();
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-06-30', territory: null });
    expect(body.devices).toMatchObject({ registered: 3, sanitized: 2, handedOver: 4, refurbished: 4, recycled: 1, allocated: 3, territoryApplies: false });
    expect(body.devices.byType).toEqual({
      laptop: { ...zeros, registered: 1, sanitized: 1, handedOver: 2, refurbished: 3, allocated: 2 },
      desktop: { ...zeros, handedOver: 1, recycled: 1 },
      monitor: zeros,
      tablet: { ...zeros, registered: 1 },
      smartphone: { ...zeros, registered: 1, sanitized: 1, handedOver: 1, refurbished: 1, allocated: 1 },
      printer: zeros,
      other: zeros,
    });
    expect(body.devices.byMonth).toEqual([
      { month: '2026-01', ...zeros, registered: 1, sanitized: 1, handedOver: 2, refurbished: 1 },
      { month: '2026-02', ...zeros, registered: 1, sanitized: 1, handedOver: 2, refurbished: 3 },
      { month: '2026-03', ...zeros, recycled: 1, allocated: 1 },
      { month: '2026-04', ...zeros, allocated: 1 },
      { month: '2026-06', ...zeros, registered: 1, allocated: 1 },
    ]);
    expect(body.rates).toEqual({ reuse: 0.75, recycling: 0.25 });
  });

  it('compares donations, residents, trainings and sales with the commitments pro rata temporis', async () => {
    const body = await summary();
    expect(body.commitments.agreements).toEqual([{ id: agreementId, partner: 'Emmaüs Connect', startsOn: '2026-01-01', endsOn: '2026-12-31', share: 0.4959, reuseCommitmentRef: 'Convention CD59-EC 2026, article 4' }]);
    // 181 days of 365
    expect(body.commitments.devicesDonated).toEqual({ actual: 4, committed: 362, achieved: 0.011 });
    expect(body.commitments.residentsEquipped).toEqual({ actual: 3, committed: 181, achieved: 0.0166 });
    expect(body.commitments.residentsTrained).toEqual({ actual: 2, committed: 36.2, achieved: 0.0552 });
    expect(body.commitments.solidaritySales).toEqual({ actual: 3, committed: 181, achieved: 0.0166 });
  });

  it('gives residents, revenue and delays from registration to allocation (median, 90th percentile)', async () => {
    const body = await summary();
    // delays: 100 days (B), 115 days (A), 149 days 11.5 hours (C)
    expect(body.allocations).toEqual({
      count: 3,
      residentsEquipped: 3,
      residentsTrained: 2,
      revenueEur: 230,
      // seeded new prices (GfK): laptop €700, smartphone €423 → (700 − 100) + (700 − 80) + (423 − 50)
      householdSavingsEur: 1593,
      allocationsWithReferencePrice: 3,
      daysToAllocation: { median: 115, p90: 142.6 },
    });
  });

  it('applies the territory to residents and allocations only', async () => {
    const body = await summary({ ...PERIOD, territory: 'UTPAS Roubaix' });
    expect(body.period.territory).toBe('UTPAS Roubaix');
    expect(body.devices).toMatchObject({ registered: 3, handedOver: 4, allocated: 3 });
    expect(body.allocations).toMatchObject({ count: 2, residentsEquipped: 2, residentsTrained: 2, revenueEur: 150, daysToAllocation: { median: 132.2, p90: 146 } });
    expect(body.nordDurable.byType.map((row: { deviceType: string; devices: number }) => [row.deviceType, row.devices])).toEqual([['laptop', 1], ['smartphone', 1]]);
    const elsewhere = await summary({ ...PERIOD, territory: 'Territoire inconnu' });
    expect(elsewhere.allocations.count).toBe(0);
    expect(elsewhere.nordDurable).toMatchObject({ devicesReused: 0, massDivertedKg: 0, co2eAvoidedKg: 0 });
  });

  it('computes the REEN legal ratio of the year: reused ÷ held on 1 January, devices over ten years excluded', async () => {
    const body = await summary();
    // held on 1 January: A (in a batch), E, J, K; reused in 2026: A, B, C (handed over under a reuse commitment)
    expect(body.reen).toEqual({ year: 2026, through: '2026-06-30', heldOnJanuary1: 4, reused: 3, ratio: 0.75, target: 0.5, met: true, excludedOlderThan10Years: 1, heldWithUnknownYear: 1 });
    const early = await summary({ from: '2026-01-01', to: '2026-01-09' });
    expect(early.reen).toMatchObject({ heldOnJanuary1: 4, reused: 0, ratio: 0, met: false });
    const previous = await summary({ from: '2025-01-01', to: '2025-12-31' });
    // in 2025 nothing was handed over under a reuse commitment; I was allocated on 31 December
    expect(previous.reen).toMatchObject({ year: 2025, reused: 1, target: 0.5 });
  });

  it('computes the Nord durable figures from the stored factors, with their sources, and follows an admin’s edit', async () => {
    const before = await summary();
    expect(before.nordDurable).toMatchObject({ devicesReused: 3, massDivertedKg: 0, co2eAvoidedKg: 423.6 });
    expect(before.nordDurable.missingFactors).toEqual(['laptop.massKg', 'smartphone.massKg']);
    const laptop = before.nordDurable.byType[0];
    expect(laptop).toMatchObject({ deviceType: 'laptop', devices: 2, avoidedMethod: 'manufacturing', co2eKgPerDevice: 170.3, co2eAvoidedKg: 340.6 });
    expect(laptop.co2eSource).toContain('librairie.ademe.fr/consommer-autrement/5226');
    expect(laptop.co2eSource).toContain('https://impactco2.fr/outils/numerique');
    expect(laptop.co2eSource).not.toMatch(/github|commit|docs\//);

    const admin = await t.auth('admin');
    const factors = await t.http.get('/api/factors').set(await t.auth('viewer'));
    expect(factors.status).toBe(200);
    expect(factors.headers['content-range']).toBe('factors 0-6/7');
    const laptopFactor = factors.body.find((factor: { deviceType: string }) => factor.deviceType === 'laptop');
    expect(laptopFactor).toMatchObject({ manufacturingKgco2e: 170.3, avoidedKgco2ePerYear: 27, avoidedMethod: 'manufacturing', massKg: null, referenceNewPriceEur: 700 });
    expect(laptopFactor.priceSource).toContain('https://macg.co/');
    expect((await t.http.put(`/api/factors/${laptopFactor.id}`).set(await t.auth('viewer')).send({ massKg: 2 })).status).toBe(403);
    expect((await t.http.put(`/api/factors/${laptopFactor.id}`).set(admin).send({ massKg: -1 })).status).toBe(400);
    const edit = await t.http.put(`/api/factors/${laptopFactor.id}`).set(admin).send({
      massKg: 2,
      massSource: 'Pesée de 20 portables du dépôt DSI, mars 2026',
      avoidedMethod: 'per_year',
      secondLifeYears: 4,
      secondLifeSource: 'Durée de garantie du partenaire',
      referenceNewPriceEur: 600,
      priceSource: 'Marché public DSI 2025, lot 1',
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ massKg: 2, avoidedMethod: 'per_year', secondLifeYears: 4, updatedBy: t.users.admin.id });

    const after = await summary();
    // laptops: 27 kg CO2e per year × 4 years × 2 devices; smartphone: 83 (manufacturing)
    expect(after.nordDurable).toMatchObject({ massDivertedKg: 4, co2eAvoidedKg: 299, missingFactors: ['smartphone.massKg'] });
    expect(after.nordDurable.byType[0]).toMatchObject({ co2eKgPerDevice: 108, co2eAvoidedKg: 216, massKgPerDevice: 2, massSource: 'Pesée de 20 portables du dépôt DSI, mars 2026' });
    // (600 − 100) + (600 − 80) + smartphone (423 − 50)
    expect(after.allocations).toMatchObject({ householdSavingsEur: 1393, allocationsWithReferencePrice: 3 });
    // a sale at or above the reference price saved nothing, it is never a loss: (90 − 100 → 0) + (90 − 80) + 373
    expect((await t.http.put(`/api/factors/${laptopFactor.id}`).set(admin).send({ referenceNewPriceEur: 90 })).status).toBe(200);
    expect((await summary()).allocations).toMatchObject({ householdSavingsEur: 383, allocationsWithReferencePrice: 3 });
    expect((await t.http.put(`/api/factors/${laptopFactor.id}`).set(admin).send({ referenceNewPriceEur: 600 })).status).toBe(200);
    expect(after.factors.find((factor: { deviceType: string }) => factor.deviceType === 'laptop')).toMatchObject({ massKg: 2, secondLifeYears: 4 });
  });

  it('counts a device registered through the API today', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    const created = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'printer', originSite: 'Dépôt DSI — Lille' });
    expect(created.status).toBe(201);
    const body = await summary({ from: today, to: today });
    expect(body.devices.byType.printer.registered).toBe(1);
  });

  it('refuses bad dates and periods with 400', async () => {
    const viewer = await t.auth('viewer');
    for (const query of [{}, { from: '2026-13-01', to: '2026-06-30' }, { from: '2026-01-01', to: 'demain' }, { from: '2026-06-30', to: '2026-01-01' }, { from: '2000-01-01', to: '2026-01-01' }]) {
      const response = await t.http.get('/api/reports/summary').query(query).set(viewer);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.code).toBe('INVALID_INPUT');
    }
    expect((await t.http.get('/api/reports/partnership.xlsx').query({ from: '2026-02-30', to: '2026-03-01' }).set(viewer)).status).toBe(400);
  });

  it('lets admins and viewers read reports, nobody else', async () => {
    for (const role of ['it_staff', 'partner', 'social_worker'] as const) {
      const auth = await t.auth(role);
      expect((await t.http.get('/api/reports/summary').query(PERIOD).set(auth)).status, role).toBe(403);
      expect((await t.http.get('/api/reports/partnership.xlsx').query(PERIOD).set(auth)).status, role).toBe(403);
      expect((await t.http.get('/api/reports').set(auth)).status, role).toBe(403);
      expect((await t.http.get('/api/factors').set(auth)).status, role).toBe(403);
    }
    await summary(PERIOD, 'admin');
    expect((await t.http.get('/api/reports/summary').query(PERIOD)).status).toBe(401);
  });

  it('never shows personal data', async () => {
    const text = JSON.stringify(await summary()) + JSON.stringify(await summary({ ...PERIOD, territory: 'UTPAS Roubaix' }));
    for (const secret of [PERSON.first, PERSON.last, PERSON.phone, 'TST-0', 'Sam Social', 'Théo Technicien', 'Léa Lille']) expect(text).not.toContain(secret);
  });
});

const quiet = { referrals: 0, residentsReferred: 0, residentsEquipped: 0, residentsTrained: 0, devicesAllocated: 0, revenueEur: 0, householdSavingsEur: 0, allocationsWithReferencePrice: 0, massDivertedKg: 0, co2eAvoidedKg: 0 };

// after the factor edit above: laptop 2 kg, 27 kg CO2e × 4 years = 108, new price €600; smartphone 83 kg CO2e, no mass, new price €423
describe('breakdown by territory', () => {
  const roubaix = {
    territory: 'UTPAS Roubaix',
    // A's cancelled referral (15 January) and A's (20 February), C's (1 June), and one written on 1 January at 00:00 in Paris
    referrals: 4,
    residentsReferred: 3,
    residentsEquipped: 2,
    residentsTrained: 2,
    devicesAllocated: 2,
    revenueEur: 150,
    householdSavingsEur: 873,
    allocationsWithReferencePrice: 2,
    massDivertedKg: 2,
    co2eAvoidedKg: 191,
  };
  // B was referred on 31 December at 23:30 in Paris (before the period) and equipped in April
  const douai = { ...quiet, territory: 'MDIE Douai', residentsEquipped: 1, devicesAllocated: 1, revenueEur: 80, householdSavingsEur: 520, allocationsWithReferencePrice: 1, massDivertedKg: 2, co2eAvoidedKg: 108 };

  it('gives every known territory, zeros included, in French order, adding up to the totals', async () => {
    const body = await summary();
    expect(body.byTerritory).toEqual([
      // its only referral was written on 1 July at 00:00 in Paris: after the period
      { ...quiet, territory: 'France Services Avesnes' },
      douai,
      // known from a social worker's account only
      { ...quiet, territory: 'UTPAS Lille-Sud' },
      roubaix,
    ]);
    const sum = (key: keyof typeof quiet) => body.byTerritory.reduce((total: number, row: typeof quiet) => total + row[key], 0);
    expect(sum('devicesAllocated')).toBe(body.allocations.count);
    expect(sum('revenueEur')).toBe(body.allocations.revenueEur);
    expect(sum('householdSavingsEur')).toBe(body.allocations.householdSavingsEur);
    expect(sum('massDivertedKg')).toBe(body.nordDurable.massDivertedKg);
    expect(sum('co2eAvoidedKg')).toBe(body.nordDurable.co2eAvoidedKg);
  });

  it('keeps only the chosen territory, with zeros when nothing happened there', async () => {
    expect((await summary({ ...PERIOD, territory: 'UTPAS Roubaix' })).byTerritory).toEqual([roubaix]);
    expect((await summary({ ...PERIOD, territory: 'Territoire inconnu' })).byTerritory).toEqual([{ ...quiet, territory: 'Territoire inconnu' }]);
  });

  it('counts referrals in the period they were written and allocations in the period they were made, midnight in Paris being the boundary', async () => {
    const secondHalf = await summary({ from: '2026-07-01', to: '2026-12-31' });
    expect(secondHalf.byTerritory).toEqual([
      { ...quiet, territory: 'France Services Avesnes', referrals: 1, residentsReferred: 1 },
      { ...quiet, territory: 'MDIE Douai' },
      { ...quiet, territory: 'UTPAS Lille-Sud' },
      { ...quiet, territory: 'UTPAS Roubaix' },
    ]);
    const previousYear = await summary({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousYear.byTerritory).toEqual([
      { ...quiet, territory: 'France Services Avesnes' },
      { ...quiet, territory: 'MDIE Douai', referrals: 1, residentsReferred: 1 },
      { ...quiet, territory: 'UTPAS Lille-Sud' },
      // I: smartphone allocated on 31 December at 23:59 in Paris, €60, reference price €423
      { ...quiet, territory: 'UTPAS Roubaix', referrals: 1, residentsReferred: 1, residentsEquipped: 1, residentsTrained: 1, devicesAllocated: 1, revenueEur: 60, householdSavingsEur: 363, allocationsWithReferencePrice: 1, co2eAvoidedKg: 83 },
    ]);
    // 1 January alone: the referral written at 00:00 in Paris, nothing else
    expect((await summary({ from: '2026-01-01', to: '2026-01-01', territory: 'UTPAS Roubaix' })).byTerritory).toEqual([{ ...quiet, territory: 'UTPAS Roubaix', referrals: 1, residentsReferred: 1 }]);
  });

  it('lists the known territories for the picker, to admins and viewers only', async () => {
    const expected = ['France Services Avesnes', 'MDIE Douai', 'UTPAS Lille-Sud', 'UTPAS Roubaix'].map((name) => ({ id: name, name }));
    for (const role of ['viewer', 'admin'] as const) {
      const response = await t.http.get('/api/reports/territories').set(await t.auth(role));
      expect(response.status, role).toBe(200);
      expect(response.body).toEqual(expected);
    }
    for (const role of ['it_staff', 'partner', 'social_worker'] as const) {
      const response = await t.http.get('/api/reports/territories').set(await t.auth(role));
      expect(response.status, role).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect((await t.http.get('/api/reports/territories')).status).toBe(401);
  });

  it('carries no personal data, only territory names and figures', async () => {
    const bodies = [await summary(), await summary({ from: '2025-01-01', to: '2025-12-31' }), await summary({ ...PERIOD, territory: 'UTPAS Roubaix' })];
    const territories = await t.http.get('/api/reports/territories').set(await t.auth('viewer'));
    const text = JSON.stringify(bodies.map((body) => body.byTerritory)) + JSON.stringify(territories.body);
    for (const secret of [PERSON.first, PERSON.last, PERSON.phone, '59100', 'TST-0', 'Sam Social', 'Léa Lille', 'lille-sud@test.fr']) expect(text).not.toContain(secret);
    for (const body of bodies) for (const row of body.byTerritory) expect(Object.keys(row).sort()).toEqual(['territory', ...Object.keys(quiet)].sort());
  });
});

async function download(url: string, role: Role = 'viewer') {
  const response = await t.http.get(url).set(await t.auth(role)).buffer(true).parse(binaryParser);
  expect(response.status).toBe(200);
  return response;
}

async function readWorkbook(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function cellText(workbook: ExcelJS.Workbook): string {
  const parts: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.value instanceof Date ? cell.value.toISOString() : JSON.stringify(cell.value))))));
  return parts.join('\n');
}

/** The row of a sheet whose first cell is `label`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row « ${label} » in ${sheet.name}`);
  return found;
}

describe('steering committee workbook', () => {
  it('streams a workbook whose sheets, headers and totals match the JSON indicators', async () => {
    const json = await summary();
    const response = await download(`/api/reports/partnership.xlsx?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('partenariat-reemploi_2026-01-01_2026-06-30.xlsx');
    const workbook = await readWorkbook(response.body);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Synthèse', 'Flux d’appareils', 'Engagements', 'Habitants et prix', 'Par territoire', 'Nord durable', 'Ratio REEN', 'Méthodologie', 'Données appareils', 'Données événements', 'Données attributions']);

    const synthese = workbook.getWorksheet('Synthèse')!;
    expect(synthese.getCell('A1').value).toBe('Partenariat de réemploi informatique — rapport au comité de pilotage');
    expect(synthese.getCell('A2').value).toBe('Période : du 01/01/2026 au 30/06/2026');
    expect(synthese.getCell('A3').value).toBe('Territoire : tout le Département');
    expect(synthese.getCell('A4').value).toBe('Conventions : Emmaüs Connect, du 01/01/2026 au 31/12/2026');
    // one A4 portrait page: fitted to the width, the column headings repeated if it ever runs over, a print area
    expect(synthese.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '8:8' });
    expect(synthese.pageSetup.printArea).toBe(`A1:E${synthese.rowCount}`);
    expect(synthese.getRow(8).values).toEqual([undefined, 'Indicateur', 'Réalisé', 'Attendu sur la période', '% atteint', 'Précision']);
    expect(synthese.views[0]).toMatchObject({ state: 'frozen', ySplit: 8 });
    // wrapped notes get a row tall enough to show them; missing factors in words (the laptop's mass was set above)
    const trainedRow = rowOf(synthese, 'Habitants orientés vers une formation');
    expect(trainedRow.height).toBeGreaterThanOrEqual(30);
    expect(rowOf(synthese, 'Masse détournée des déchets').getCell(5).value).toBe('Comptés zéro faute de masse de référence : Smartphone (à renseigner dans les facteurs).');
    const donated = rowOf(synthese, 'Appareils donnés (remis au partenaire)');
    expect([donated.getCell(2).value, donated.getCell(3).value, donated.getCell(4).value]).toEqual([4, 362, 0.011]);
    expect(donated.getCell(4).numFmt).toBe('0.0%');
    const revenue = rowOf(synthese, 'Recettes solidaires');
    expect(revenue.getCell(2).value).toBe(json.allocations.revenueEur);
    expect(revenue.getCell(2).numFmt).toBe('#,##0.00 "€"');
    expect(rowOf(synthese, 'Gaz à effet de serre évités (kg CO2e)').getCell(2).value).toBe(json.nordDurable.co2eAvoidedKg);
    expect(rowOf(synthese, 'Ratio légal de réemploi 2026 (décret 2023-266)').getCell(2).value).toBe(json.reen.ratio);

    // the Nord durable sheet names the missing factors in words too, not as `smartphone.massKg` keys
    const nordSheet = workbook.getWorksheet('Nord durable')!;
    const nordTexts = nordSheet.getSheetValues().flat().filter((value): value is string => typeof value === 'string');
    expect(nordTexts).toContain('Comptés zéro faute de masse de référence : Smartphone (à renseigner dans les facteurs).');
    expect(nordTexts.filter((text) => /\.massKg|\.co2e/.test(text))).toEqual([]);

    const territories = workbook.getWorksheet('Par territoire')!;
    expect(territories.getRow(1).values).toEqual([undefined, 'Territoire', 'Orientations', 'Habitants orientés', 'Habitants équipés', 'dont formation souhaitée', 'Appareils attribués', 'Recettes solidaires', 'Économies des ménages', 'Masse détournée (kg)', 'CO2e évités (kg)']);
    expect(territories.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });
    for (const [index, row] of json.byTerritory.entries()) {
      expect(territories.getRow(index + 2).values).toEqual([undefined, row.territory, row.referrals, row.residentsReferred, row.residentsEquipped, row.residentsTrained, row.devicesAllocated, row.revenueEur, row.householdSavingsEur, row.massDivertedKg, row.co2eAvoidedKg]);
    }
    expect(territories.getRow(json.byTerritory.length + 2).values).toEqual([undefined, 'Total', 4, 3, 3, 2, json.allocations.count, json.allocations.revenueEur, json.allocations.householdSavingsEur, json.nordDurable.massDivertedKg, json.nordDurable.co2eAvoidedKg]);
    expect(territories.getRow(2).getCell(8).numFmt).toBe('#,##0.00 "€"');

    const flows = workbook.getWorksheet('Flux d’appareils')!;
    expect(flows.pageSetup.printTitlesRow).toBe('1:1');
    expect(flows.getRow(1).values).toEqual([undefined, 'Type / mois', 'Enregistrés', 'Effacés', 'Remis au partenaire', 'Reconditionnés', 'Recyclés', 'Attribués']);
    expect(flows.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rowOf(flows, 'Total').values).toEqual([undefined, 'Total', 3, 2, 4, 4, 1, 3]);
    expect(rowOf(flows, 'Portable').values).toEqual([undefined, 'Portable', 1, 1, 2, 3, 0, 2]);

    const allocations = workbook.getWorksheet('Données attributions')!;
    expect(allocations.getRow(1).values).toEqual([undefined, 'N° attribution', 'N° Réemploi', 'Type', 'Territoire', 'Formation souhaitée', 'Prix payé', 'Date']);
    expect(allocations.autoFilter).toBeTruthy();
    const prices: number[] = [];
    allocations.eachRow((row, number) => {
      if (number > 1) prices.push(row.getCell(6).value as number);
    });
    expect(prices).toHaveLength(json.allocations.count);
    expect(prices.reduce((sum, price) => sum + price, 0)).toBe(json.allocations.revenueEur);
    // 30 June at 23:30 in Paris, written as Paris wall-clock time
    expect((allocations.getRow(4).getCell(7).value as Date).toISOString()).toBe('2026-06-30T23:30:00.000Z');
    expect(allocations.getRow(4).getCell(7).numFmt).toBe('dd/mm/yyyy hh:mm');

    const events = workbook.getWorksheet('Données événements')!;
    const toStatus: Record<string, number> = {};
    events.eachRow((row, number) => {
      if (number > 1) toStatus[row.getCell(5).value as string] = (toStatus[row.getCell(5).value as string] ?? 0) + 1;
    });
    expect(toStatus).toEqual({ Enregistré: 3, Effacé: 2, 'En lot': 2, 'Remis au partenaire': 4, Reconditionné: 4, Recyclé: 1, Attribué: 3 });
    // A, B, C, D, F and H have an event in the period
    expect(workbook.getWorksheet('Données appareils')!.rowCount - 1).toBe(6);

    const methodology = cellText(workbook);
    expect(methodology).toContain('librairie.ademe.fr/dechets-economie-circulaire/5241');
    expect(methodology).toContain('décret n° 2023-266');
    expect(methodology).toContain('pas une présence constatée');
  });

  it('leaves every personal data out of the workbook', async () => {
    const response = await download(`/api/reports/partnership.xlsx?from=2025-01-01&to=2026-06-30&territory=${encodeURIComponent('UTPAS Roubaix')}`, 'admin');
    const text = cellText(await readWorkbook(response.body));
    expect(text).toContain('UTPAS Roubaix');
    for (const secret of [PERSON.first, PERSON.last, PERSON.phone, 'TST-0', 'Sam Social', 'Théo Technicien', 'Paula Partenaire']) expect(text).not.toContain(secret);
  });
});

describe('stored reports', () => {
  it('keeps the workbook with its parameters and factor values, and gives back exactly the stored bytes', async () => {
    const admin = await t.auth('admin');
    expect((await t.http.post('/api/reports').set(await t.auth('viewer')).send({ ...PERIOD, label: 'Semestre 1' })).status).toBe(403);
    expect((await t.http.post('/api/reports').set(admin).send({ from: '2026-06-30', to: '2026-01-01', label: 'À l’envers' })).status).toBe(400);

    const created = await t.http.post('/api/reports').set(admin).send({ ...PERIOD, territory: 'UTPAS Roubaix', label: 'Comité de pilotage — 1er semestre 2026' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ label: 'Comité de pilotage — 1er semestre 2026', from: '2026-01-01', to: '2026-06-30', territory: 'UTPAS Roubaix', createdBy: t.users.admin.id });
    const laptopBefore = created.body.factors.find((factor: { deviceType: string }) => factor.deviceType === 'laptop');

    // a later factor edit does not change the stored report
    await t.http.put(`/api/factors/${(await t.http.get('/api/factors').set(admin)).body[0].id}`).set(admin).send({ manufacturingKgco2e: 999, manufacturingSource: 'Valeur de test' });

    const list = await t.http.get('/api/reports').set(await t.auth('viewer'));
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('reports 0-0/1');
    expect(list.body[0]).toMatchObject({ id: created.body.id, sha256: created.body.sha256, fileSize: created.body.fileSize });
    expect(list.body[0]).not.toHaveProperty('file');

    const shown = await t.http.get(`/api/reports/${created.body.id}`).set(await t.auth('viewer'));
    expect(shown.body.factors.find((factor: { deviceType: string }) => factor.deviceType === 'laptop')).toEqual(laptopBefore);
    expect(shown.body.summary.allocations.count).toBe(2);

    const file = await download(`/api/reports/${created.body.id}/file.xlsx`);
    expect(file.body.length).toBe(created.body.fileSize);
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(created.body.sha256);
    const workbook = await readWorkbook(file.body);
    const synthese = workbook.getWorksheet('Synthèse')!;
    expect(rowOf(synthese, 'Habitants équipés').getCell(2).value).toBe(2);
    // a territory's report says which figures are the territory's and which the whole Département's
    expect(synthese.getCell('A3').value).toBe('Territoire : UTPAS Roubaix');
    expect(rowOf(synthese, 'Habitants équipés').getCell(5).value).toBe('Engagement du partenaire ; réalisé : UTPAS Roubaix seulement');
    expect(rowOf(synthese, 'Appareils donnés (remis au partenaire)').getCell(5).value).toBe('Engagement du Département');
    const territories = workbook.getWorksheet('Par territoire')!;
    expect(territories.getRow(2).values).toEqual([undefined, 'UTPAS Roubaix', 4, 3, 2, 2, 2, 150, 873, 2, 191]);
    expect(territories.getRow(3).values).toEqual([]);

    expect((await t.http.get('/api/reports/999999/file.xlsx').set(admin)).status).toBe(404);
    expect((await t.http.get(`/api/reports/${created.body.id}/file.xlsx`).set(await t.auth('partner'))).status).toBe(403);
    // stored reports are evidence: the database refuses to rewrite them
    await expect(t.sql(`update reports set label = 'falsifié' where id = $1`, [created.body.id])).rejects.toThrow(/append-only/);
  });
});
