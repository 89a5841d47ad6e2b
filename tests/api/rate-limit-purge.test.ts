import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('purge-rate-limits job', () => {
  it('forgets counters whose window ended over an hour ago, and keeps the others', async () => {
    await t.sql(
      `insert into rate_limit_hits (key, hits, reset_at) values
         ('test:old', 9, now() - interval '2 hours'),
         ('test:just-ended', 3, now() - interval '10 minutes'),
         ('test:current', 1, now() + interval '10 minutes')`,
    );
    const response = await t.http.post('/api/jobs/purge-rate-limits/run').set(await t.auth('admin'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ran: true, result: { purged: 1 } });
    const left = await t.sql<{ key: string }>(`select key from rate_limit_hits where key like 'test:%' order by key`);
    expect(left.map((row) => row.key)).toEqual(['test:current', 'test:just-ended']);
  });
});
