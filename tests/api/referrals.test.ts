import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, TEST_TERRITORY, type TestApp } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';
import { pdfInfo } from '../helpers/pdfinfo.js';
import { newVoucherCode, normaliseVoucherCode } from '../../api/referrals/voucher-code.js';

let t: TestApp;
let otherSocialWorker: { Authorization: string };

const PERSON = { firstName: 'Nadia', lastName: 'Benali', birthYear: 1971, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', phone: '06 12 34 56 78', consent: true };

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.auth('admin');
  await t.http.post('/api/users').set(admin).send({ email: 'sw2@test.fr', name: 'Other Territory', role: 'social_worker', territory: 'MDIE Douai', password: 'another-password-1' });
  const login = await t.http.post('/api/auth/login').send({ email: 'sw2@test.fr', password: 'another-password-1' });
  otherSocialWorker = { Authorization: `Bearer ${login.body.token}` };
  const year = new Date().getFullYear();
  const agreement = await t.http.post('/api/agreements').set(admin).send({
    partner: 'Emmaüs Connect',
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    devicesCommitted: 1000,
    residentsCommitted: 600,
    trainingsCommitted: 300,
    priceCaps: { laptop: 150, desktop: 120, smartphone: 90, monitor: 30 },
    reuseCommitmentRef: 'Convention CD59-EC 2026, article 4',
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
});
afterAll(() => t.close());

async function refer(person: Record<string, unknown> = PERSON, need = 'laptop') {
  const response = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({ beneficiary: person, need, trainingWanted: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; beneficiary: number; voucherCode: string; status: string };
}

let serial = 0;
/** A device the partner has refurbished (the earlier steps of its chain are set up directly). */
async function refurbishedDevice(type = 'laptop') {
  const device = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type, originSite: 'Dépôt DSI — Lille', serialNumber: `ALLOC-${++serial}` })).body;
  await handOver(t, [device.id], { status: 'refurbished' });
  return device as { id: number; assetTag: string };
}

describe('voucher codes', () => {
  it('are short, unambiguous and self-checking', () => {
    for (let i = 0; i < 200; i++) {
      const code = newVoucherCode();
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      expect(normaliseVoucherCode(code.toLowerCase().replace('-', ' '))).toBe(code);
      const swapped = code.slice(0, 2) + (code[2] === 'A' ? 'B' : 'A') + code.slice(3);
      expect(normaliseVoucherCode(swapped)).toBeNull();
    }
  });
});

describe('referrals by a social worker', () => {
  it('creates the person and the referral in one go, with the consent date and a voucher code', async () => {
    const referral = await refer();
    expect(referral).toMatchObject({ status: 'submitted', need: 'laptop', trainingWanted: true, territory: TEST_TERRITORY, beneficiaryName: 'Nadia Benali', firstName: 'Nadia' });
    const [person] = await t.sql<{ territory: string; consent_at: Date; consent_recorded_by_id: number; phone: string }>(
      `select territory, consent_at, consent_recorded_by_id, phone from beneficiaries where id = $1`,
      [referral.beneficiary],
    );
    expect(person).toMatchObject({ territory: TEST_TERRITORY, consent_recorded_by_id: t.users.social_worker.id, phone: '0612345678' });
  });

  it('refuses a referral without consent or with free-text extras', async () => {
    const sw = await t.auth('social_worker');
    const noConsent = await t.http.post('/api/referrals').set(sw).send({ beneficiary: { ...PERSON, consent: false }, need: 'laptop' });
    expect(noConsent.status).toBe(400);
    const badPostcode = await t.http.post('/api/referrals').set(sw).send({ beneficiary: { ...PERSON, postcode: 'Roubaix' }, need: 'laptop' });
    expect(badPostcode.status).toBe(400);
    // unknown keys (e.g. health details) are dropped, never stored
    const extra = await t.http.post('/api/referrals').set(sw).send({ beneficiary: { ...PERSON, lastName: 'Extra', healthNotes: 'diabète' }, need: 'tablet' });
    expect(extra.status).toBe(201);
    expect(JSON.stringify(await t.sql(`select * from beneficiaries where id = $1`, [extra.body.beneficiary]))).not.toContain('diabète');
  });

  it('keeps each territory to itself: other social workers get 404 and cannot widen a filter', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Isolée' });
    expect((await t.http.get(`/api/referrals/${referral.id}`).set(otherSocialWorker)).status).toBe(404);
    expect((await t.http.get(`/api/beneficiaries/${referral.beneficiary}`).set(otherSocialWorker)).status).toBe(404);
    expect((await t.http.get(`/api/referrals/${referral.id}/voucher.pdf`).set(otherSocialWorker)).status).toBe(404);
    expect((await t.http.post(`/api/referrals/${referral.id}/cancel`).set(otherSocialWorker).send({ reason: 'other' })).status).toBe(404);
    const widened = await t.http.get('/api/beneficiaries').query({ filter: JSON.stringify({ territory: TEST_TERRITORY }) }).set(otherSocialWorker);
    expect(widened.body).toEqual([]);
    const referrals = await t.http.get('/api/referrals').query({ filter: JSON.stringify({ territory: TEST_TERRITORY }) }).set(otherSocialWorker);
    expect(referrals.body).toEqual([]);
    const reused = await t.http.post('/api/referrals').set(otherSocialWorker).send({ beneficiary: referral.beneficiary, need: 'laptop' });
    expect(reused.status).toBe(404);
  });

  it('prints a one-page voucher in plain words with the code', async () => {
    const referral = await refer({ ...PERSON, firstName: 'Samia' });
    const response = await t.http.get(`/api/referrals/${referral.id}/voucher.pdf`).set(await t.auth('social_worker')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    expect(pdfInfo(response.body)).toMatchObject({ Tagged: 'yes', Title: `Bon Réemploi ${referral.voucherCode}` });
    const parser = new PDFParse({ data: response.body });
    const result = await parser.getText();
    await parser.destroy();
    expect(result.pages).toHaveLength(1);
    const text = result.text.replace(/\s+/g, ' ');
    for (const expected of ['Votre bon pour un ordinateur', 'Bonjour Samia', referral.voucherCode, 'Quoi apporter ?', "Une pièce d'identité.", 'Où aller ?']) expect(text).toContain(expected);
    expect(text).not.toContain('Benali');
    // no shop in the agreement yet: the social worker gives the addresses
    expect(text).toContain('Demandez les adresses et les horaires à votre travailleur social.');
  });

  it("prints where to go from the agreement's shops, in short sentences on one page, and asks for an identity document only if the agreement does", async () => {
    const admin = await t.auth('admin');
    const [agreement] = (await t.http.get('/api/agreements').set(admin)).body;
    const shops = ['Roubaix', 'Lille-Wazemmes'].map((town, index) => ({
      name: `Emmaüs Connect ${town}`,
      address: `${index + 10} rue de l'Exemple, 59${index}00 ${town}`,
      openingHours: 'Le mardi et le jeudi, de 9 h 30 à 12 h 30.',
      directions: 'Prenez le métro ligne 2. Descendez à l’arrêt Roubaix Grand-Place. Marchez 5 minutes.',
    }));
    const updated = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ identityCheck: 'voucher_and_first_name', shops });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ identityCheck: 'voucher_and_first_name', shops });

    const referral = await refer({ ...PERSON, firstName: 'Yasmina' });
    const response = await t.http.get(`/api/referrals/${referral.id}/voucher.pdf`).set(await t.auth('social_worker')).buffer(true).parse(binaryParser);
    expect(response.status).toBe(200);
    const parser = new PDFParse({ data: response.body });
    const result = await parser.getText();
    await parser.destroy();
    expect(result.pages).toHaveLength(1);
    const text = result.text.replace(/\s+/g, ' ');
    for (const expected of [
      'Allez dans un de ces lieux Emmaüs Connect.',
      'Emmaüs Connect Roubaix',
      "Adresse : 10 rue de l'Exemple, 59000 Roubaix.",
      'Quand : Le mardi et le jeudi, de 9 h 30 à 12 h 30.',
      'Pour y aller : Prenez le métro ligne 2. Descendez à l’arrêt Roubaix Grand',
      "Adresse : 11 rue de l'Exemple, 59100 Lille-Wazemmes.",
      'De quoi payer le petit prix.',
      'Une question ?',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain("Une pièce d'identité.");
    expect(text).not.toContain('Demandez les adresses');

    // the longest places the agreement accepts still leave the voucher on one page
    const longest = (text: string, length: number) => text.repeat(20).slice(0, length);
    const full = { name: longest('Emmaüs Connect ', 50), address: longest("10 rue de l'Exemple, 59000 Lille ", 90), openingHours: longest('Le mardi, de 9 h 30 à 12 h 30. ', 100), directions: longest('Prenez le métro ligne 2. ', 120) };
    expect((await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ identityCheck: 'identity_document', shops: [full, full] })).status).toBe(200);
    const longVoucher = await t.http.get(`/api/referrals/${referral.id}/voucher.pdf`).set(await t.auth('social_worker')).buffer(true).parse(binaryParser);
    const longParser = new PDFParse({ data: longVoucher.body });
    const longResult = await longParser.getText();
    await longParser.destroy();
    expect(longResult.pages).toHaveLength(1);
    expect(longResult.text.replace(/\s+/g, ' ')).toContain("Une pièce d'identité.");
    expect((await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ identityCheck: 'voucher_and_first_name', shops })).status).toBe(200);

    // the partner's desk reads the same rule
    const terms = await t.http.get('/api/allocations/price-caps').set(await t.auth('partner'));
    expect(terms.body.identityCheck).toBe('voucher_and_first_name');
  });

  it('refuses more shops than fit on the voucher, a shop without address and an unknown identity check', async () => {
    const admin = await t.auth('admin');
    const [agreement] = (await t.http.get('/api/agreements').set(admin)).body;
    const shop = { name: 'Lieu', address: '1 rue de la Paix, 59000 Lille', openingHours: 'Le lundi.', directions: '' };
    const tooMany = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ shops: [shop, shop, shop] });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body.error.details)).toContain('2 lieux d’accueil au plus');
    const tooLong = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ shops: [{ ...shop, directions: 'x'.repeat(121) }] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([expect.objectContaining({ path: 'shops.0.directions', message: 'Comment y aller : 120 caractères au plus.' })]);
    const noAddress = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ shops: [{ ...shop, address: '' }] });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.details).toEqual([expect.objectContaining({ path: 'shops.0.address', message: 'Adresse : au moins 5 caractères.' })]);
    const unknown = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ identityCheck: 'fingerprint' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('identityCheck');
  });
});

describe('what other roles see', () => {
  it('gives the partner only the voucher code, first name, need and training wish', async () => {
    const referral = await refer({ ...PERSON, firstName: 'Karim', lastName: 'Secret' });
    const partner = await t.auth('partner');
    const shown = await t.http.get(`/api/referrals/${referral.id}`).set(partner);
    expect(Object.keys(shown.body).sort()).toEqual(['acceptedAt', 'createdAt', 'firstName', 'id', 'need', 'status', 'trainingWanted', 'voucherCode']);
    expect(JSON.stringify(shown.body)).not.toMatch(/Secret|59100|0612/);
    const scanned = await t.http.get(`/api/scan/${referral.voucherCode.replace('-', '').toLowerCase()}`).set(partner);
    expect(scanned.body).toMatchObject({ kind: 'referral', id: referral.id, referral: { firstName: 'Karim' } });
    expect(JSON.stringify(scanned.body)).not.toContain('Secret');
    expect((await t.http.get('/api/beneficiaries').set(partner)).status).toBe(403);
  });

  it('counts referrals by status without reading anyone’s data', async () => {
    await refer({ ...PERSON, lastName: 'Counted' });
    const logged = async () => (await t.sql<{ n: number }>(`select count(*)::int as n from access_log`))[0].n;
    const before = await logged();
    const mine = await t.http.get('/api/referrals/counts').set(await t.auth('social_worker'));
    expect(mine.body.byStatus.submitted).toBeGreaterThan(0);
    const other = await t.http.get('/api/referrals/counts').set(otherSocialWorker);
    expect(other.body.byStatus).toEqual({});
    expect(await logged()).toBe(before);
  });

  it('tells a mistyped voucher code from an unknown one', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Typo' });
    const last = referral.voucherCode.at(-1)!;
    const typo = referral.voucherCode.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    for (const role of ['partner', 'social_worker'] as const) {
      const response = await t.http.get(`/api/scan/${typo}`).set(await t.auth(role));
      expect(response.status, role).toBe(422);
      expect(response.body.error.code).toBe('INVALID_VOUCHER');
    }
  });

  it('shows no personal data at all to IT staff and viewers', async () => {
    const referral = await refer();
    for (const role of ['it_staff', 'viewer'] as const) {
      const auth = await t.auth(role);
      expect((await t.http.get('/api/beneficiaries').set(auth)).status, role).toBe(403);
      expect((await t.http.get(`/api/beneficiaries/${referral.beneficiary}`).set(auth)).status, role).toBe(403);
      expect((await t.http.get('/api/referrals').set(auth)).status, role).toBe(403);
      expect((await t.http.get('/api/allocations').set(auth)).status, role).toBe(403);
    }
    expect((await t.http.get(`/api/scan/${referral.voucherCode}`).set(await t.auth('it_staff'))).status).toBe(403);
  });
});

describe('allocation', () => {
  async function acceptedReferral(need = 'laptop') {
    const referral = await refer({ ...PERSON, lastName: `Alloc${++serial}` }, need);
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    return referral;
  }

  it('allocates a refurbished device under the cap: device allocated and referral equipped together', async () => {
    const referral = await acceptedReferral();
    const device = await refurbishedDevice();
    const response = await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: referral.id, price: 89.9 });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ price: 89.9, assetTag: device.assetTag, voucherCode: referral.voucherCode });
    expect(await t.sql(`select status from devices where id = $1`, [device.id])).toEqual([{ status: 'allocated' }]);
    expect(await t.sql(`select status from referrals where id = $1`, [referral.id])).toEqual([{ status: 'equipped' }]);
    const [event] = await t.sql<{ details: Record<string, unknown> }>(`select details from events where device_id = $1 and to_status = 'allocated'`, [device.id]);
    expect(JSON.stringify(event.details)).not.toMatch(/Alloc|Nadia/);
    const receipt = await t.http.get(`/api/allocations/${response.body.id}/receipt.pdf`).set(await t.auth('partner')).buffer(true).parse(binaryParser);
    const parser = new PDFParse({ data: receipt.body });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('89,90');
    expect(text).toContain(device.assetTag);
  });

  it('refuses a price above the agreement’s cap for the device type', async () => {
    const referral = await acceptedReferral();
    const device = await refurbishedDevice('smartphone');
    const response = await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: referral.id, price: 95 });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'PRICE_ABOVE_CAP', details: { cap: 90 } });
    // in French words and euros, not « smartphone » and « 95 € »
    expect(response.body.error.message).toMatch(/\(95,00\s€\) dépasse le plafond de la convention pour ce type d'appareil \(smartphone : 90,00\s€\)/);
    expect((await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: referral.id, price: 12.345 })).status).toBe(400);
  });

  it('tells the partner the caps of the agreement in force before any price is typed', async () => {
    const caps = await t.http.get('/api/allocations/price-caps').set(await t.auth('partner'));
    expect(caps.status).toBe(200);
    expect(caps.body).toMatchObject({
      partner: 'Emmaüs Connect',
      agreement: { startsOn: `${new Date().getFullYear()}-01-01`, endsOn: `${new Date().getFullYear()}-12-31` },
      priceCaps: { laptop: 150, desktop: 120, smartphone: 90, monitor: 30 },
    });
    // another organisation has no agreement in force: no caps, said plainly
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/users').set(admin).send({ email: 'other-partner@test.fr', name: 'Autre partenaire', role: 'partner', organisation: 'Autre association', password: 'caps-secret-pass-42' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const login = await t.http.post('/api/auth/login').send({ email: 'other-partner@test.fr', password: 'caps-secret-pass-42' });
    const other = await t.http.get('/api/allocations/price-caps').set({ Authorization: `Bearer ${login.body.token}` });
    expect(other.body).toEqual({ partner: 'Autre association', agreement: null, priceCaps: {}, identityCheck: null });
    expect((await t.http.get('/api/allocations/price-caps').set(await t.auth('social_worker'))).status).toBe(403);
  });

  it('refuses a referral not yet accepted and a device not refurbished', async () => {
    const submitted = await refer({ ...PERSON, lastName: 'NotAccepted' });
    const device = await refurbishedDevice();
    expect((await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: submitted.id, price: 50 })).body.error.code).toBe('REFERRAL_NOT_ACCEPTED');
    const referral = await acceptedReferral();
    const raw = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt' })).body;
    const notReady = await t.http.post('/api/allocations').set(await t.auth('admin')).send({ device: raw.id, referral: referral.id, price: 50 });
    expect(notReady.body.error.code).toBe('DEVICE_NOT_AVAILABLE');
  });

  it('allocates a device once, even when two requests race', async () => {
    const first = await acceptedReferral();
    const second = await acceptedReferral();
    const device = await refurbishedDevice();
    const partner = await t.auth('partner');
    const responses = await Promise.all([
      t.http.post('/api/allocations').set(partner).send({ device: device.id, referral: first.id, price: 60 }),
      t.http.post('/api/allocations').set(partner).send({ device: device.id, referral: second.id, price: 60 }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await t.sql(`select count(*)::int as n from allocations where device_id = $1`, [device.id])).toEqual([{ n: 1 }]);
    // and the database itself refuses a second row, whatever the code does
    const [allocation] = await t.sql<{ agreement_id: number }>(`select agreement_id from allocations where device_id = $1`, [device.id]);
    await expect(
      t.sql(`insert into allocations (device_id, referral_id, agreement_id, price_cents, allocated_by_id) values ($1, $2, $3, 100, $4)`, [device.id, second.id, allocation.agreement_id, t.users.admin.id]),
    ).rejects.toThrow(/allocations_device_unique/);
  });

  it('is for the partner (and admins) only', async () => {
    const referral = await acceptedReferral();
    const device = await refurbishedDevice();
    for (const role of ['it_staff', 'social_worker', 'viewer'] as const) {
      expect((await t.http.post('/api/allocations').set(await t.auth(role)).send({ device: device.id, referral: referral.id, price: 50 })).status, role).toBe(403);
    }
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('social_worker'))).status).toBe(403);
  });
});

describe('refusal and cancellation', () => {
  it('needs a reason from the list to refuse', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Refused' });
    const partner = await t.auth('partner');
    expect((await t.http.post(`/api/referrals/${referral.id}/refuse`).set(partner).send({ reason: 'because' })).status).toBe(400);
    const refused = await t.http.post(`/api/referrals/${referral.id}/refuse`).set(partner).send({ reason: 'unreachable', note: 'Trois appels sans réponse' });
    expect(refused.body.status).toBe('refused');
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(partner)).status).toBe(409);
  });

  it('lets the social worker cancel', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Cancelled' });
    const sw = await t.auth('social_worker');
    // a reason from the list, the note optional
    const noReason = await t.http.post(`/api/referrals/${referral.id}/cancel`).set(sw).send({ note: 'Déménagement' });
    expect(noReason.status).toBe(400);
    expect((await t.http.post(`/api/referrals/${referral.id}/cancel`).set(sw).send({ reason: 'because' })).status).toBe(400);
    const cancelled = await t.http.post(`/api/referrals/${referral.id}/cancel`).set(sw).send({ reason: 'moved_away', note: 'Part à Lyon' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'moved_away', statusNote: 'Part à Lyon' });
    expect((await t.http.get(`/api/referrals/${referral.id}/voucher.pdf`).set(await t.auth('social_worker'))).status).toBe(409);
  });
});

describe('RGPD', () => {
  it('logs every read of personal data: who, when, which person, which route', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Logged' });
    await t.http.get(`/api/beneficiaries/${referral.beneficiary}`).set(await t.auth('social_worker'));
    await t.http.get(`/api/referrals/${referral.id}`).set(await t.auth('partner'));
    const rows = await t.sql<{ user_id: number; route: string }>(`select user_id, route from access_log where beneficiary_id = $1 order by id`, [referral.beneficiary]);
    expect(rows).toEqual([
      { user_id: t.users.social_worker.id, route: 'GET /api/beneficiaries/:id' },
      { user_id: t.users.partner.id, route: 'GET /api/referrals/:id' },
    ]);
    await expect(t.sql(`delete from access_log where beneficiary_id = $1`, [referral.beneficiary])).rejects.toThrow(/append-only/);
  });

  it('logs every answer that carries the person, decisions and rectifications included; a rectification that changes nothing is no activity', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Journalisée' });
    const purposes = async () => (await t.sql<{ purpose: string; route: string }>(`select purpose, route from access_log where beneficiary_id = $1 order by id`, [referral.beneficiary])).map((row) => `${row.route} ${row.purpose}`);
    expect(await purposes()).toEqual([]);
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    const sw = await t.auth('social_worker');
    const person = (await t.http.get(`/api/beneficiaries/${referral.beneficiary}`).set(sw)).body;
    await t.sql(`update beneficiaries set last_activity_at = now() - interval '400 days' where id = $1`, [referral.beneficiary]);
    const same = await t.http.put(`/api/beneficiaries/${referral.beneficiary}`).set(sw).send({ firstName: person.firstName, version: person.version });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    const [clock] = await t.sql<{ days: number }>(`select extract(day from now() - last_activity_at)::int as days from beneficiaries where id = $1`, [referral.beneficiary]);
    expect(clock.days).toBeGreaterThanOrEqual(399);
    expect((await t.http.post(`/api/referrals/${referral.id}/cancel`).set(sw).send({ reason: 'moved_away' })).status).toBe(200);
    expect(await purposes()).toEqual([
      'POST /api/referrals/:id/accept orientation acceptée',
      'GET /api/beneficiaries/:id fiche du bénéficiaire',
      'PUT /api/beneficiaries/:id rectification sans changement',
      'POST /api/referrals/:id/cancel orientation annulée',
    ]);
  });

  it('exports everything held on a person (right of access), for admins only', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Exported' });
    await t.http.get(`/api/beneficiaries/${referral.beneficiary}`).set(await t.auth('social_worker'));
    expect((await t.http.get(`/api/beneficiaries/${referral.beneficiary}/export.json`).set(await t.auth('social_worker'))).status).toBe(403);
    const response = await t.http.get(`/api/beneficiaries/${referral.beneficiary}/export.json`).set(await t.auth('admin'));
    expect(response.status).toBe(200);
    expect(response.body.person).toMatchObject({ firstName: 'Nadia', lastName: 'Exported', postcode: '59100', phone: '0612345678' });
    expect(response.body.referrals).toEqual([expect.objectContaining({ voucherCode: referral.voucherCode, need: 'laptop', referrerName: 'Sam Social' })]);
    expect(response.body.accessLog.map((line: { user: string }) => line.user)).toContain('Sam Social');
    const pdf = await t.http.get(`/api/beneficiaries/${referral.beneficiary}/export.pdf`).set(await t.auth('admin')).buffer(true).parse(binaryParser);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('erases a person without changing the statistics', async () => {
    const referral = await refer({ ...PERSON, lastName: 'Erased' });
    const totals = () => t.sql(`select territory, status, count(*)::int as n from referrals group by 1, 2 order by 1, 2`);
    const before = await totals();
    const erased = await t.http.post(`/api/beneficiaries/${referral.beneficiary}/erase`).set(await t.auth('admin'));
    expect(erased.body).toMatchObject({ anonymised: true, firstName: null, lastName: null, phone: null, birthYear: null, territory: TEST_TERRITORY, eligibility: 'rsa' });
    expect(await totals()).toEqual(before);
    expect((await t.http.post(`/api/beneficiaries/${referral.beneficiary}/erase`).set(await t.auth('social_worker'))).status).toBe(403);
  });

  it('expires referrals left too long, anonymises inactive people and purges old access logs', async () => {
    const old = await refer({ ...PERSON, lastName: 'Old' });
    await t.sql(`update referrals set created_at = now() - interval '100 days' where id = $1`, [old.id]);
    const admin = await t.auth('admin');
    const expired = await t.http.post('/api/jobs/expire-referrals/run').set(admin);
    expect(expired.body).toMatchObject({ ran: true, result: { expired: 1 } });
    expect(await t.sql(`select status from referrals where id = $1`, [old.id])).toEqual([{ status: 'expired' }]);

    await t.sql(`update beneficiaries set last_activity_at = now() - interval '25 months' where id = $1`, [old.beneficiary]);
    const anonymised = await t.http.post('/api/jobs/anonymise-inactive/run').set(admin);
    expect(anonymised.body.result.anonymised).toBe(1);
    expect(await t.sql(`select first_name, last_name, anonymised_at is not null as done from beneficiaries where id = $1`, [old.beneficiary])).toEqual([{ first_name: null, last_name: null, done: true }]);

    await t.http.get(`/api/referrals/${old.id}`).set(await t.auth('social_worker'));
    await t.sql(`alter table access_log disable trigger access_log_guard`);
    await t.sql(`update access_log set at = now() - interval '13 months' where beneficiary_id = $1`, [old.beneficiary]);
    await t.sql(`alter table access_log enable trigger access_log_guard`);
    const purged = await t.http.post('/api/jobs/purge-access-log/run').set(admin);
    expect(purged.body.result.purged).toBeGreaterThan(0);
    expect(await t.sql(`select count(*)::int as n from access_log where beneficiary_id = $1`, [old.beneficiary])).toEqual([{ n: 0 }]);
    expect((await t.http.post('/api/jobs/nope/run').set(admin)).status).toBe(404);
    expect((await t.http.post('/api/jobs/expire-referrals/run').set(await t.auth('it_staff'))).status).toBe(403);
  });
});
