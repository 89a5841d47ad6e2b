import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_USERS, type TestApp } from '../helpers/app.js';

/**
 * Behind a reverse proxy the client IP comes from X-Forwarded-For, but only when the proxy is
 * trusted (TRUST_PROXY): otherwise anyone could pick a new IP per request and escape throttling.
 * Tests connect from 127.0.0.1, so `loopback` trusts them as a proxy and `10.9.9.9` does not.
 */
const apps: TestApp[] = [];
afterAll(async () => Promise.all(apps.map((app) => app.close())));

async function failedLogins(t: TestApp, forwardedFor: (attempt: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', forwardedFor(attempt))
      .send({ email: TEST_USERS.admin.email, password: 'pas-le-bon-mot-de-passe' });
    statuses.push(response.status);
  }
  return statuses;
}

describe('TRUST_PROXY', () => {
  it('a trusted proxy passes each client address: throttling counts per client', async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT: '2', TRUST_PROXY: 'loopback' });
    apps.push(t);
    expect(await failedLogins(t, (attempt) => `203.0.113.${attempt + 1}`)).toEqual([401, 401, 401]);
    expect(await failedLogins(t, () => '198.51.100.7')).toEqual([401, 401, 429]);
  });

  it('an untrusted sender cannot choose its address with X-Forwarded-For', async () => {
    const t = await createTestApp({ LOGIN_RATE_LIMIT: '2', TRUST_PROXY: '10.9.9.9' });
    apps.push(t);
    expect(await failedLogins(t, (attempt) => `203.0.113.${attempt + 1}`)).toEqual([401, 401, 429]);
  });

  it('a malformed setting stops the start with a clear message', async () => {
    await expect(createTestApp({ TRUST_PROXY: 'tout le monde !' })).rejects.toThrow(/TRUST_PROXY/);
  });
});
