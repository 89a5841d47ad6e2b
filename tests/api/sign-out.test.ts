import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';

/** Sign-out revokes the session on the server (issue #20 §9); across instances: tests/api/multi-instance.test.ts. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function signIn(role: keyof typeof TEST_USERS): Promise<string> {
  const response = await t.http.post('/api/auth/login').send({ email: TEST_USERS[role].email, password: TEST_PASSWORD });
  expect(response.status).toBe(200);
  return response.body.token;
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('POST /api/auth/logout', () => {
  it('revokes that token at once, and only that one: the same account signed in elsewhere stays signed in', async () => {
    const phone = await signIn('it_staff');
    const desk = await signIn('it_staff');
    expect((await t.http.get('/api/me').set(bearer(phone))).status).toBe(200);

    const signedOut = await t.http.post('/api/auth/logout').set(bearer(phone));
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toEqual({ signedOut: true });

    for (const [method, path] of [['get', '/api/me'], ['get', '/api/devices'], ['post', '/api/auth/logout']] as const) {
      const refused = await t.http[method](path).set(bearer(phone));
      expect(refused.status, path).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.http.get('/api/me').set(bearer(desk))).status).toBe(200);
    const [row] = await t.sql<{ expires_at: Date }>(`select expires_at from revoked_sessions where jti = $1`, [(jwt.decode(phone) as jwt.JwtPayload).jti]);
    expect(row.expires_at.getTime()).toBe((jwt.decode(phone) as jwt.JwtPayload).exp! * 1000);
  });

  it('needs a token', async () => {
    expect((await t.http.post('/api/auth/logout')).status).toBe(401);
  });

  it('gives every token its own session id, and refuses a token without one (it could not be signed out)', async () => {
    const first = jwt.decode(await signIn('viewer')) as jwt.JwtPayload;
    const second = jwt.decode(await signIn('viewer')) as jwt.JwtPayload;
    expect(first.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.jti).not.toBe(first.jti);
    const claims = { role: 'viewer', tv: 0 };
    const options = { subject: String(t.users.viewer.id), issuer: 'reemploi', algorithm: 'HS256', expiresIn: 60 } as const;
    expect((await t.http.get('/api/me').set(bearer(jwt.sign(claims, t.config.jwtSecret, options)))).status).toBe(401);
    // not a UUID: refused as invalid, not a database error
    expect((await t.http.get('/api/me').set(bearer(jwt.sign(claims, t.config.jwtSecret, { ...options, jwtid: "x' or 1=1" })))).status).toBe(401);
  });
});

describe('purge-revoked-sessions job', () => {
  it('deletes the revocations of tokens that have expired, keeps the others', async () => {
    await t.sql(`insert into revoked_sessions (jti, expires_at) values (gen_random_uuid(), now() - interval '1 minute'), (gen_random_uuid(), now() + interval '1 hour')`);
    const before = Number((await t.sql<{ n: string }>(`select count(*) as n from revoked_sessions where expires_at > now()`))[0].n);
    const run = await t.http.post('/api/jobs/purge-revoked-sessions/run').set(await t.auth('admin'));
    expect(run.status).toBe(200);
    expect(run.body.result).toEqual({ purged: 1 });
    expect(await t.sql(`select jti from revoked_sessions where expires_at <= now()`)).toEqual([]);
    expect(Number((await t.sql<{ n: string }>(`select count(*) as n from revoked_sessions`))[0].n)).toBe(before);
  });
});
