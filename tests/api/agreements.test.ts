import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * Partnership agreements (conventions): commitments of both sides and price caps per device type.
 * One agreement in force per partner at any date; an agreement is corrected in place (the admin
 * log keeps each change), a new period is a new agreement (the previous ones stay).
 */
let t: TestApp;

const AGREEMENT = {
  partner: 'Emmaüs Connect',
  startsOn: '2031-01-01',
  endsOn: '2031-12-31',
  devicesCommitted: 1000,
  residentsCommitted: 600,
  trainingsCommitted: 300,
  solidaritySalesCommitted: 550,
  priceCaps: { laptop: 89.9, smartphone: 45 },
  reuseCommitmentRef: 'Convention CD59-EC 2031, article 4',
  maxDeviceAgeYears: 8,
};

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface FieldIssue {
  path: string;
  message: string;
}

const issueFor = (body: { error: { details: FieldIssue[] } }, path: string) => body.error.details.find((issue) => issue.path === path)?.message;

describe('agreements API', () => {
  it('records an agreement with its commitments and price caps in euros to the cent, and reads it back', async () => {
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/agreements').set(admin).send(AGREEMENT);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // left out, the desk asks for an identity document and the voucher names no place
    expect(created.body).toEqual({ id: expect.any(Number), ...AGREEMENT, identityCheck: 'identity_document', shops: [] });
    const read = await t.http.get(`/api/agreements/${created.body.id}`).set(await t.auth('viewer'));
    expect(read.status).toBe(200);
    expect(read.body.priceCaps).toEqual({ laptop: 89.9, smartphone: 45 });
  });

  it('lists the agreements of one partner, the most recent period first', async () => {
    const admin = await t.auth('admin');
    expect((await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '2032-01-01', endsOn: '2032-12-31' })).status).toBe(201);
    expect((await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, partner: 'Autre partenaire' })).status).toBe(201);
    const list = await t.http.get('/api/agreements').query({ filter: JSON.stringify({ partner: 'Emmaüs Connect' }) }).set(await t.auth('viewer'));
    expect(list.status).toBe(200);
    expect(list.body.map((agreement: { startsOn: string }) => agreement.startsOn)).toEqual(['2032-01-01', '2031-01-01']);
    expect(list.headers['content-range']).toMatch(/\/2$/);
  });

  it('refuses bad input with a French message on each field', async () => {
    const response = await t.http
      .post('/api/agreements')
      .set(await t.auth('admin'))
      .send({ ...AGREEMENT, startsOn: '2040-01-01', endsOn: '01/12/2040', devicesCommitted: -3, residentsCommitted: 2.5, priceCaps: { laptop: 89.999, tablet: -1, fridge: 10 } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_INPUT');
    expect(issueFor(response.body, 'endsOn')).toBe('Date attendue (AAAA-MM-JJ), du 01/01/2000 au 31/12/2100.');
    expect(issueFor(response.body, 'devicesCommitted')).toBe('Nombre entier attendu, de 0 à 1 000 000.');
    expect(issueFor(response.body, 'residentsCommitted')).toBe('Nombre entier attendu, de 0 à 1 000 000.');
    expect(issueFor(response.body, 'priceCaps.laptop')).toMatch(/^Prix plafond attendu en euros/);
    expect(issueFor(response.body, 'priceCaps.tablet')).toMatch(/^Prix plafond attendu en euros/);
    expect(response.body.error.details.some((issue: FieldIssue) => issue.path === 'priceCaps.fridge' && issue.message.startsWith("Type d'appareil inconnu : « fridge »"))).toBe(true);
    // nothing in English leaks to the user
    expect(JSON.stringify(response.body)).not.toMatch(/Invalid|expected|Too small/);
  });

  it('refuses a price sent as text (a decimal comma must be converted by the client, never guessed)', async () => {
    const response = await t.http.post('/api/agreements').set(await t.auth('admin')).send({ ...AGREEMENT, startsOn: '2041-01-01', endsOn: '2041-12-31', priceCaps: { laptop: '89,90' } });
    expect(response.status).toBe(400);
    expect(issueFor(response.body, 'priceCaps.laptop')).toMatch(/^Prix plafond attendu en euros/);
  });

  it('refuses an end before the start, on the end date', async () => {
    const response = await t.http.post('/api/agreements').set(await t.auth('admin')).send({ ...AGREEMENT, startsOn: '2042-06-01', endsOn: '2042-05-31' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('La fin de la convention précède son début.');
    expect(issueFor(response.body, 'endsOn')).toBe('La date de fin doit être le jour du début ou après.');
  });

  it('refuses a second agreement with the same partner over an overlapping period, naming the one in force', async () => {
    const admin = await t.auth('admin');
    const first = await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '2043-01-01', endsOn: '2043-12-31' });
    expect(first.status).toBe(201);
    const overlapping = await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '2043-07-01', endsOn: '2044-06-30' });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error).toMatchObject({ code: 'AGREEMENT_OVERLAP', details: { agreementId: first.body.id } });
    expect(overlapping.body.error.message).toContain('Une convention avec Emmaüs Connect couvre déjà une partie de cette période (du 01/01/2043 au 31/12/2043)');
    // another partner may have its own agreement over the same period
    expect((await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, partner: 'Ressourcerie du Nord', startsOn: '2043-07-01', endsOn: '2044-06-30' })).status).toBe(201);
  });

  it('corrects an agreement in place (commitments, caps), keeps its id and refuses an edit that would overlap another period', async () => {
    const admin = await t.auth('admin');
    const agreement = (await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '2045-01-01', endsOn: '2045-12-31' })).body;
    const next = (await t.http.post('/api/agreements').set(admin).send({ ...AGREEMENT, startsOn: '2046-01-01', endsOn: '2046-12-31' })).body;
    const edited = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ devicesCommitted: 1200, priceCaps: { laptop: 99.5 } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    // what was not sent stays as it was
    expect(edited.body).toEqual({ ...AGREEMENT, id: agreement.id, startsOn: '2045-01-01', endsOn: '2045-12-31', devicesCommitted: 1200, priceCaps: { laptop: 99.5 }, identityCheck: 'identity_document', shops: [] });
    const cleared = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ reuseCommitmentRef: '  ', maxDeviceAgeYears: null });
    expect(cleared.body).toMatchObject({ reuseCommitmentRef: null, maxDeviceAgeYears: null, residentsCommitted: 600 });
    const overlapping = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ endsOn: '2046-03-31' });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error).toMatchObject({ code: 'AGREEMENT_OVERLAP', details: { agreementId: next.id } });
    const invalidEdit = await t.http.put(`/api/agreements/${agreement.id}`).set(admin).send({ priceCaps: { laptop: 12_000 } });
    expect(invalidEdit.status).toBe(400);
    expect(issueFor(invalidEdit.body, 'priceCaps.laptop')).toMatch(/^Prix plafond attendu en euros/);
    expect((await t.http.get(`/api/agreements/${agreement.id}`).set(admin)).body.priceCaps).toEqual({ laptop: 99.5 });
  });

  it('lets the viewer read but not write, and nobody else read', async () => {
    const viewer = await t.auth('viewer');
    expect((await t.http.get('/api/agreements').set(viewer)).status).toBe(200);
    expect((await t.http.post('/api/agreements').set(viewer).send({ ...AGREEMENT, startsOn: '2050-01-01', endsOn: '2050-12-31' })).status).toBe(403);
    const [any] = (await t.http.get('/api/agreements').set(viewer)).body;
    expect((await t.http.put(`/api/agreements/${any.id}`).set(viewer).send({ devicesCommitted: 1 })).status).toBe(403);
    for (const role of ['it_staff', 'partner', 'social_worker'] as const) {
      expect((await t.http.get('/api/agreements').set(await t.auth(role))).status, role).toBe(403);
    }
    expect((await t.http.get('/api/agreements')).status).toBe(401);
  });
});
