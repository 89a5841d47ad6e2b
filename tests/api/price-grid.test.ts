import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';
import { todayInParis } from '../../api/core/bounds.js';

/**
 * The price grid and the legal caps (issue #15 §2), through HTTP: a device's specs (posted as the
 * GLPI agent's inventory, the way they reach Réemploi) → its category and suggested price at the
 * scan; the grid's versions; the legal maximum resale prices on agreements and on the grid.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Specs {
  chassis?: string;
  cpu?: string;
  ramMb?: number;
  /** MB as GLPI writes them; `ssd`: an SSD model, else a spinning disk. */
  disk?: { sizeMb: number; ssd: boolean } | null;
  battery?: { design: number; real: number } | null;
  /** Several disks or batteries: these instead of `disk` or `battery`. */
  disks?: { sizeMb: number; ssd: boolean }[];
  batteries?: { design: number; real: number }[];
}

let serial = 0;
/** A minimal GLPI agent inventory (github.com/glpi-project/inventory_format) with the specs given: the device it creates, scanned by `role`. */
async function scannedWith(specs: Specs, role: 'admin' | 'partner' = 'admin') {
  const id = `PG-${process.pid}-${++serial}`;
  const { chassis = 'Notebook', cpu = 'Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz', ramMb = 8192, disk = { sizeMb: 256060, ssd: true }, battery = { design: 10000, real: 9000 } } = specs;
  const inventory = {
    deviceid: `${id}-2026-12-08-04-00-00`,
    content: {
      versionclient: 'GLPI-Agent_v1.7',
      bios: { ssn: id, smanufacturer: 'Dell Inc.', smodel: 'Latitude 7490' },
      hardware: { chassis_type: chassis },
      cpus: [{ name: cpu }],
      memories: [{ capacity: ramMb }],
      storages: (specs.disks ?? (disk ? [disk] : [])).map((one, index) => ({ name: one.ssd ? 'sda' : 'sdb', model: one.ssd ? 'Samsung SSD 860 EVO' : 'ST500LM021-1KJ152', serial: `${id}-DISK${index || ''}`, disksize: one.sizeMb })),
      batteries: (specs.batteries ?? (battery ? [battery] : [])).map((one) => ({ name: 'DELL 7FHHV', capacity: one.design, real_capacity: one.real })),
    },
  };
  const posted = await t.http.post('/api/inventory?site=Dépôt DSI — Lille').set(await t.auth('it_staff')).send(inventory);
  expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  if (role === 'partner') await handOver(t, [posted.body.device.id], { status: 'refurbished' });
  const scan = await t.http.get(`/api/scan/${posted.body.device.assetTag}?pricing=true`).set(await t.auth(role));
  expect(scan.status, JSON.stringify(scan.body)).toBe(200);
  return { ...scan.body.device, pricing: scan.body.pricing } as { id: number; assetTag: string; pricing?: { category: string; categoryLabel: string; suggestedPrice: number | null; missing: string[]; grid: { id: number } } | null };
}

const pricingOf = async (specs: Specs) => (await scannedWith(specs)).pricing;

describe('the seeded grid: specs → category → suggested price, boundaries included', () => {
  // the seeded laptop thresholds: Premium 8 Go, 8th generation, 240 Go SSD, battery 80 %; Standard 4 Go, 6th, 120 Go, battery 60 %
  const PREMIUM_EDGE: Specs = { ramMb: 8192, cpu: 'Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz', disk: { sizeMb: 240000, ssd: true }, battery: { design: 10000, real: 8000 } };

  it('a laptop exactly at every Premium minimum is Premium, at 150 €', async () => {
    expect(await pricingOf(PREMIUM_EDGE)).toMatchObject({ category: 'premium', categoryLabel: 'Premium', suggestedPrice: 150, missing: [] });
  });

  it('one step under any Premium minimum is Standard, at 110 €', async () => {
    const below: Specs[] = [
      { ...PREMIUM_EDGE, ramMb: 7168 },
      { ...PREMIUM_EDGE, cpu: 'Intel(R) Core(TM) i5-7200U CPU @ 2.50GHz' },
      { ...PREMIUM_EDGE, disk: { sizeMb: 239000, ssd: true } },
      { ...PREMIUM_EDGE, disk: { sizeMb: 500107, ssd: false } },
      { ...PREMIUM_EDGE, battery: { design: 10000, real: 7900 } },
    ];
    for (const specs of below) expect(await pricingOf(specs), JSON.stringify(specs)).toMatchObject({ category: 'standard', suggestedPrice: 110 });
  });

  it('under a Standard minimum is Essentiel (70 €); at it, Standard', async () => {
    expect(await pricingOf({ ...PREMIUM_EDGE, ramMb: 4096, battery: { design: 10000, real: 6000 } })).toMatchObject({ category: 'standard' });
    expect(await pricingOf({ ...PREMIUM_EDGE, ramMb: 3072 })).toMatchObject({ category: 'essential', categoryLabel: 'Essentiel', suggestedPrice: 70 });
    expect(await pricingOf({ ...PREMIUM_EDGE, battery: { design: 10000, real: 5900 } })).toMatchObject({ category: 'essential' });
    expect(await pricingOf({ ...PREMIUM_EDGE, cpu: 'Intel(R) Core(TM) i3-5005U CPU @ 2.00GHz' })).toMatchObject({ category: 'essential' });
  });

  it('reads the 10th generation and later, and AMD Ryzen, on the same scale', async () => {
    expect(await pricingOf({ ...PREMIUM_EDGE, cpu: 'Intel(R) Core(TM) i7-1165G7 @ 2.80GHz' })).toMatchObject({ category: 'premium' });
    expect(await pricingOf({ ...PREMIUM_EDGE, cpu: '12th Gen Intel(R) Core(TM) i5-1235U' })).toMatchObject({ category: 'premium' });
    expect(await pricingOf({ ...PREMIUM_EDGE, cpu: 'AMD Ryzen 5 3500U with Radeon Vega Mobile Gfx' })).toMatchObject({ category: 'premium' });
  });

  it('a spec the grid needs and nobody knows gives « à évaluer » and no price, never a category', async () => {
    expect(await pricingOf({ ...PREMIUM_EDGE, battery: null })).toEqual(expect.objectContaining({ category: 'to_assess', categoryLabel: 'À évaluer', suggestedPrice: null, missing: ['santé de la batterie'] }));
    expect(await pricingOf({ ...PREMIUM_EDGE, cpu: 'Intel(R) Celeron(R) N4020 CPU @ 1.10GHz' })).toMatchObject({ category: 'to_assess', missing: ['génération du processeur'] });
    expect(await pricingOf({ ...PREMIUM_EDGE, disk: null })).toMatchObject({ category: 'to_assess', missing: ['taille du stockage', 'type de stockage (SSD ou disque dur)'] });
  });

  it('reads the largest disk (its size and its kind) and the weakest battery', async () => {
    // a 256 Go SSD and a 500 Go spinning disk: the grid reads the spinning disk, so not Premium (SSD required)
    expect(await pricingOf({ ...PREMIUM_EDGE, disks: [{ sizeMb: 256060, ssd: true }, { sizeMb: 500107, ssd: false }] })).toMatchObject({ category: 'standard' });
    expect(await pricingOf({ ...PREMIUM_EDGE, disks: [{ sizeMb: 128035, ssd: false }, { sizeMb: 256060, ssd: true }] })).toMatchObject({ category: 'premium' });
    // batteries at 95 % and 79 %: the weakest is under Premium's 80 %
    expect(await pricingOf({ ...PREMIUM_EDGE, batteries: [{ design: 10000, real: 9500 }, { design: 10000, real: 7900 }] })).toMatchObject({ category: 'standard' });
  });

  it('a desktop has no battery to look at; a monitor has one price', async () => {
    expect(await pricingOf({ ...PREMIUM_EDGE, chassis: 'Mini Tower', battery: null })).toMatchObject({ category: 'premium', suggestedPrice: 120 });
    const monitor = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'monitor', originSite: 'Dépôt DSI — Lille', serialNumber: `PG-MON-${process.pid}` })).body;
    const scan = await t.http.get(`/api/scan/${monitor.assetTag}?pricing=true`).set(await t.auth('admin'));
    expect(scan.body.pricing).toMatchObject({ category: 'standard', suggestedPrice: 20 });
  });

  it('the partner scanning a device at the desk sees the same; the depot technician’s scan and a scan that does not ask are not priced', async () => {
    const atDesk = await scannedWith(PREMIUM_EDGE, 'partner');
    expect(atDesk.pricing).toMatchObject({ category: 'premium', suggestedPrice: 150 });
    const device = await scannedWith(PREMIUM_EDGE);
    const tech = await t.http.get(`/api/scan/${device.assetTag}?pricing=true`).set(await t.auth('it_staff'));
    expect(tech.status).toBe(200);
    expect(tech.body).not.toHaveProperty('pricing');
    // not asked for, not computed: the refurbishment desk's scan stays as it was
    const plain = await t.http.get(`/api/scan/${atDesk.assetTag}`).set(await t.auth('partner'));
    expect(plain.body).toEqual({ kind: 'device', id: atDesk.id, device: expect.any(Object) });
    expect((await t.http.get(`/api/scan/${device.assetTag}?pricing=yes`).set(await t.auth('admin'))).status).toBe(400);
  });
});

describe('the grid’s versions', () => {
  const seeded = async () => (await t.http.get('/api/price-grids').set(await t.auth('viewer'))).body.at(-1);

  it('reads the seeded example with its source, in force, for every role that prices or steers', async () => {
    for (const role of ['admin', 'it_staff', 'partner', 'viewer'] as const) {
      const list = await t.http.get('/api/price-grids').set(await t.auth(role));
      expect(list.status, role).toBe(200);
    }
    const grid = await seeded();
    expect(grid).toMatchObject({ validFrom: '2022-11-10', label: 'Grille d’exemple (à adapter)' });
    expect(grid.source).toMatch(/Exemple à adapter/);
    expect(grid.source).toMatch(/Emmaüs Connect/);
    expect(grid.rules.prices.laptop).toEqual({ premium: 150, standard: 110, essential: 70 });
    expect((await t.http.get(`/api/price-grids/${grid.id}`).set(await t.auth('partner'))).body.id).toBe(grid.id);
    expect((await t.http.get('/api/price-grids/999999').set(await t.auth('admin'))).status).toBe(404);
  });

  it('refuses a price above the legal cap of its type (422, in French), accepts one equal to it', async () => {
    const base = await seeded();
    const admin = await t.auth('admin');
    const above = await t.http.post('/api/price-grids').set(admin).send({ label: 'Trop chère', validFrom: '2090-01-01', source: 'Essai de plafond', rules: { ...base.rules, prices: { ...base.rules.prices, laptop: { premium: 180.01, standard: 110, essential: 70 }, monitor: { standard: 31 } } } });
    expect(above.status).toBe(422);
    expect(above.body.error.code).toBe('ABOVE_LEGAL_CAP');
    expect(above.body.error.details.map((issue: { path: string }) => issue.path)).toEqual(['rules.prices.laptop.premium', 'rules.prices.monitor.standard']);
    expect(above.body.error.message).toMatch(/Le prix Premium \(180,01\s€\) dépasse le prix maximal de revente fixé par le décret du 7 novembre 2022 pour « Ordinateur portable » : 180,00\s€/);
    const equal = await t.http.post('/api/price-grids').set(admin).send({ label: 'Au plafond', validFrom: '2090-01-01', source: 'Essai de plafond', rules: { ...base.rules, prices: { ...base.rules.prices, laptop: { premium: 180, standard: 110, essential: 70 }, monitor: { standard: 30 } } } });
    expect(equal.status, JSON.stringify(equal.body)).toBe(201);
    expect(equal.body).toMatchObject({ validFrom: '2090-01-01', validUntil: null, current: false, createdBy: t.users.admin.id });
    const sameDay = await t.http.post('/api/price-grids').set(admin).send({ label: 'Doublon', validFrom: '2090-01-01', source: 'Essai de plafond', rules: base.rules });
    expect(sameDay.status).toBe(409);
    expect(sameDay.body.error.message).toMatch(/commence déjà le 01\/01\/2090/);
  });

  it('refuses a version that would start in the past, a blank source, a threshold out of range', async () => {
    const base = await seeded();
    const admin = await t.auth('admin');
    const past = await t.http.post('/api/price-grids').set(admin).send({ label: 'Hier', validFrom: '2024-01-01', source: 'Essai de date', rules: base.rules });
    expect(past.status).toBe(400);
    const blank = await t.http.post('/api/price-grids').set(admin).send({ label: 'Sans source', validFrom: '2091-01-01', source: '000', rules: base.rules });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toMatch(/Indiquez d’où vient cette grille/);
    const criteria = { ...base.rules.criteria, laptop: { ...base.rules.criteria.laptop, premium: { ...base.rules.criteria.laptop.premium, minBatteryHealthPct: 120 } } };
    expect((await t.http.post('/api/price-grids').set(admin).send({ label: 'Batterie', validFrom: '2091-01-01', source: 'Essai de seuil', rules: { ...base.rules, criteria } })).status).toBe(400);
  });

  it('a new version from today applies at the next scan; the previous one is kept, ended yesterday', async () => {
    const base = await seeded();
    const criteria = { ...base.rules.criteria, laptop: { ...base.rules.criteria.laptop, premium: { ...base.rules.criteria.laptop.premium, minRamGb: 16 } } };
    const created = await t.http.post('/api/price-grids').set(await t.auth('admin')).send({ label: 'Grille 2027', validFrom: todayInParis(), source: 'Accord avec Emmaüs Connect du comité de pilotage', rules: { ...base.rules, criteria, prices: { ...base.rules.prices, laptop: { premium: 160, standard: 120, essential: 75 } } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ current: true });
    const pricing = await pricingOf({ ramMb: 8192, cpu: 'Intel(R) Core(TM) i5-8250U', disk: { sizeMb: 256060, ssd: true }, battery: { design: 10000, real: 9000 } });
    expect(pricing).toMatchObject({ category: 'standard', suggestedPrice: 120, grid: { id: created.body.id } });
    const versions = (await t.http.get('/api/price-grids').set(await t.auth('viewer'))).body as { id: number; current: boolean; validUntil: string | null }[];
    const previous = versions.find((version) => version.id === base.id)!;
    expect(previous.current).toBe(false);
    const yesterday = new Date(`${todayInParis()}T12:00:00Z`);
    yesterday.setUTCDate(yesterday.getUTCDate() - 1);
    expect(previous.validUntil).toBe(yesterday.toISOString().slice(0, 10));
    expect(versions.filter((version) => version.current)).toHaveLength(1);
  });
});

describe('the legal maximum resale prices (décret of 7 November 2022)', () => {
  it('are stored as data with their source, readable by whoever prices', async () => {
    const caps = await t.http.get('/api/legal-price-caps').set(await t.auth('partner'));
    expect(caps.status).toBe(200);
    expect(caps.body.map((cap: { equipment: string; maxPrice: number }) => [cap.equipment, cap.maxPrice])).toEqual([
      ['laptop', 180],
      ['desktop_set', 150],
      ['tablet', 100],
      ['smartphone', 100],
      ['monitor', 30],
      ['printer', 30],
      ['multifunction_printer', 170],
    ]);
    expect(caps.body[0].source).toMatch(/Décret du 7 novembre 2022 .*JORF du 9 novembre 2022/);
    expect((await t.http.get('/api/legal-price-caps').set(await t.auth('social_worker'))).status).toBe(403);
  });

  it('an agreement may cap a type at its legal maximum, not a cent above (422 in French)', async () => {
    const admin = await t.auth('admin');
    const agreement = { partner: 'Plafonds légaux', startsOn: '2040-01-01', endsOn: '2040-12-31' };
    const above = await t.http.post('/api/agreements').set(admin).send({ ...agreement, priceCaps: { laptop: 180.01, smartphone: 100 } });
    expect(above.status).toBe(422);
    expect(above.body.error).toMatchObject({ code: 'ABOVE_LEGAL_CAP', details: [{ path: 'priceCaps.laptop' }] });
    expect(above.body.error.message).toMatch(/^Convention refusée : Le prix plafond de la convention \(180,01\s€\) dépasse le prix maximal de revente fixé par le décret du 7 novembre 2022 pour « Ordinateur portable » : 180,00\s€\.$/);
    const equal = await t.http.post('/api/agreements').set(admin).send({ ...agreement, priceCaps: { laptop: 180, desktop: 150, tablet: 100, smartphone: 100, monitor: 30, printer: 30, other: 500 } });
    expect(equal.status, JSON.stringify(equal.body)).toBe(201);
    const edited = await t.http.put(`/api/agreements/${equal.body.id}`).set(admin).send({ priceCaps: { laptop: 150, printer: 30.5 } });
    expect(edited.status).toBe(422);
    expect(edited.body.error.message).toMatch(/« Imprimante individuelle » : 30,00\s€/);
    expect((await t.http.get(`/api/agreements/${equal.body.id}`).set(admin)).body.priceCaps.laptop).toBe(180);
  });

  it('an allocation stays capped by the agreement, itself at most the legal cap', async () => {
    const admin = await t.auth('admin');
    const year = todayInParis().slice(0, 4);
    expect((await t.http.post('/api/agreements').set(admin).send({ partner: 'Emmaüs Connect', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, priceCaps: { laptop: 180 } })).status).toBe(201);
    const referral = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
      beneficiary: { firstName: 'Inès', lastName: 'Plafond', birthYear: 1980, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
      need: 'laptop',
    });
    expect((await t.http.post(`/api/referrals/${referral.body.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    const device = await scannedWith({}, 'partner');
    const partner = await t.auth('partner');
    const above = await t.http.post('/api/allocations').set(partner).send({ device: device.id, referral: referral.body.id, price: 180.01 });
    expect(above.status).toBe(422);
    expect(above.body.error).toMatchObject({ code: 'PRICE_ABOVE_CAP', details: { cap: 180 } });
    const atCap = await t.http.post('/api/allocations').set(partner).send({ device: device.id, referral: referral.body.id, price: 180 });
    expect(atCap.status, JSON.stringify(atCap.body)).toBe(201);
  });

  it('an agreement stored above the law before the check existed still cannot sell above the legal cap', async () => {
    // written directly, as an agreement recorded before this version would be
    await t.sql(`update agreements set price_caps = '{"laptop": 250}' where partner = 'Emmaüs Connect'`);
    const referral = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
      beneficiary: { firstName: 'Yanis', lastName: 'Ancien', birthYear: 1990, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
      need: 'laptop',
    });
    expect((await t.http.post(`/api/referrals/${referral.body.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    const device = await scannedWith({}, 'partner');
    const above = await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: referral.body.id, price: 200 });
    expect(above.status).toBe(422);
    expect(above.body.error.code).toBe('ABOVE_LEGAL_CAP');
    expect(above.body.error.message).toMatch(/^Attribution refusée : Le prix solidaire \(200,00\s€\) dépasse le prix maximal de revente fixé par le décret du 7 novembre 2022/);
    expect((await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: referral.body.id, price: 180 })).status).toBe(201);
  });
});
