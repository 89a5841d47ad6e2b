import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { seedFactors } from '../../seeds/factors.js';

/**
 * Values no user would mean (an agreement of the year 9999, a second life of 5e-324 years, a new
 * laptop at 0 €, a source « 000 ») are refused with a 400 naming the field and saying in French
 * what is expected; the edges a user may legitimately type are accepted.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedFactors(t.orm.em.fork());
});
afterAll(() => t.close());

interface FieldIssue {
  path: string;
  message: string;
}
type ErrorBody = { error: { code: string; details: FieldIssue[] } };

const NBSP = '\u00a0';
const issueFor = (body: ErrorBody, path: string) => body.error.details?.find((issue) => issue.path === path)?.message;

/** A 400 whose details carry `path` with `message` (exact text, or a pattern), and no English. */
function expectRefused(response: { status: number; body: ErrorBody }, path: string, message: string | RegExp) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.error.code).toBe('INVALID_INPUT');
  const issue = issueFor(response.body, path);
  if (typeof message === 'string') expect(issue, JSON.stringify(response.body)).toBe(message);
  else expect(issue, JSON.stringify(response.body)).toMatch(message);
  expect(JSON.stringify(response.body)).not.toMatch(/Invalid|expected|Too (small|big)/);
}

const todayInParis = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
/** `today` moved by whole years (29 February → 28 February), then by days, as a `YYYY-MM-DD` day. */
function dayFromToday(years: number, days = 0): string {
  const [year, month, day] = todayInParis().split('-').map(Number);
  const shifted = new Date(Date.UTC(year + years, month - 1, day));
  if (shifted.getUTCMonth() !== month - 1) shifted.setUTCDate(0);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

describe('factors', () => {
  const SOURCE = 'Pesée de 20 portables du dépôt DSI';
  async function laptopFactor() {
    const factors = (await t.http.get('/api/factors').set(await t.auth('admin'))).body as { id: number; deviceType: string }[];
    return factors.find((factor) => factor.deviceType === 'laptop')!;
  }
  const edit = async (id: number, body: Record<string, unknown>) => t.http.put(`/api/factors/${id}`).set(await t.auth('admin')).send(body);

  it('refuses the fuzzer’s figures: a second life of 5e-324 years, a new price of 0 €, a source « 000 »', async () => {
    const { id } = await laptopFactor();
    const response = await edit(id, { secondLifeYears: 5e-324, referenceNewPriceEur: 0, priceSource: '000', massKg: 0, manufacturingKgco2e: 1e9, avoidedKgco2ePerYear: -2 });
    expectRefused(response, 'secondLifeYears', `Nombre attendu, de 0,5 à 15${NBSP}ans.`);
    expectRefused(response, 'referenceNewPriceEur', `Nombre attendu, de 10 à 10${NBSP}000${NBSP}€.`);
    expectRefused(response, 'priceSource', /^Indiquez la source du chiffre : un texte d’au moins 3 lettres/);
    expectRefused(response, 'massKg', `Nombre attendu, de 0,01 à 100${NBSP}kg.`);
    expectRefused(response, 'manufacturingKgco2e', `Nombre attendu, de 1 à 5${NBSP}000${NBSP}kg CO2e.`);
    expectRefused(response, 'avoidedKgco2ePerYear', `Nombre attendu, de 0,1 à 500${NBSP}kg CO2e par an.`);
    // nothing was written
    expect((await t.http.get(`/api/factors/${id}`).set(await t.auth('admin'))).body).toMatchObject({ secondLifeYears: null, referenceNewPriceEur: 700 });
  });

  it('refuses a source made of punctuation or digits, and a publication date of the future or before 2000', async () => {
    const { id } = await laptopFactor();
    for (const source of ['...', '2022', '1-2 3/4', ' a b ']) expectRefused(await edit(id, { massSource: source }), 'massSource', /^Indiquez la source du chiffre/);
    expectRefused(await edit(id, { publishedOn: '9999-01-01' }), 'publishedOn', new RegExp(`^Date attendue \\(AAAA-MM-JJ\\), du 01/01/2000 au ${todayInParis().split('-').reverse().join('/')}\\.$`));
    expectRefused(await edit(id, { publishedOn: '1999-12-31' }), 'publishedOn', /^Date attendue \(AAAA-MM-JJ\), du 01\/01\/2000 au /);
  });

  it('accepts the edges of each range, a short source and a publication date of today', async () => {
    const { id } = await laptopFactor();
    const low = { massKg: 0.01, manufacturingKgco2e: 1, avoidedKgco2ePerYear: 0.1, secondLifeYears: 0.5, referenceNewPriceEur: 10, priceSource: 'DSI', publishedOn: todayInParis() };
    const lowEdit = await edit(id, low);
    expect(lowEdit.status, JSON.stringify(lowEdit.body)).toBe(200);
    expect(lowEdit.body).toMatchObject(low);
    const high = { massKg: 100, manufacturingKgco2e: 5000, avoidedKgco2ePerYear: 500, secondLifeYears: 15, referenceNewPriceEur: 10_000, priceSource: SOURCE, publishedOn: '2000-01-01' };
    const highEdit = await edit(id, high);
    expect(highEdit.status, JSON.stringify(highEdit.body)).toBe(200);
    expect(highEdit.body).toMatchObject(high);
    // an empty figure stays possible: the report names it as missing
    expect((await edit(id, { massKg: null, secondLifeYears: null })).status).toBe(200);
  });

  it('takes back every seeded factor unchanged, as the back office sends the whole form', async () => {
    const factors = (await t.http.get('/api/factors').set(await t.auth('admin'))).body as Record<string, unknown>[];
    expect(factors).toHaveLength(7);
    for (const { id, deviceType, updatedBy: _by, updatedAt: _at, ...fields } of factors) {
      if (deviceType === 'laptop') continue; // edited above
      const response = await edit(id as number, fields);
      expect(response.status, `${deviceType}: ${JSON.stringify(response.body)}`).toBe(200);
    }
  });
});

describe('agreements', () => {
  const AGREEMENT = { partner: 'Bornes SARL', devicesCommitted: 10, priceCaps: { laptop: 90 } };
  const DATE_MESSAGE = 'Date attendue (AAAA-MM-JJ), du 01/01/2000 au 31/12/2100.';

  it('refuses an agreement of the year 9999 or of 1999, on the field', async () => {
    const admin = await t.auth('admin');
    expectRefused(await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '9999-01-01', endsOn: '9999-12-31' }), 'startsOn', DATE_MESSAGE);
    expectRefused(await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '1999-12-31', endsOn: '2000-12-31' }), 'startsOn', DATE_MESSAGE);
    expect((await t.sql(`select count(*)::int as n from agreements where partner = $1`, [AGREEMENT.partner]))[0]).toEqual({ n: 0 });
  });

  it('accepts 1 January 2000 to 31 December 2100, and refuses moving the end to 2101', async () => {
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '2000-01-01', endsOn: '2100-12-31' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expectRefused(await t.http.put(`/api/agreements/${created.body.id}`).set(admin).send({ endsOn: '2101-01-01' }), 'endsOn', DATE_MESSAGE);
  });
});

describe('report periods', () => {
  it('refuses a period outside 2000–2100 in the summary, the workbook and a stored report', async () => {
    const admin = await t.auth('admin');
    expectRefused(await t.http.get('/api/reports/summary').query({ from: '1999-12-31', to: '2000-06-30' }).set(admin), 'from', /^Date attendue \(AAAA-MM-JJ\), du 01\/01\/2000 au 31\/12\/2100\.$/);
    expectRefused(await t.http.get('/api/reports/partnership.xlsx').query({ from: '9999-01-01', to: '9999-12-31' }).set(admin), 'from', /du 01\/01\/2000 au 31\/12\/2100/);
    expectRefused(await t.http.post('/api/reports').set(admin).send({ from: '2095-01-01', to: '2101-01-01', label: 'Fin de siècle' }), 'to', /du 01\/01\/2000 au 31\/12\/2100/);
  });

  it('accepts a period starting on 1 January 2000', async () => {
    const response = await t.http.get('/api/reports/summary').query({ from: '2000-01-01', to: '2000-12-31' }).set(await t.auth('viewer'));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });
});

describe('batches', () => {
  const SITE = 'Dépôt DSI — Lille';

  it('refuses a pickup planned more than two years away from today, either side', async () => {
    const tech = await t.auth('it_staff');
    const farFuture = await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: '9999-01-01' });
    expectRefused(farFuture, 'plannedAt', /^Date attendue \(AAAA-MM-JJ\), du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}\.$/);
    expectRefused(await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: dayFromToday(2, 1) }), 'plannedAt', /^Date attendue/);
    expectRefused(await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: dayFromToday(-2, -1) }), 'plannedAt', /^Date attendue/);
  });

  it('accepts a date two years ahead, and moving it to a date of last year', async () => {
    const tech = await t.auth('it_staff');
    const created = await t.http.post('/api/batches').set(tech).send({ site: SITE, plannedAt: dayFromToday(2) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const moved = await t.http.put(`/api/batches/${created.body.id}`).set(tech).send({ plannedAt: dayFromToday(-1), version: created.body.version });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expectRefused(await t.http.put(`/api/batches/${created.body.id}`).set(tech).send({ plannedAt: '0001-01-01', version: moved.body.version }), 'plannedAt', /^Date attendue/);
  });
});

describe('wipes and media', () => {
  async function medium(serialNumber: string) {
    const tech = await t.auth('it_staff');
    const device = (await t.http.post('/api/devices').set(tech).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: `BOUNDS-${serialNumber}` })).body;
    const created = await t.http.post('/api/media').set(tech).send({ device: device.id, kind: 'hdd', serialNumber, capacityGb: 1 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: number };
  }
  const wipe = (mediumId: number, startedAt: string, finishedAt: string) => ({ medium: mediumId, technique: 'overwrite_prng', tool: 'nwipe', startedAt, finishedAt, passes: 1, result: 'success' });

  it('refuses a wipe dated before 2000, on the field', async () => {
    const { id } = await medium('BOUNDS-W1');
    const response = await t.http.post('/api/sanitizations').set(await t.auth('it_staff')).send(wipe(id, '1970-01-01T00:00:00Z', '1970-01-01T01:00:00Z'));
    expectRefused(response, 'startedAt', 'Date et heure ISO 8601 attendues, pas avant le 01/01/2000.');
    expectRefused(response, 'finishedAt', 'Date et heure ISO 8601 attendues, pas avant le 01/01/2000.');
  });

  it('accepts a wipe of 1 January 2000', async () => {
    const { id } = await medium('BOUNDS-W2');
    const response = await t.http.post('/api/sanitizations').set(await t.auth('it_staff')).send(wipe(id, '2000-01-01T00:00:00Z', '2000-01-01T02:00:00Z'));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('refuses a disk of 0 Go or of a thousand petabytes, and a wipe of 1000 passes', async () => {
    const tech = await t.auth('it_staff');
    expectRefused(await t.http.post('/api/media').set(tech).send({ device: 1, kind: 'ssd', serialNumber: 'X', capacityGb: 0 }), 'capacityGb', `Nombre entier attendu, de 1 à 200${NBSP}000${NBSP}Go.`);
    expectRefused(await t.http.post('/api/media').set(tech).send({ device: 1, kind: 'ssd', serialNumber: 'X', capacityGb: 1e9 }), 'capacityGb', /^Nombre entier attendu, de 1 à 200/);
    const response = await t.http.post('/api/sanitizations').set(tech).send({ ...wipe(1, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'), passes: 1000 });
    expectRefused(response, 'passes', 'Nombre entier attendu, de 0 à 100.');
  });
});

describe('devices, residents and sales', () => {
  it('refuses 5000 Go of RAM and a device id beyond any row', async () => {
    const tech = await t.auth('it_staff');
    expectRefused(await t.http.post('/api/devices').set(tech).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', ramGb: 5000 }), 'ramGb', `Nombre entier attendu, de 0 à 1${NBSP}024${NBSP}Go.`);
    const created = await t.http.post('/api/devices').set(tech).send({ type: 'desktop', originSite: 'Dépôt DSI — Lille', ramGb: 1024 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const list = await t.http.get('/api/devices').query({ filter: JSON.stringify({ id: 1e15 }) }).set(tech);
    expectRefused(list, 'id', 'Identifiant attendu (nombre entier positif).');
  });

  it('refuses a resident born 200 years ago, and accepts one of 110', async () => {
    const social = await t.auth('social_worker');
    const person = { firstName: 'Jeanne', lastName: 'Calment', postcode: '59100', eligibility: 'aspa', consent: true };
    const year = new Date().getFullYear();
    const response = await t.http.post('/api/beneficiaries').set(social).send({ ...person, birthYear: year - 200 });
    expectRefused(response, 'birthYear', `Année de naissance attendue, de ${year - 110} à ${year - 10}.`);
    const oldest = await t.http.post('/api/beneficiaries').set(social).send({ ...person, birthYear: year - 110 });
    expect(oldest.status, JSON.stringify(oldest.body)).toBe(201);
  });

  it('refuses a solidarity price below 0 €, above 10 000 € or finer than the cent', async () => {
    const admin = await t.auth('admin');
    for (const price of [-1, 10_000.01, 12.345]) {
      const response = await t.http.post('/api/allocations').set(admin).send({ device: 1, referral: 1, price });
      expectRefused(response, 'price', `Prix solidaire attendu en euros, de 0 à 10${NBSP}000${NBSP}€, au centime près (par exemple 89,90).`);
    }
  });
});

describe('admin log search', () => {
  it('refuses a search from the year 1 and accepts one from 2000', async () => {
    const admin = await t.auth('admin');
    const refused = await t.http.get('/api/admin-log').query({ filter: JSON.stringify({ from: '0001-01-01' }) }).set(admin);
    expectRefused(refused, 'from', 'Date (AAAA-MM-JJ) ou date et heure ISO 8601 attendues, du 01/01/2000 au 31/12/2100.');
    const accepted = await t.http.get('/api/admin-log').query({ filter: JSON.stringify({ from: '2000-01-01', to: '2100-12-31T23:59:59+01:00' }) }).set(admin);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  });
});
