import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';
import { recipientOf, startMailServer, type MailServer } from '../helpers/mail-server.js';

let mailServer: MailServer;
let t: TestApp;

beforeAll(async () => {
  mailServer = await startMailServer();
  t = await createTestApp({ SMTP_URL: mailServer.url, PUBLIC_URL: 'https://reemploi.example.fr' });
});
afterAll(async () => {
  await t.close();
  await mailServer.close();
});

const sendMail = async () => (await t.http.post('/api/jobs/send-mail/run').set(await t.auth('admin'))).body;
const mailTo = (email: string) => mailServer.inbox.filter((mail) => recipientOf(mail).includes(email));
const notificationsOf = async (role: 'admin' | 'it_staff' | 'partner' | 'social_worker' | 'viewer') =>
  (await t.http.get('/api/notifications').set(await t.auth(role))).body as { id: number; kind: string; message: string; link: string; read: boolean }[];

let serial = 0;
async function readyBatch() {
  const tech = await t.auth('it_staff');
  const device = (await t.http.post('/api/devices').set(tech).send({ type: 'monitor', originSite: 'Dépôt DSI — Lille', serialNumber: `NOTIF-${++serial}` })).body;
  await t.http.post(`/api/devices/${device.id}/no-storage`).set(tech);
  const batch = (await t.http.post('/api/batches').set(tech).send({ site: 'Dépôt DSI — Lille' })).body;
  await t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [device.id] });
  const ready = await t.http.post(`/api/batches/${batch.id}/ready`).set(tech);
  expect(ready.status).toBe(200);
  return { batch, device };
}

describe('who is told what', () => {
  it('tells the partner a batch is ready, in the app and by e-mail, once', async () => {
    const { batch } = await readyBatch();
    const notes = (await notificationsOf('partner')).filter((note) => note.kind === 'batch_ready');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ message: expect.stringContaining(batch.reference), link: `/pickup/${batch.id}`, read: false });
    expect((await notificationsOf('it_staff')).filter((note) => note.kind === 'batch_ready')).toHaveLength(0);
    expect((await sendMail()).result).toMatchObject({ sent: 1, failed: 0 });
    const mails = mailTo('partner@test.fr');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain(batch.reference);
    expect(mails[0].text).toContain(`https://reemploi.example.fr/admin/pickup/${batch.id}`);
    expect(mails[0].html).toContain('<a href=');
    expect((await sendMail()).result).toMatchObject({ sent: 0 });
    expect(mailTo('partner@test.fr')).toHaveLength(1);
  });

  it('tells depot staff and admins about a pickup, and about a disputed one', async () => {
    const { batch, device } = await readyBatch();
    await t.http.post(`/api/batches/${batch.id}/pickup`).set(await t.auth('partner')).send({ scanned: [device.assetTag] });
    for (const role of ['it_staff', 'admin'] as const) {
      expect((await notificationsOf(role)).some((note) => note.kind === 'pickup_confirmed' && note.message.includes(batch.reference))).toBe(true);
    }
    const disputed = await readyBatch();
    await t.http.post(`/api/batches/${disputed.batch.id}/pickup`).set(await t.auth('partner')).send({ scanned: [], discrepancy: 'Palette incomplète' });
    const note = (await notificationsOf('it_staff')).find((row) => row.kind === 'pickup_disputed');
    expect(note?.message).toContain(disputed.device.assetTag);
  });

  it('tells the technicians when a wipe fails', async () => {
    const tech = await t.auth('it_staff');
    const device = (await t.http.post('/api/devices').set(tech).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille' })).body;
    const medium = (await t.http.post('/api/media').set(tech).send({ device: device.id, kind: 'ssd', serialNumber: 'NOTIF-DISK-1' })).body;
    await t.http.post('/api/sanitizations').set(tech).send({
      medium: medium.id, technique: 'overwrite_prng', tool: 'nwipe', startedAt: '2026-11-20T09:00:00Z', finishedAt: '2026-11-20T10:00:00Z', verification: 'last_pass', result: 'failure', errors: 'Verify errors: 3',
    });
    const note = (await notificationsOf('it_staff')).find((row) => row.kind === 'device_quarantined');
    expect(note?.message).toContain(device.assetTag);
  });

  it('tells the referring social worker what became of the referral, by first name only, and nobody else', async () => {
    const sw = await t.auth('social_worker');
    const referral = (await t.http.post('/api/referrals').set(sw).send({
      beneficiary: { firstName: 'Yasmine', lastName: 'Confidentielle', birthYear: 1980, postcode: '59100', eligibility: 'rsa', consent: true },
      need: 'laptop',
    })).body;
    await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('partner'));
    const note = (await notificationsOf('social_worker')).find((row) => row.kind === 'referral_accepted');
    expect(note?.message).toContain(referral.voucherCode);
    expect(note?.message).toContain('Yasmine');
    expect(note?.message).not.toContain('Confidentielle');
    for (const role of ['partner', 'viewer', 'it_staff', 'admin'] as const) {
      expect(JSON.stringify(await notificationsOf(role))).not.toMatch(/Yasmine|Confidentielle/);
    }
    await t.sql(`update referrals set created_at = now() - interval '85 days' where id = $1`, [referral.id]);
    const job = (await t.http.post('/api/jobs/expire-referrals/run').set(await t.auth('admin'))).body;
    expect(job.result).toMatchObject({ expired: 0, warned: 1 });
    expect((await t.http.post('/api/jobs/expire-referrals/run').set(await t.auth('admin'))).body.result.warned).toBe(0);
    expect((await notificationsOf('social_worker')).filter((row) => row.kind === 'referral_expiring')).toHaveLength(1);
  });
});

describe('the end of a referral', () => {
  async function acceptedReferral(firstName: string) {
    const referral = (await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
      beneficiary: { firstName, lastName: 'Privée', birthYear: 1975, postcode: '59100', eligibility: 'aah', consent: true },
      need: 'laptop',
    })).body;
    await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('partner'));
    return referral;
  }

  it('tells the social worker when the resident is equipped, and when a referral expires', async () => {
    const year = new Date().getFullYear();
    await ensureAgreement(year);
    const equipped = await acceptedReferral('Rachid');
    const device = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille' })).body;
    await handOver(t, [device.id], { status: 'refurbished' });
    const allocation = await t.http.post('/api/allocations').set(await t.auth('partner')).send({ device: device.id, referral: equipped.id, price: 60 });
    expect(allocation.status).toBe(201);
    const note = (await notificationsOf('social_worker')).find((row) => row.kind === 'referral_equipped');
    expect(note?.message).toContain(equipped.voucherCode);
    expect(note?.message).toContain('Rachid');
    expect(note?.message).not.toContain('Privée');

    const old = await acceptedReferral('Sandrine');
    await t.sql(`update referrals set created_at = now() - interval '100 days' where id = $1`, [old.id]);
    await t.http.post('/api/jobs/expire-referrals/run').set(await t.auth('admin'));
    const expired = (await notificationsOf('social_worker')).find((row) => row.kind === 'referral_expired');
    expect(expired?.message).toContain(old.voucherCode);
    expect(expired?.link).toBe(`/referrals/${old.id}/show`);
    for (const role of ['partner', 'viewer', 'it_staff'] as const) expect(JSON.stringify(await notificationsOf(role))).not.toMatch(/Privée|Rachid|Sandrine/);
  });
});

/** One agreement for the year (the commitments test and the allocation test both need it). */
async function ensureAgreement(year: number) {
  const response = await t.http.post('/api/agreements').set(await t.auth('admin')).send({
    partner: 'Emmaüs Connect', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, devicesCommitted: 100000, residentsCommitted: 50000, priceCaps: { laptop: 150 },
  });
  expect([201, 409]).toContain(response.status);
}

describe('commitments behind target', () => {
  it('tells admins and the steering committee, with figures only, once a month', async () => {
    const admin = await t.auth('admin');
    await ensureAgreement(new Date().getFullYear());
    const run = await t.http.post('/api/jobs/commitments-check/run').set(admin);
    expect(run.body.result.behind).toBeGreaterThanOrEqual(1);
    for (const role of ['admin', 'viewer'] as const) {
      const note = (await notificationsOf(role)).find((row) => row.kind === 'commitment_behind');
      expect(note?.message, role).toMatch(/objectif au prorata/);
    }
    expect((await notificationsOf('social_worker')).some((row) => row.kind === 'commitment_behind')).toBe(false);
    expect((await t.http.post('/api/jobs/commitments-check/run').set(admin)).body.result).toMatchObject({ skipped: true });
  });
});

describe('reading notifications', () => {
  it('shows each user their own, marks them read, and counts the unread', async () => {
    const partner = await t.auth('partner');
    const before = (await t.http.get('/api/notifications/unread-count').set(partner)).body.count;
    expect(before).toBeGreaterThan(0);
    const [first] = await notificationsOf('partner');
    expect((await t.http.post(`/api/notifications/${first.id}/read`).set(partner)).status).toBe(200);
    expect((await t.http.get('/api/notifications/unread-count').set(partner)).body.count).toBe(before - 1);
    // another user's notification does not exist for you
    expect((await t.http.post(`/api/notifications/${first.id}/read`).set(await t.auth('viewer'))).status).toBe(404);
    await t.http.post('/api/notifications/read-all').set(partner);
    expect((await t.http.get('/api/notifications/unread-count').set(partner)).body.count).toBe(0);
    const page = await t.http.get('/api/notifications').query({ filter: JSON.stringify({ read: false }) }).set(partner);
    expect(page.body).toEqual([]);
    expect(page.headers['content-range']).toBe('notifications 0-0/0');
  });
});

describe('e-mail delivery', () => {
  it('keeps messages through an SMTP outage, without blocking the request, and sends them when it is back', async () => {
    await sendMail(); // what earlier tests queued
    mailServer.down = true;
    const { batch } = await readyBatch();
    const failed = await sendMail();
    expect(failed.result).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await t.sql<{ status: string; attempts: number; last_error: string }>(`select status, attempts, last_error from outbox where subject like $1`, [`%${batch.reference}%`]);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/451|indisponible/i);
    mailServer.down = false;
    // the backoff delays the next attempt; make it due now
    await t.sql(`update outbox set next_attempt_at = now() where status = 'pending'`);
    expect((await sendMail()).result).toMatchObject({ sent: 1 });
    expect(mailTo('partner@test.fr').filter((mail) => mail.subject?.includes(batch.reference))).toHaveLength(1);
  });

  it('groups notifications in a daily digest for users who chose it', async () => {
    const partner = await t.auth('partner');
    expect((await t.http.put('/api/me/preferences').set(partner).send({ emailPreference: 'daily' })).body).toEqual({ emailPreference: 'daily', emailEnabled: true });
    expect((await t.http.get('/api/me').set(partner)).body).toMatchObject({ emailPreference: 'daily', emailEnabled: true });
    const mailsBefore = mailTo('partner@test.fr').length;
    const first = await readyBatch();
    const second = await readyBatch();
    await sendMail();
    expect(mailTo('partner@test.fr')).toHaveLength(mailsBefore);
    const digest = (await t.http.post('/api/jobs/mail-digest/run').set(await t.auth('admin'))).body;
    expect(digest.result).toEqual({ digests: 1 });
    await sendMail();
    const mails = mailTo('partner@test.fr');
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.text).toContain(first.batch.reference);
    expect(mails.at(-1)!.text).toContain(second.batch.reference);
    expect((await t.http.post('/api/jobs/mail-digest/run').set(await t.auth('admin'))).body.result).toEqual({ digests: 0 });
    expect((await t.http.put('/api/me/preferences').set(partner).send({ emailPreference: 'weekly' })).status).toBe(400);
  });
});

describe('notices follow the current scope', () => {
  it('tells a social worker moved to another territory nothing more about the residents of the former one', async () => {
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/users').set(admin).send({ email: 'mobile@test.fr', name: 'Morgane Mobile', role: 'social_worker', territory: 'UTPAS Roubaix', password: 'another-password-9' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const login = await t.http.post('/api/auth/login').send({ email: 'mobile@test.fr', password: 'another-password-9' });
    const mobile = { Authorization: `Bearer ${login.body.token}` };
    const referral = (await t.http.post('/api/referrals').set(mobile).send({
      beneficiary: { firstName: 'Rosalie', lastName: 'Ancienne', birthYear: 1970, postcode: '59100', eligibility: 'rsa', consent: true },
      need: 'laptop',
    })).body;
    expect((await t.http.put(`/api/users/${created.body.id}`).set(admin).send({ territory: 'UTPAS Lille' })).status).toBe(200);
    const relogin = await t.http.post('/api/auth/login').send({ email: 'mobile@test.fr', password: 'another-password-9' });
    expect((await t.http.post(`/api/referrals/${referral.id}/accept`).set(await t.auth('partner'))).status).toBe(200);
    const notices = (await t.http.get('/api/notifications').set({ Authorization: `Bearer ${relogin.body.token}` })).body as { message: string }[];
    expect(JSON.stringify(notices)).not.toContain('Rosalie');
    // the social worker of the territory still hears of their own residents
    const stay = (await t.http.post('/api/referrals').set(await t.auth('social_worker')).send({
      beneficiary: { firstName: 'Solène', lastName: 'Restée', birthYear: 1972, postcode: '59100', eligibility: 'rsa', consent: true },
      need: 'laptop',
    })).body;
    await t.http.post(`/api/referrals/${stay.id}/accept`).set(await t.auth('partner'));
    expect(JSON.stringify(await notificationsOf('social_worker'))).toContain('Solène');
  });

  it('refuses a partner a filter on what it may not see (the territory, the person)', async () => {
    const partner = await t.auth('partner');
    for (const filter of [{ territory: 'UTPAS Roubaix' }, { beneficiary: 1 }]) {
      const response = await t.http.get('/api/referrals').query({ filter: JSON.stringify(filter) }).set(partner);
      expect(response.status, JSON.stringify(filter)).toBe(400);
      expect(response.body.error.message).toContain('que votre rôle ne voit pas');
    }
    expect((await t.http.get('/api/referrals').query({ filter: JSON.stringify({ status: 'submitted' }) }).set(partner)).status).toBe(200);
  });
});
