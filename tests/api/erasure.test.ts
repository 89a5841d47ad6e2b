import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp } from '../helpers/app.js';
import { initOrm } from '../../api/db/orm.js';

/**
 * Erasure reaches every text about the person (#20 §7): the notes on their referrals, the
 * notifications and e-mails that name them; notifications have a retention period; the right of
 * access lists notes and notices; listing notifications that name a person is logged (#20 §8).
 */
let t: TestApp;
let serial = 0;

beforeAll(async () => {
  // e-mail on (nothing is sent: the mail job does not run here), so notices also go to the outbox
  t = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://reemploi.example.fr' });
});
afterAll(() => t.close());

async function refer(firstName: string) {
  const response = await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
    beneficiary: { firstName, lastName: `Effacée${++serial}`, birthYear: 1975, postcode: '59100', eligibility: 'aah', consent: true },
    need: 'laptop',
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; beneficiary: number; voucherCode: string };
}

/** Every stored text that could still hold the first name, for one person. */
async function textsAbout(beneficiary: number) {
  const notices = await t.sql<{ message: string }>(`select message from notifications where beneficiary_id = $1`, [beneficiary]);
  const mails = await t.sql<{ subject: string; text: string; html: string }>(`select subject, text, html from outbox where $1 = any(beneficiary_ids)`, [beneficiary]);
  const notes = await t.sql<{ status_note: string | null }>(`select status_note from referrals where beneficiary_id = $1`, [beneficiary]);
  return { notices: notices.map((row) => row.message), mails: mails.flatMap((row) => [row.subject, row.text, row.html]), notes: notes.map((row) => row.status_note) };
}

describe('erasure', () => {
  it('takes the first name out of notifications, deletes the e-mails about the person and clears the notes; the reasons stay', async () => {
    const accepted = await refer('Zélie');
    const partner = await t.auth('partner');
    expect((await t.http.post(`/api/referrals/${accepted.id}/accept`).set(partner)).status).toBe(200);
    const before = await textsAbout(accepted.beneficiary);
    expect(before.notices.join(' ')).toContain('Zélie');
    expect(before.mails.join(' ')).toContain('Zélie');
    expect((await t.http.post(`/api/referrals/${accepted.id}/refuse`).set(partner).send({ reason: 'unreachable', note: 'Zélie ne répond pas au 06 12 34 56 78' })).status).toBe(200);

    const erased = await t.http.post(`/api/beneficiaries/${accepted.beneficiary}/erase`).set(await t.auth('admin'));
    expect(erased.status).toBe(200);
    const after = await textsAbout(accepted.beneficiary);
    expect(after.notices).toEqual([`L'orientation ${accepted.voucherCode} (personne anonymisée) a été acceptée par Emmaüs Connect.`]);
    expect(after.mails).toEqual([]);
    expect(after.notes).toEqual([null]);
    const [referral] = await t.sql(`select status, refusal_reason from referrals where id = $1`, [accepted.id]);
    expect(referral).toEqual({ status: 'refused', refusal_reason: 'unreachable' });
    // what the social worker reads in the app no longer names the person
    const list = await t.http.get('/api/notifications').set(await t.auth('social_worker'));
    expect(JSON.stringify(list.body)).not.toContain('Zélie');
  });

  it('is done the same by the anonymisation of inactive people', async () => {
    const stale = await refer('Gaëtan');
    expect((await t.http.post(`/api/referrals/${stale.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    const sw = await t.auth('social_worker');
    expect((await t.http.post(`/api/referrals/${stale.id}/cancel`).set(sw).send({ reason: 'declined', note: 'Gaëtan a trouvé un ordinateur chez sa sœur' })).status).toBe(200);
    await t.sql(`update beneficiaries set last_activity_at = now() - interval '30 months' where id = $1`, [stale.beneficiary]);
    const run = await t.http.post('/api/jobs/anonymise-inactive/run').set(await t.auth('admin'));
    expect(run.status).toBe(200);
    const after = await textsAbout(stale.beneficiary);
    expect(after.notices.join(' ')).not.toContain('Gaëtan');
    expect(after.notices).toHaveLength(1);
    expect(after.mails).toEqual([]);
    expect(after.notes).toEqual([null]);
    expect((await t.sql(`select cancellation_reason from referrals where id = $1`, [stale.id]))[0]).toEqual({ cancellation_reason: 'declined' });
  });
});

describe('notifications', () => {
  it('are kept 6 months: the purge job deletes older ones, and the e-mails sent or given up with them', async () => {
    const [user] = await t.sql<{ id: number }>(`select id from users where email = 'tech@test.fr'`);
    const insert = (age: string, message: string) =>
      t.sql(`insert into notifications (user_id, kind, message, link, created_at) values ($1, 'test', $2, null, now() - $3::interval)`, [user.id, message, age]);
    await insert('7 months', 'ancienne');
    await insert('5 months', 'récente');
    const mail = (age: string, status: string) =>
      t.sql(`insert into outbox (user_id, to_email, subject, text, html, status, created_at) values ($1, 'tech@test.fr', 's', 't', 'h', $2, now() - $3::interval)`, [user.id, status, age]);
    await mail('7 months', 'sent');
    await mail('7 months', 'pending');
    await mail('1 day', 'sent');
    const run = await t.http.post('/api/jobs/purge-notifications/run').set(await t.auth('admin'));
    expect(run.status).toBe(200);
    expect(run.body.result).toEqual({ purged: 1, mails: 1 });
    expect((await t.sql<{ message: string }>(`select message from notifications where user_id = $1`, [user.id])).map((row) => row.message)).toEqual(['récente']);
    expect(await t.sql(`select status from outbox where user_id = $1 order by id`, [user.id])).toEqual([{ status: 'pending' }, { status: 'sent' }]);
  });

  it('that name a person are logged in the access log when listed; the others are not', async () => {
    const referral = await refer('Noémie');
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    const lines = () => t.sql<{ user_id: number; route: string; purpose: string }>(`select user_id, route, purpose from access_log where beneficiary_id = $1 and route like '%notifications%'`, [referral.beneficiary]);
    expect(await lines()).toEqual([]);
    const list = await t.http.get('/api/notifications').set(await t.auth('social_worker'));
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain('Noémie');
    expect(list.body[0]).not.toHaveProperty('beneficiaryId');
    expect(await lines()).toEqual([{ user_id: t.users.social_worker.id, route: 'GET /api/notifications', purpose: 'notifications' }]);
    // a page without any notice naming this person logs nothing about them
    await t.http.get('/api/notifications').set(await t.auth('it_staff'));
    expect(await lines()).toHaveLength(1);
  });
});

describe('right of access', () => {
  it('lists the notes on the referrals and the notices that name the person', async () => {
    const referral = await refer('Léon');
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    expect((await t.http.post(`/api/referrals/${referral.id}/cancel`).set(await t.auth('social_worker')).send({ reason: 'moved_away', note: 'Part à Lyon' })).status).toBe(200);
    const data = await t.http.get(`/api/beneficiaries/${referral.beneficiary}/export.json`).set(await t.auth('admin'));
    expect(data.status).toBe(200);
    expect(data.body.referrals).toEqual([expect.objectContaining({ cancellationReason: 'moved_away', statusNote: 'Part à Lyon' })]);
    expect(data.body.notices).toEqual([expect.objectContaining({ recipient: 'Sam Social', kind: 'referral_accepted', message: expect.stringContaining('(Léon)') })]);
  });
});

describe('the migration', () => {
  it('keeps the notes written before the reasons as the optional note, with the reason « autre », and links old notices to their person', async () => {
    const name = 'Migration20261207050000_partner_scope_and_notes';
    const orm = await initOrm(await createTestDatabase());
    try {
      const migrator = orm.getMigrator();
      await migrator.down({ migrations: [name] });
      const db = orm.em.fork();
      const [user] = await db.execute(`insert into users (email, name, role, territory, password_hash) values ('ancien@test.fr', 'Ancien', 'social_worker', 'UTPAS Roubaix', 'x') returning id`);
      const [person] = await db.execute(
        `insert into beneficiaries (first_name, last_name, birth_year, postcode, territory, eligibility, consent_at, consent_recorded_by_id, created_by_id)
         values ('Ida', 'Avant', 1970, '59100', 'UTPAS Roubaix', 'rsa', now(), ?, ?) returning id`,
        [user.id, user.id],
      );
      const referral = (status: string, note: string | null, code: string) =>
        db.execute(`insert into referrals (beneficiary_id, referrer_id, territory, need, status, voucher_code, status_note) values (?, ?, 'UTPAS Roubaix', 'laptop', ?, ?, ?) returning id`, [person.id, user.id, status, code, note]);
      const [cancelled] = await referral('cancelled', 'Ida déménage à Lille', 'AAAA-2222');
      const [silent] = await referral('cancelled', null, 'AAAA-3333');
      await db.execute(`insert into notifications (user_id, kind, message, link) values (?, 'referral_accepted', 'L''orientation AAAA-2222 (Ida) a été acceptée.', ?)`, [user.id, `/referrals/${cancelled.id}/show`]);
      await migrator.up({ migrations: [name] });
      expect(await db.execute(`select id, partner, cancellation_reason, status_note from referrals order by id`)).toEqual([
        { id: cancelled.id, partner: 'Emmaüs Connect', cancellation_reason: 'other', status_note: 'Ida déménage à Lille' },
        { id: silent.id, partner: 'Emmaüs Connect', cancellation_reason: null, status_note: null },
      ]);
      expect(await db.execute(`select beneficiary_id from notifications`)).toEqual([{ beneficiary_id: person.id }]);
    } finally {
      await orm.close();
    }
  });
});
