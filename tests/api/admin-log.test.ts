import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, ROLES_ALL, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { seedFactors } from '../../seeds/factors.js';
import { ADMIN_LOG_ACTIONS } from '../../api/admin-log/actions.js';
import { MAX_PAGE_SIZE } from '../../api/core/simple-rest.js';

/**
 * The administration log: one line per login (failed ones too, with the IP and never the
 * password), per account change, per admin write and per important admin action, written in the
 * action's own transaction; readable by admins only; append-only in the database.
 */
let t: TestApp;

interface Row {
  id: string;
  at: Date;
  action: string;
  outcome: string;
  actor_id: number | null;
  actor_email: string | null;
  actor_role: string | null;
  ip: string | null;
  method: string | null;
  route: string | null;
  status: number | null;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

const seen = new Set<string>();

/**
 * Lines matching `where` (SQL), once at least `expected` of them are there: the admin-request
 * lines are written once the answer is sent, so they are waited for (5 s at most).
 */
async function entries(where: string, values: unknown[] = [], expected = 1): Promise<Row[]> {
  const rows = await vi.waitFor(
    async () => {
      const found = await t.sql<Row>(`select * from admin_log where ${where} order by id`, values);
      if (found.length < expected) throw new Error(`${found.length} of ${expected} lines where ${where} (${JSON.stringify(values)}): ${found.map((row) => row.action).join(', ')}`);
      return found;
    },
    { timeout: 5_000, interval: 50 },
  );
  for (const row of rows) seen.add(row.action);
  return rows;
}

/** The line of an admin's write request, found by the id the API answered in X-Request-Id. */
const requestLine = async (response: { headers: Record<string, string> }) => (await entries(`action = 'admin_request' and request_id = $1`, [response.headers['x-request-id']]))[0];

const lastId = async () => Number((await t.sql<{ id: string | null }>(`select max(id) as id from admin_log`))[0].id ?? 0);

const SOURCE = 'Source de test (ADEME)';
const NEW_PASSWORD = 'Tournesol-violet-2031';

beforeAll(async () => {
  t = await createTestApp();
  await seedFactors(t.orm.em.fork());
});
afterAll(async () => {
  console.info(`[admin-log] kinds of entries checked: ${seen.size} of ${ADMIN_LOG_ACTIONS.length} (${[...seen].sort().join(', ')})`);
  await t.close();
});

describe('logins', () => {
  it('logs a successful login with the caller’s IP (through the reverse proxy) and never the password', async () => {
    const from = await lastId();
    const response = await t.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ email: TEST_USERS.it_staff.email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const [row] = await entries(`id > $1 and action = 'login_succeeded'`, [from]);
    expect(row).toMatchObject({ outcome: 'success', actor_id: t.users.it_staff.id, actor_email: TEST_USERS.it_staff.email, actor_role: 'it_staff', ip: '203.0.113.7' });
    expect(row.request_id).toBe(response.headers['x-request-id']);
    expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
  });

  it('logs failed logins as refused, with the reason for the admins, while the caller gets the same answer', async () => {
    const from = await lastId();
    const wrong = await t.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.23').send({ email: TEST_USERS.viewer.email, password: 'not-the-password-1' });
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@test.fr', password: 'not-the-password-2' });
    // someone typing their password in the e-mail field: it must not end up in the log
    const typedInWrongField = await t.http.post('/api/auth/login').send({ email: 'Mon-Secret-Bien-Garde', password: 'not-the-password-3' });
    expect([wrong.status, unknown.status, typedInWrongField.status]).toEqual([401, 401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    const rows = await entries(`id > $1 and action = 'login_failed'`, [from], 3);
    // the account tried is the target: whoever typed is not known
    expect(rows.map((row) => [row.outcome, row.actor_id, row.actor_email, row.target_id, row.details?.reason])).toEqual([
      ['refused', null, TEST_USERS.viewer.email, String(t.users.viewer.id), 'wrong_password'],
      ['refused', null, 'nobody@test.fr', null, 'unknown_account'],
      ['refused', null, null, null, 'unknown_account'],
    ]);
    expect(rows[0].ip).toBe('198.51.100.23');
    expect(rows[2].details).toMatchObject({ typed: 'not_an_email' });
    const leaks = await t.sql<{ n: string }>(`select count(*) as n from admin_log where admin_log::text ilike any (array['%not-the-password%', '%Mon-Secret%', '%scrypt$%'])`);
    expect(Number(leaks[0].n)).toBe(0);
  });

  it('logs a login on a deactivated account as refused', async () => {
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/users').set(admin).send({ email: 'parti@test.fr', name: 'Parti Ailleurs', role: 'viewer', password: NEW_PASSWORD });
    expect(created.status).toBe(201);
    expect((await t.http.put(`/api/users/${created.body.id}`).set(admin).send({ active: false })).status).toBe(200);
    const from = await lastId();
    expect((await t.http.post('/api/auth/login').send({ email: 'parti@test.fr', password: NEW_PASSWORD })).status).toBe(401);
    const [row] = await entries(`id > $1 and action = 'login_failed'`, [from]);
    expect(row).toMatchObject({ actor_id: null, target_type: 'users', target_id: String(created.body.id), details: { reason: 'inactive_account' } });
  });
});

describe('accounts', () => {
  it('logs creation, role change, deactivation, reactivation, password reset and other edits, each with its admin request', async () => {
    const admin = await t.auth('admin');
    const from = await lastId();
    const created = await t.http.post('/api/users').set(admin).send({ email: 'nouvelle@test.fr', name: 'Nouvelle Recrue', role: 'viewer', password: NEW_PASSWORD });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const edits = [{ role: 'it_staff' }, { active: false }, { active: true }, { password: 'Cerf-volant-rouge-88' }, { role: 'social_worker', territory: 'MDIE Douai', name: 'Nouvelle Collègue' }];
    for (const body of edits) expect((await t.http.put(`/api/users/${id}`).set(admin).send(body)).status, JSON.stringify(body)).toBe(200);

    const semantic = await entries(`id > $1 and target_type = 'users' and target_id = $2 and action <> 'admin_request'`, [from, String(id)], 7);
    expect(semantic.map((row) => row.action)).toEqual(['user_created', 'role_changed', 'user_deactivated', 'user_reactivated', 'password_reset', 'role_changed', 'user_updated']);
    for (const row of semantic) expect(row).toMatchObject({ outcome: 'success', actor_id: t.users.admin.id, actor_role: 'admin' });
    expect(semantic[0].details).toMatchObject({ email: 'nouvelle@test.fr', role: 'viewer' });
    expect(semantic[1].details).toMatchObject({ from: 'viewer', to: 'it_staff' });
    expect(semantic[5].details).toMatchObject({ from: 'it_staff', to: 'social_worker' });
    expect(semantic[6].details).toMatchObject({ changes: { name: ['Nouvelle Recrue', 'Nouvelle Collègue'], territory: [null, 'MDIE Douai'] } });

    const requests = await entries(`id > $1 and action = 'admin_request' and route like '/api/users%'`, [from], 6);
    expect(requests.map((row) => [row.method, row.route, row.target_id, row.status, row.outcome])).toEqual([
      ['POST', '/api/users', null, 201, 'success'],
      ...edits.map(() => ['PUT', '/api/users/{id}', String(id), 200, 'success']),
    ]);
    // field names only: the new password's value is nowhere
    expect(requests[4].details).toEqual({ fields: ['password'] });
    const leaks = await t.sql<{ n: string }>(`select count(*) as n from admin_log where admin_log::text ilike any (array['%Cerf-volant%', '%Tournesol%'])`);
    expect(Number(leaks[0].n)).toBe(0);
  });

  it('logs a refused admin write as refused, with its status', async () => {
    const from = await lastId();
    const response = await t.http.put(`/api/users/${t.users.admin.id}`).set(await t.auth('admin')).send({ active: false });
    expect(response.status).toBe(400);
    const [row] = await entries(`id > $1 and action = 'admin_request'`, [from]);
    expect(row).toMatchObject({ method: 'PUT', route: '/api/users/{id}', target_id: String(t.users.admin.id), status: 400, outcome: 'refused' });
    // an action's own lines are written in its transaction, before the answer: none to wait for
    expect(await t.sql(`select id from admin_log where id > $1 and action = 'user_deactivated'`, [from])).toEqual([]);
  });

  it('logs one’s own password change, and a wrong current password as refused; a non-admin’s writes are not admin requests', async () => {
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/users').set(admin).send({ email: 'change@test.fr', name: 'Change Moi', role: 'viewer', password: NEW_PASSWORD });
    const login = await t.http.post('/api/auth/login').send({ email: 'change@test.fr', password: NEW_PASSWORD });
    const viewer = { Authorization: `Bearer ${login.body.token}` };
    // the admin's request line is written after its answer: once there, later lines are this test's
    await requestLine(created);
    const from = await lastId();
    expect((await t.http.post('/api/me/password').set(viewer).send({ currentPassword: 'wrong-current-pw', newPassword: 'Pivoine-bleue-2032' })).status).toBe(400);
    expect((await t.http.post('/api/me/password').set(viewer).send({ currentPassword: NEW_PASSWORD, newPassword: 'Pivoine-bleue-2032' })).status).toBe(200);
    const rows = await entries(`id > $1 and action = 'password_changed'`, [from], 2);
    expect(rows.map((row) => [row.outcome, row.actor_id, row.details?.reason ?? null])).toEqual([
      ['refused', created.body.id, 'wrong_current_password'],
      ['success', created.body.id, null],
    ]);
    // an admin's write after the viewer's: once its line is written, a line the viewer's requests queued on answering would be too
    const marker = await t.http.put('/api/users/999999').set(admin).send({ name: 'Personne' });
    expect(marker.status).toBe(404);
    await requestLine(marker);
    expect(await t.sql(`select route from admin_log where id > $1 and action = 'admin_request' and actor_id is distinct from $2`, [from, t.users.admin.id])).toEqual([]);
  });
});

describe('admin actions', () => {
  it('logs a factor edit with the old and new values', async () => {
    const admin = await t.auth('admin');
    const [factor] = (await t.http.get('/api/factors').set(admin)).body as { id: number; deviceType: string; massKg: number }[];
    const from = await lastId();
    const response = await t.http.put(`/api/factors/${factor.id}`).set(admin).send({ massKg: factor.massKg + 1, massSource: SOURCE });
    expect(response.status).toBe(200);
    const [row] = await entries(`id > $1 and action = 'factor_updated'`, [from]);
    expect(row).toMatchObject({ target_type: 'factors', target_id: String(factor.id), details: { deviceType: factor.deviceType, changes: { massKg: [factor.massKg, factor.massKg + 1] } } });
    expect(Object.keys(row.details!.changes as object)).toContain('massSource');
  });

  it('logs agreements created and edited', async () => {
    const admin = await t.auth('admin');
    const from = await lastId();
    const created = await t.http.post('/api/agreements').set(admin).send({ partner: 'Emmaüs Connect', startsOn: '2030-01-01', endsOn: '2030-12-31', devicesCommitted: 100, priceCaps: { laptop: 150 } });
    expect(created.status).toBe(201);
    expect((await t.http.put(`/api/agreements/${created.body.id}`).set(admin).send({ devicesCommitted: 120 })).status).toBe(200);
    const rows = await entries(`id > $1 and action like 'agreement_%'`, [from], 2);
    expect(rows.map((row) => [row.action, row.target_id])).toEqual([
      ['agreement_created', String(created.body.id)],
      ['agreement_updated', String(created.body.id)],
    ]);
    expect(rows[0].details).toMatchObject({ partner: 'Emmaüs Connect', devicesCommitted: 100 });
    expect(rows[1].details).toMatchObject({ changes: { devicesCommitted: [100, 120] } });
  });

  it('logs a device withdrawal with its reason', async () => {
    const device = (await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', serialNumber: 'ADMINLOG-1' })).body;
    const from = await lastId();
    const response = await t.http.post(`/api/devices/${device.id}/transitions`).set(await t.auth('admin')).send({ to: 'withdrawn', reason: 'Volé dans le véhicule' });
    expect(response.status).toBe(200);
    const [row] = await entries(`id > $1 and action = 'device_withdrawn'`, [from]);
    expect(row).toMatchObject({ target_type: 'devices', target_id: String(device.id), details: { assetTag: device.assetTag, from: 'registered', reason: 'Volé dans le véhicule' } });
  });

  it('logs a job run by hand with its result', async () => {
    const from = await lastId();
    const response = await t.http.post('/api/jobs/expire-referrals/run').set(await t.auth('admin'));
    expect(response.status).toBe(200);
    const [row] = await entries(`id > $1 and action = 'job_run'`, [from]);
    expect(row).toMatchObject({ target_type: 'jobs', target_id: 'expire-referrals', details: { result: response.body.result } });
  });

  it('logs RGPD exports and erasures without the person’s identity', async () => {
    const referral = await t.http
      .post('/api/referrals')
      .set(await t.auth('social_worker'))
      .send({ beneficiary: { firstName: 'Yasmina', lastName: 'Haddouche', birthYear: 1980, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true }, need: 'laptop' });
    expect(referral.status).toBe(201);
    const person = referral.body.beneficiary as number;
    const admin = await t.auth('admin');
    const from = await lastId();
    expect((await t.http.get(`/api/beneficiaries/${person}/export.json`).set(admin)).status).toBe(200);
    expect((await t.http.post(`/api/beneficiaries/${person}/erase`).set(admin)).status).toBe(200);
    const rows = await entries(`id > $1 and target_type = 'beneficiaries' and action <> 'admin_request'`, [from], 2);
    expect(rows.map((row) => [row.action, row.target_id])).toEqual([
      ['person_exported', String(person)],
      ['person_erased', String(person)],
    ]);
    const leaks = await t.sql<{ n: string }>(`select count(*) as n from admin_log where admin_log::text ilike '%Haddouche%' or admin_log::text ilike '%Yasmina%'`);
    expect(Number(leaks[0].n)).toBe(0);
  });

  it('leaves no line claiming success when the action is rolled back', async () => {
    const admin = await t.auth('admin');
    const [factor] = (await t.http.get('/api/factors').set(admin)).body as { id: number; massKg: number }[];
    // the database refuses the change at commit time, after the log line was queued
    await t.sql(`create function refuse_factor_change() returns trigger language plpgsql as $$ begin raise exception 'refused for the test' using errcode = 'check_violation'; end; $$`);
    await t.sql(`create trigger refuse_factor_change before update on factors for each row execute function refuse_factor_change()`);
    await t.sql(`create trigger refuse_user_insert before insert on users for each row execute function refuse_factor_change()`);
    try {
      const from = await lastId();
      const factorEdit = await t.http.put(`/api/factors/${factor.id}`).set(admin).send({ massKg: factor.massKg + 5, massSource: SOURCE });
      const userCreation = await t.http.post('/api/users').set(admin).send({ email: 'jamais@test.fr', name: 'Jamais Créé', role: 'viewer', password: NEW_PASSWORD });
      expect([factorEdit.status, userCreation.status]).toEqual([400, 400]);
      const requests = await entries(`id > $1 and action = 'admin_request'`, [from], 2);
      expect(requests.map((row) => [row.route, row.status, row.outcome])).toEqual([
        ['/api/factors/{id}', 400, 'refused'],
        ['/api/users', 400, 'refused'],
      ]);
      expect(await t.sql(`select action from admin_log where id > $1 and action in ('factor_updated', 'user_created')`, [from])).toEqual([]);
    } finally {
      await t.sql(`drop trigger refuse_factor_change on factors`);
      await t.sql(`drop trigger refuse_user_insert on users`);
      await t.sql(`drop function refuse_factor_change()`);
    }
  });
});

describe('GET /api/admin-log', () => {
  it('is for admins only', async () => {
    expect((await t.http.get('/api/admin-log')).status).toBe(401);
    for (const role of ROLES_ALL.filter((role) => role !== 'admin')) {
      const response = await t.http.get('/api/admin-log').set(await t.auth(role));
      expect(response.status, role).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('lists the newest first, with the actor’s name, a total and a capped page size', async () => {
    const admin = await t.auth('admin');
    const response = await t.http.get('/api/admin-log').query({ range: '[0,9]' }).set(admin);
    expect(response.status).toBe(200);
    expect(response.headers['content-range']).toMatch(/^admin-log 0-9\/\d+$/);
    const times = (response.body as { at: string }[]).map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    const logins = (await t.http.get('/api/admin-log').query({ filter: JSON.stringify({ action: 'login_succeeded', actorId: t.users.it_staff.id }) }).set(admin)).body as { ip: string }[];
    expect(logins.find((entry) => entry.ip === '203.0.113.7')).toMatchObject({ action: 'login_succeeded', outcome: 'success', actorId: t.users.it_staff.id, actorName: TEST_USERS.it_staff.name, ip: '203.0.113.7' });
    const tooBig = await t.http.get('/api/admin-log').query({ range: JSON.stringify([0, MAX_PAGE_SIZE]) }).set(admin);
    expect(tooBig.status).toBe(400);
  });

  it('filters by actor, action, outcome, target and date range', async () => {
    const admin = await t.auth('admin');
    const list = async (filter: Record<string, unknown>) => {
      const response = await t.http.get('/api/admin-log').query({ filter: JSON.stringify(filter), range: '[0,199]' }).set(admin);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body as { action: string; actorId: number | null; outcome: string; at: string; targetType: string | null }[];
    };
    const byViewer = await list({ actorId: t.users.viewer.id });
    expect(byViewer.length).toBeGreaterThan(0);
    expect(byViewer.every((entry) => entry.actorId === t.users.viewer.id)).toBe(true);
    const failed = await list({ action: ['login_failed'] });
    expect(failed.length).toBeGreaterThanOrEqual(4);
    expect(failed.every((entry) => entry.action === 'login_failed' && entry.outcome === 'refused')).toBe(true);
    expect((await list({ actorEmail: 'nobody@' })).map((entry) => entry.action)).toEqual(['login_failed']);
    expect((await list({ targetType: 'factors', action: 'factor_updated' })).length).toBe(1);
    const [latest] = await list({});
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(latest.at));
    const thatDay = await list({ from: day, to: day });
    expect(thatDay[0]).toEqual(latest);
    expect(thatDay.length).toBeGreaterThan(10);
    expect(await list({ from: '2020-01-01', to: '2020-12-31' })).toEqual([]);
    expect(await list({ to: '2020-12-31' })).toEqual([]);
    const refused = await t.http.get('/api/admin-log').query({ filter: JSON.stringify({ action: 'drop_table', from: 'yesterday' }) }).set(admin);
    expect(refused.status).toBe(400);
  });
});

describe('the table itself', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, even from SQL', async () => {
    const [row] = await t.sql<{ id: string }>(`select id from admin_log order by id limit 1`);
    await expect(t.sql(`update admin_log set outcome = 'success' where id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from admin_log where id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`truncate admin_log`)).rejects.toThrow(/append-only/);
    // the purge switch does not open recent lines either
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`set local reemploi.retention_purge = 'on'`);
      await expect(client.query(`delete from admin_log where id = $1`, [row.id])).rejects.toThrow(/append-only/);
      await client.query('rollback');
    } finally {
      await client.end();
    }
    expect(await t.sql(`select id from admin_log where id = $1`, [row.id])).toHaveLength(1);
  });

  it('is purged past its retention by the scheduled job, and only there', async () => {
    const old = await t.sql<{ id: string }>(
      `insert into admin_log (at, action, outcome, details) values (now() - interval '13 months', 'login_failed', 'refused', '{"old":13}'), (now() - interval '7 months', 'login_failed', 'refused', '{"old":7}') returning id`,
    );
    const run = await t.http.post('/api/jobs/purge-admin-log/run').set(await t.auth('admin'));
    expect(run.status).toBe(200);
    expect(run.body.result).toEqual({ purged: 1 });
    const left = await t.sql<{ id: string }>(`select id from admin_log where id = any($1::bigint[])`, [old.map((row) => row.id)]);
    // 12 months by default (ADMIN_LOG_RETENTION_MONTHS): the 13-month line is gone, the 7-month one stays
    expect(left.map((row) => row.id)).toEqual([old[1].id]);
  });
});
