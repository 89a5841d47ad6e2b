import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { loadConfig } from '../../api/config.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT: '5' });
  // sessions opened before the throttling test locks the partner's account
  for (const role of ['admin', 'it_staff', 'partner', 'social_worker', 'viewer'] as const) await t.token(role);
});
afterAll(() => t.close());

describe('login', () => {
  it('gives a token valid for one working day and the user without the password hash', async () => {
    const response = await t.http.post('/api/auth/login').send({ email: 'TECH@test.fr ', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ email: 'tech@test.fr', role: 'it_staff', active: true });
    expect(JSON.stringify(response.body.user)).not.toMatch(/hash|scrypt/i);
    const claims = jwt.decode(response.body.token, { complete: true })!;
    expect(claims.header.alg).toBe('HS256');
    const payload = claims.payload as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(9 * 3600);
  });

  it('answers the same 401 for an unknown e-mail and a wrong password', async () => {
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@test.fr', password: 'whatever-password' });
    const wrong = await t.http.post('/api/auth/login').send({ email: TEST_USERS.viewer.email, password: 'wrong-password!!' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String) });
  });

  it('refuses a malformed body with 400, not 500', async () => {
    const response = await t.http.post('/api/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_INPUT');
    const missing = await t.http.post('/api/auth/login').send({ email: 42 });
    expect(missing.status).toBe(400);
  });

  it('throttles repeated failures on one account with 429', async () => {
    const attempt = () => t.http.post('/api/auth/login').send({ email: 'partner@test.fr', password: 'bad-password-xx' });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // even the right password waits: the account is under attack
    const right = await t.http.post('/api/auth/login').send({ email: 'partner@test.fr', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
  });
});

describe('tokens', () => {
  it('GET /api/me needs a token', async () => {
    const response = await t.http.get('/api/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('GET /api/me returns the caller', async () => {
    const response = await t.http.get('/api/me').set(await t.auth('social_worker'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ role: 'social_worker', territory: 'UTPAS Roubaix' });
  });

  it('refuses forged, unsigned, expired and tampered tokens', async () => {
    const id = String(t.users.admin.id);
    const forged = jwt.sign({ role: 'admin', tv: 0 }, 'another-secret-another-secret-another', { subject: id, issuer: 'reemploi' });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: id, role: 'admin', tv: 0, iss: 'reemploi' })).toString('base64url')}.`;
    const expired = jwt.sign({ role: 'admin', tv: 0 }, t.config.jwtSecret, { subject: id, issuer: 'reemploi', expiresIn: -10 });
    const valid = await t.token('viewer');
    const [header, , signature] = valid.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: id, role: 'admin', tv: 0, iss: 'reemploi' })).toString('base64url')}.${signature}`;
    for (const token of [forged, unsigned, expired, tampered, 'not-a-token']) {
      const response = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`);
      expect(response.status, token).toBe(401);
    }
  });

  it('cuts a deactivated user off at once, even with a valid token', async () => {
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/users').set(admin).send({ email: 'temp@test.fr', name: 'Temp Worker', role: 'it_staff', password: 'a-long-password-123' });
    expect(created.status).toBe(201);
    const login = await t.http.post('/api/auth/login').send({ email: 'temp@test.fr', password: 'a-long-password-123' });
    const token = login.body.token;
    expect((await t.http.get('/api/devices').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const deactivated = await t.http.put(`/api/users/${created.body.id}`).set(admin).send({ active: false });
    expect(deactivated.status).toBe(200);
    expect((await t.http.get('/api/devices').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    const again = await t.http.post('/api/auth/login').send({ email: 'temp@test.fr', password: 'a-long-password-123' });
    expect(again.status).toBe(401);
  });
});

describe('users (admins only)', () => {
  it('lets an admin create a social worker only with a territory', async () => {
    const admin = await t.auth('admin');
    const without = await t.http.post('/api/users').set(admin).send({ email: 'sw@test.fr', name: 'Sans Territoire', role: 'social_worker', password: 'a-long-password-123' });
    expect(without.status).toBe(400);
    expect(without.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'territory' })]));
    const withTerritory = await t.http
      .post('/api/users')
      .set(admin)
      .send({ email: 'sw@test.fr', name: 'Avec Territoire', role: 'social_worker', territory: 'MDIE Douai', password: 'a-long-password-123' });
    expect(withTerritory.status).toBe(201);
    expect(withTerritory.body).toMatchObject({ territory: 'MDIE Douai', role: 'social_worker' });
  });

  it('refuses weak passwords and duplicate e-mails', async () => {
    const admin = await t.auth('admin');
    const weak = await t.http.post('/api/users').set(admin).send({ email: 'weak@test.fr', name: 'Weak', role: 'viewer', password: 'short' });
    expect(weak.status).toBe(400);
    const duplicate = await t.http.post('/api/users').set(admin).send({ email: 'TECH@test.fr', name: 'Dup', role: 'viewer', password: 'a-long-password-123' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('resets a password: the old one and old sessions stop working', async () => {
    const admin = await t.auth('admin');
    const created = await t.http.post('/api/users').set(admin).send({ email: 'reset@test.fr', name: 'Reset Me', role: 'viewer', password: 'first-password-123' });
    const oldToken = (await t.http.post('/api/auth/login').send({ email: 'reset@test.fr', password: 'first-password-123' })).body.token;
    expect((await t.http.put(`/api/users/${created.body.id}`).set(admin).send({ password: 'second-password-456' })).status).toBe(200);
    expect((await t.http.get('/api/me').set('Authorization', `Bearer ${oldToken}`)).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: 'reset@test.fr', password: 'first-password-123' })).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: 'reset@test.fr', password: 'second-password-456' })).status).toBe(200);
  });

  it('lists users with Content-Range and filters by role', async () => {
    const response = await t.http.get('/api/users').query({ filter: JSON.stringify({ role: 'it_staff' }), sort: '["name","ASC"]', range: '[0,9]' }).set(await t.auth('admin'));
    expect(response.status).toBe(200);
    expect(response.headers['content-range']).toMatch(/^users 0-\d+\/\d+$/);
    expect(response.body.every((user: { role: string }) => user.role === 'it_staff')).toBe(true);
  });

  it('forbids every other role from managing users', async () => {
    for (const role of ['it_staff', 'partner', 'social_worker', 'viewer'] as const) {
      const auth = await t.auth(role);
      expect((await t.http.get('/api/users').set(auth)).status, role).toBe(403);
      expect((await t.http.post('/api/users').set(auth).send({ email: 'x@test.fr', name: 'X X', role: 'admin', password: 'a-long-password-123' })).status, role).toBe(403);
      expect((await t.http.put(`/api/users/${t.users.viewer.id}`).set(auth).send({ role: 'admin' })).status, role).toBe(403);
    }
  });

  it('does not let an admin lock themselves out', async () => {
    const response = await t.http.put(`/api/users/${t.users.admin.id}`).set(await t.auth('admin')).send({ active: false });
    expect(response.status).toBe(400);
  });

  it('changes one’s own password with the current one', async () => {
    const auth = await t.auth('viewer');
    const wrong = await t.http.post('/api/me/password').set(auth).send({ currentPassword: 'nope-nope-nope', newPassword: 'brand-new-password-1' });
    expect(wrong.status).toBe(400);
    const ok = await t.http.post('/api/me/password').set(auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'brand-new-password-1' });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toBeTruthy();
  });
});

describe('configuration', () => {
  it('refuses to start outside demo mode without a strong JWT_SECRET', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'secret' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'a'.repeat(40) })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'k3J9x-Qp2LmZ8vR4tY7wB1nC6hF0sD5gA' }).demo).toBe(false);
  });
});

describe('baseline protection', () => {
  it('sends security headers and no x-powered-by', async () => {
    const response = await t.http.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('asks browsers to upgrade to HTTPS only when the public address is HTTPS (a plain-HTTP demo on the network must load)', async () => {
    const plain = await t.http.get('/api/health');
    expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const secure = await createTestApp({ PUBLIC_URL: 'https://reemploi.lenord.fr' });
    try {
      const response = await secure.http.get('/api/health');
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    } finally {
      await secure.close();
    }
  });

  it('refuses oversized bodies with 413 and unknown routes with a JSON 404', async () => {
    const big = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ notes: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await t.http.get('/api/nothing-here').set(await t.auth('admin'));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('publishes the OpenAPI document built from the route schemas, and the docs page', async () => {
    const document = await t.http.get('/api/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.paths['/api/devices'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(document.body.paths['/api/devices/{id}/transitions']).toBeDefined();
    expect(document.body.components.schemas.Device.properties.assetTag).toBeDefined();
    const docs = await t.http.get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });
});

describe('changing one’s own password', () => {
  it('is throttled like the login: wrong current passwords end in 429, counted per account', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      const token = await limited.token('it_staff');
      const answers: number[] = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await limited.http.post('/api/me/password').set('Authorization', `Bearer ${token}`).send({ currentPassword: `wrong-password-${attempt}`, newPassword: 'a-new-long-passphrase-42' });
        answers.push(response.status);
      }
      expect(answers.slice(0, 3).every((status) => status >= 400 && status < 429)).toBe(true);
      expect(answers.slice(3)).toEqual([429, 429]);
      // another account is not slowed by it
      const other = await limited.http.post('/api/me/password').set(await limited.auth('admin')).send({ currentPassword: 'wrong-password', newPassword: 'a-new-long-passphrase-42' });
      expect(other.status).not.toBe(429);
    } finally {
      await limited.close();
    }
  });
});
