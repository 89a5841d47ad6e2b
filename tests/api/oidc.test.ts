import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { recordingStatuses } from '../helpers/status-log.js';
import { freePort, providerEnvironment, signInAtProvider, startTestProvider, type TestProvider } from '../helpers/oidc-provider.js';

const PUBLIC_URL = 'http://localhost:3999';
const CALLBACK = `${PUBLIC_URL}/admin/oidc/callback`;

let provider: TestProvider;
let t: TestApp;
beforeAll(async () => {
  provider = await startTestProvider({ redirectUri: CALLBACK, postLogoutRedirectUri: `${PUBLIC_URL}/admin/login` });
  t = await createTestApp(providerEnvironment(provider, PUBLIC_URL));
  await t.token('admin');
  for (const rule of [
    { claim: 'groups', value: 'GG-REEMPLOI-TECH', role: 'it_staff', priority: 10 },
    { claim: 'groups', value: 'GG-REEMPLOI-TS', role: 'social_worker', priority: 20 },
    { claim: 'department', value: 'UTPAS Roubaix', territory: 'UTPAS Roubaix' },
  ]) {
    const response = await t.http.post('/api/oidc-mappings').set(await t.auth('admin')).send(rule);
    expect(response.status).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
  await provider?.stop();
});

interface Tampering {
  authorizationUrl?: (url: URL) => void;
  callback?: (url: URL) => void;
}

/** One browser's whole sign-in: the start, the provider's login form, the callback. */
async function signIn(login: string, tampering: Tampering = {}, app = t) {
  const browser = request.agent(recordingStatuses(app.app));
  const start = await browser.post('/api/auth/oidc/departement/start');
  expect(start.status).toBe(200);
  const authorizationUrl = new URL(start.body.authorizationUrl);
  tampering.authorizationUrl?.(authorizationUrl);
  const callback = new URL(await signInAtProvider(authorizationUrl.href, login, CALLBACK));
  tampering.callback?.(callback);
  return browser.post('/api/auth/oidc/callback').send({ query: callback.search });
}

const expectRefusedWithoutSession = (response: request.Response) => {
  expect(response.status, JSON.stringify(response.body)).toBe(401);
  expect(response.body.error.code).toBe('SIGN_IN_REFUSED');
  expect(response.body.error.message).toMatch(/n’a pas pu être vérifiée/);
  expect(response.body.token).toBeUndefined();
  expect(JSON.stringify(response.body)).not.toMatch(/nonce|state|aud|jwt|expired|invalid_grant/i);
};

describe('the login page', () => {
  it('lists the configured providers by name, and none when none is configured', async () => {
    const response = await t.http.get('/api/auth/oidc/providers');
    expect(response.body).toEqual([{ id: 'departement', name: 'Compte du Département' }]);
    const plain = await createTestApp();
    expect((await plain.http.get('/api/auth/oidc/providers')).body).toEqual([]);
    expect((await plain.http.post('/api/auth/oidc/departement/start')).status).toBe(404);
    await plain.close();
  });

  it('starts with state, nonce and PKCE (S256) and keeps them in an HttpOnly cookie', async () => {
    const response = await t.http.post('/api/auth/oidc/departement/start');
    const url = new URL(response.body.authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    for (const parameter of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(parameter)?.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(response.headers['set-cookie'][0]).toMatch(/^reemploi_oidc=.+; Max-Age=600; Path=\/api\/auth\/oidc; .*HttpOnly; SameSite=Lax/);
  });
});

describe('signing in with the Département’s account', () => {
  it('gives a mapped agent the role and territory of the rules, linked by issuer and subject', async () => {
    provider.accounts.set('agent-ts', { email: 'sarah.ts@lenord.fr', name: 'Sarah Travailleuse', groups: ['GG-REEMPLOI-TS', 'GG-AUTRE'], department: 'UTPAS Roubaix' });
    const response = await signIn('agent-ts');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ outcome: 'signed_in', user: { email: 'sarah.ts@lenord.fr', role: 'social_worker', territory: 'UTPAS Roubaix' } });
    const me = await t.http.get('/api/me').set({ Authorization: `Bearer ${response.body.token}` });
    expect(me.body).toMatchObject({ role: 'social_worker', territory: 'UTPAS Roubaix' });
    expect(response.body.endSessionUrl).toMatch(new RegExp(`^${provider.issuer}/session/end\\?.*id_token_hint=`));
    const [row] = await t.sql<{ oidc_issuer: string; oidc_subject: string; password_hash: string | null }>('select oidc_issuer, oidc_subject, password_hash from users where email = $1', ['sarah.ts@lenord.fr']);
    expect(row).toEqual({ oidc_issuer: provider.issuer, oidc_subject: 'agent-ts', password_hash: null });
    // no password here: the password login refuses the account like a wrong password
    expect((await t.http.post('/api/auth/login').send({ email: 'sarah.ts@lenord.fr', password: TEST_PASSWORD })).status).toBe(401);
  });

  it('changes the role at the next sign-in when the groups change, in the administration log, and closes the old sessions', async () => {
    provider.accounts.set('agent-move', { email: 'marc.move@lenord.fr', name: 'Marc Mobile', groups: ['GG-REEMPLOI-TECH'] });
    const first = await signIn('agent-move');
    expect(first.body.user.role).toBe('it_staff');
    provider.accounts.set('agent-move', { email: 'marc.move@lenord.fr', name: 'Marc Mobile', groups: ['GG-REEMPLOI-TS'], department: 'UTPAS Roubaix' });
    const second = await signIn('agent-move');
    expect(second.body.user).toMatchObject({ role: 'social_worker', territory: 'UTPAS Roubaix' });
    const log = await t.sql<{ details: Record<string, unknown> }>(`select details from admin_log where action = 'role_changed' and target_id = $1`, [String(first.body.user.id)]);
    expect(log.map((line) => line.details)).toEqual([expect.objectContaining({ from: 'it_staff', to: 'social_worker', by: 'oidc_mapping', provider: 'departement' })]);
    expect((await t.http.get('/api/me').set({ Authorization: `Bearer ${first.body.token}` })).status).toBe(401);
    // out of every group: the role the mapping gave is withdrawn, the agent waits for an admin
    provider.accounts.set('agent-move', { email: 'marc.move@lenord.fr', name: 'Marc Mobile', groups: [] });
    const third = await signIn('agent-move');
    expect(third.body).toMatchObject({ outcome: 'pending' });
    expect(third.body.token).toBeUndefined();
    // an admin gives the existing account a role: no second account, the same identity
    const [request] = await t.sql<{ id: number; user_id: number }>(`select id, user_id from access_requests where subject = 'agent-move'`);
    expect(request.user_id).toBe(first.body.user.id);
    expect((await t.http.post(`/api/access-requests/${request.id}/approve`).set(await t.auth('admin')).send({ role: 'viewer' })).status).toBe(200);
    const fourth = await signIn('agent-move');
    expect(fourth.body.user).toMatchObject({ id: first.body.user.id, role: 'viewer' });
    expect(await t.sql(`select count(*)::int as accounts from users where oidc_subject = 'agent-move'`)).toEqual([{ accounts: 1 }]);
  });

  it('puts an unknown agent on hold, tells the admins once, and lets them in once an admin gives a role', async () => {
    provider.accounts.set('agent-new', { email: 'nina.new@lenord.fr', name: 'Nina Nouvelle', groups: ['GG-COMPTA'] });
    const first = await signIn('agent-new');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ outcome: 'pending', name: 'Nina Nouvelle', provider: { id: 'departement', name: 'Compte du Département' } });
    await signIn('agent-new');
    const notices = await t.sql<{ message: string }>(`select n.message from notifications n join users u on u.id = n.user_id where u.role = 'admin' and n.kind = 'access_requested' and n.message like '%nina.new%'`);
    expect(notices).toHaveLength(1);
    expect(await t.sql(`select 1 from users where email = 'nina.new@lenord.fr'`)).toEqual([]);

    const list = await t.http.get('/api/access-requests').query({ filter: JSON.stringify({ status: 'pending' }) }).set(await t.auth('admin'));
    const waiting = list.body.find((row: { email: string }) => row.email === 'nina.new@lenord.fr');
    expect(waiting).toMatchObject({ status: 'pending', claims: { groups: ['GG-COMPTA'] } });
    const missingTerritory = await t.http.post(`/api/access-requests/${waiting.id}/approve`).set(await t.auth('admin')).send({ role: 'social_worker' });
    expect(missingTerritory.status).toBe(400);
    const approved = await t.http.post(`/api/access-requests/${waiting.id}/approve`).set(await t.auth('admin')).send({ role: 'social_worker', territory: 'MDS Lille' });
    expect(approved.status).toBe(200);
    const again = await signIn('agent-new');
    expect(again.body).toMatchObject({ outcome: 'signed_in', user: { role: 'social_worker', territory: 'MDS Lille' } });
    // the role an admin gave stays while no rule gives one
    expect((await signIn('agent-new')).body.user.role).toBe('social_worker');
    const log = await t.sql<{ action: string; actor_id: number | null; details: Record<string, unknown> }>(
      `select action, actor_id, details from admin_log where action like 'access_%' and details->>'email' = 'nina.new@lenord.fr' order by id`,
    );
    expect(log).toEqual([
      { action: 'access_requested', actor_id: null, details: expect.objectContaining({ provider: 'departement' }) },
      { action: 'access_approved', actor_id: t.users.admin.id, details: expect.objectContaining({ role: 'social_worker', territory: 'MDS Lille' }) },
    ]);
  });

  it('keeps a refused agent out', async () => {
    provider.accounts.set('agent-no', { email: 'omar.no@lenord.fr', name: 'Omar Non', groups: [] });
    await signIn('agent-no');
    const [row] = await t.sql<{ id: number }>(`select id from access_requests where subject = 'agent-no'`);
    expect((await t.http.post(`/api/access-requests/${row.id}/refuse`).set(await t.auth('admin')).send({})).status).toBe(200);
    const response = await signIn('agent-no');
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/refusé votre accès/);
    expect(await t.sql(`select action from admin_log where action = 'access_refused' and details->>'email' = 'omar.no@lenord.fr'`)).toHaveLength(1);
  });

  it('blocks an agent disabled in Réemploi even though the provider says yes', async () => {
    provider.accounts.set('agent-off', { email: 'olga.off@lenord.fr', name: 'Olga Off', groups: ['GG-REEMPLOI-TECH'] });
    const first = await signIn('agent-off');
    const disabled = await t.http.put(`/api/users/${first.body.user.id}`).set(await t.auth('admin')).send({ active: false });
    expect(disabled.status).toBe(200);
    const response = await signIn('agent-off');
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/désactivé/);
    expect(response.body.token).toBeUndefined();
  });

  it('never links to a local account by its e-mail', async () => {
    provider.accounts.set('impostor', { email: 'admin@test.fr', name: 'Quelqu’un', groups: ['GG-REEMPLOI-TECH'] });
    const response = await signIn('impostor');
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('EMAIL_TAKEN');
    expect(await t.sql(`select oidc_subject, role from users where email = 'admin@test.fr'`)).toEqual([{ oidc_subject: null, role: 'admin' }]);
  });

  it('keeps the password login working alongside', async () => {
    const response = await t.http.post('/api/auth/login').send({ email: 'tech@test.fr', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
  });
});

describe('refusals: a clear French message and no session', () => {
  it('refuses a tampered state', async () => {
    provider.accounts.set('agent-t1', { email: 't1@lenord.fr', groups: ['GG-REEMPLOI-TECH'] });
    expectRefusedWithoutSession(await signIn('agent-t1', { callback: (url) => url.searchParams.set('state', 'forged-state-forged-state-forged-state') }));
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    expectRefusedWithoutSession(await signIn('agent-t1', { authorizationUrl: (url) => url.searchParams.set('nonce', 'another-nonce-another-nonce-another') }));
  });

  it('refuses an expired ID token', async () => {
    provider.tweak({ expired: true });
    try {
      expectRefusedWithoutSession(await signIn('agent-t1'));
    } finally {
      provider.tweak({});
    }
  });

  it('refuses an ID token made for another client (wrong audience)', async () => {
    provider.tweak({ audience: 'another-application' });
    try {
      expectRefusedWithoutSession(await signIn('agent-t1'));
    } finally {
      provider.tweak({});
    }
  });

  it('refuses a callback from a browser that did not start the sign-in, and a code used twice', async () => {
    const browser = request.agent(recordingStatuses(t.app));
    const start = await browser.post('/api/auth/oidc/departement/start');
    const callback = new URL(await signInAtProvider(start.body.authorizationUrl, 'agent-t1', CALLBACK));
    expectRefusedWithoutSession(await t.http.post('/api/auth/oidc/callback').send({ query: callback.search }));
    expect((await browser.post('/api/auth/oidc/callback').send({ query: callback.search })).status).toBe(200);
    expectRefusedWithoutSession(await browser.post('/api/auth/oidc/callback').send({ query: callback.search }));
    expect(await t.sql(`select 1 from users where email = 't1@lenord.fr'`)).toHaveLength(1);
  });

  it('throttles failed sign-ins per IP like the password login', async () => {
    const strict = await createTestApp({ ...providerEnvironment(provider, PUBLIC_URL), LOGIN_RATE_LIMIT: '1' });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) statuses.push((await strict.http.post('/api/auth/oidc/callback').send({ query: '?code=x&state=y' })).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it('says the provider does not answer when it is down, at the start and at the callback', async () => {
    const nowhere = await createTestApp({ ...providerEnvironment(provider, PUBLIC_URL), OIDC_DEPARTEMENT_ISSUER: `http://127.0.0.1:${await freePort()}` });
    const start = await nowhere.http.post('/api/auth/oidc/departement/start');
    expect(start.status).toBe(503);
    expect(start.body.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringMatching(/ne répond pas/) });
    expect(start.headers['set-cookie']).toBeUndefined();
    await nowhere.close();

    const browser = request.agent(recordingStatuses(t.app));
    const begun = await browser.post('/api/auth/oidc/departement/start');
    const callback = new URL(await signInAtProvider(begun.body.authorizationUrl, 'agent-t1', CALLBACK));
    await provider.stop();
    const response = await browser.post('/api/auth/oidc/callback').send({ query: callback.search });
    expect(response.status).toBe(503);
    expect(response.body.error.message).toMatch(/ne répond pas/);
    expect(response.body.token).toBeUndefined();
  });
});

describe('configuration and rules', () => {
  const base = { DATABASE_URL: 'postgres://x@localhost/x', JWT_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz', OIDC_PROVIDERS: 'departement', OIDC_DEPARTEMENT_ISSUER: 'https://login.example.fr/tenant/v2.0', OIDC_DEPARTEMENT_CLIENT_ID: 'reemploi', OIDC_DEPARTEMENT_CLIENT_SECRET: 'secret' };

  it('refuses an incomplete or unsafe provider configuration at start-up, naming the variable', async () => {
    const { loadConfig } = await import('../../api/config.js');
    expect(loadConfig(base).oidcProviders).toEqual([
      expect.objectContaining({ id: 'departement', name: 'departement', scopes: 'openid email profile', redirectUrl: 'http://localhost:3000/admin/oidc/callback' }),
    ]);
    expect(() => loadConfig({ ...base, OIDC_DEPARTEMENT_CLIENT_SECRET: '' })).toThrow(/OIDC_DEPARTEMENT_CLIENT_SECRET is required/);
    expect(() => loadConfig({ ...base, OIDC_DEPARTEMENT_ISSUER: 'http://login.example.fr' })).toThrow(/OIDC_DEPARTEMENT_ISSUER: https:\/\/ is required/);
    expect(() => loadConfig({ ...base, OIDC_DEPARTEMENT_SCOPES: 'email profile' })).toThrow(/must include openid/);
    expect(() => loadConfig({ ...base, OIDC_PROVIDERS: 'Dépt' })).toThrow(/lower-case/);
    expect(() => loadConfig({ ...base, OIDC_CLOCK_TOLERANCE_SECONDS: '3600' })).toThrow(/0 to 300/);
    expect(loadConfig({ ...base, OIDC_CLOCK_TOLERANCE_SECONDS: '120' }).oidcClockTolerance).toBe(120);
  });

  it('refuses a rule that gives nothing, and edits and deletes rules', async () => {
    const admin = await t.auth('admin');
    const empty = await t.http.post('/api/oidc-mappings').set(admin).send({ claim: 'groups', value: 'GG-RIEN' });
    expect(empty.status).toBe(400);
    const created = await t.http.post('/api/oidc-mappings').set(admin).send({ claim: 'realm_access.roles', value: 'reemploi-viewer', role: 'viewer', provider: 'departement' });
    expect(created.body).toMatchObject({ provider: 'departement', role: 'viewer', territory: null, priority: 100 });
    const edited = await t.http.put(`/api/oidc-mappings/${created.body.id}`).set(admin).send({ ...created.body, role: 'it_staff' });
    expect(edited.body.role).toBe('it_staff');
    expect((await t.http.delete(`/api/oidc-mappings/${created.body.id}`).set(admin)).status).toBe(200);
    expect((await t.http.get(`/api/oidc-mappings/${created.body.id}`).set(admin)).status).toBe(404);
  });
});

describe('the claim mapping', () => {
  it('reads arrays and dotted paths, ignores case, and lets the lowest priority give the role', async () => {
    const { mapClaims } = await import('../../api/users/oidc/claim-mapping.js');
    const rules = [
      { id: 1, provider: null, claim: 'realm_access.roles', value: 'reemploi-tech', role: 'it_staff' as const, territory: null, priority: 50 },
      { id: 2, provider: null, claim: 'groups', value: 'GG-REEMPLOI-ADMIN', role: 'admin' as const, territory: null, priority: 10 },
      { id: 3, provider: 'proconnect', claim: 'siret', value: '22590001500017', role: null, territory: 'Direction du Numérique', priority: 100 },
    ];
    expect(mapClaims(rules, 'keycloak', { realm_access: { roles: ['Reemploi-Tech '] } })).toEqual({ role: 'it_staff', territory: null });
    expect(mapClaims(rules, 'keycloak', { realm_access: { roles: ['reemploi-tech'] }, groups: ['gg-reemploi-admin'] })).toEqual({ role: 'admin', territory: null });
    // a rule for one provider does not apply to another
    expect(mapClaims(rules, 'departement', { siret: '22590001500017' })).toEqual({ role: null, territory: null });
    expect(mapClaims(rules, 'proconnect', { siret: '22590001500017' })).toEqual({ role: null, territory: 'Direction du Numérique' });
    expect(mapClaims(rules, 'keycloak', { groups: 'GG-REEMPLOI-ADMIN-BIS', realm_access: 'reemploi-tech' })).toEqual({ role: null, territory: null });
  });
});
