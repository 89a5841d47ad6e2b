import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../api/db/embedded-postgres.js';
import { createTestDatabase } from '../helpers/app.js';
import { killServers, login, PRODUCTION_SECRET, ROOT, startServer, waitForHealth } from '../helpers/server-process.js';

const DATA_DIR = path.join(ROOT, 'tests/.tmp', `server-start-${process.pid}`);

async function deviceTotal(port: number, token: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/devices?range=[0,0]`, { headers: { authorization: `Bearer ${token}` } });
  return Number(response.headers.get('content-range')!.split('/')[1]);
}

afterAll(() => {
  killServers();
  rmSync(DATA_DIR, { recursive: true, force: true });
});

describe('npm start', () => {
  it('starts the embedded PostgreSQL with demo data, and survives being killed', async () => {
    const port = await findFreePort();
    const first = startServer({ DATA_DIR, PORT: String(port) });
    await waitForHealth(port, first);
    const admin = await login(port, 'admin@demo.reemploi.fr', 'demo-reemploi');
    expect(admin.status).toBe(200);
    const total = await deviceTotal(port, admin.body.token);
    expect(total).toBeGreaterThan(250);

    // SIGKILL leaves PostgreSQL running on the data folder: the next start must cope
    first.child.kill('SIGKILL');
    await first.exited;
    const second = startServer({ DATA_DIR, PORT: String(port) });
    await waitForHealth(port, second);
    const again = await login(port, 'admin@demo.reemploi.fr', 'demo-reemploi');
    expect(again.status).toBe(200);
    // same data, not seeded twice; tokens survive a restart in demo mode
    expect(await deviceTotal(port, admin.body.token)).toBe(total);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('uses DATABASE_URL without any demo account, and refuses to start without a strong JWT_SECRET', async () => {
    const url = await createTestDatabase();
    const refused = startServer({ DATABASE_URL: url, PORT: String(await findFreePort()) });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/JWT_SECRET/);

    const port = await findFreePort();
    const server = startServer({ DATABASE_URL: url, PORT: String(port), JWT_SECRET: PRODUCTION_SECRET });
    await waitForHealth(port, server);
    expect((await login(port, 'admin@demo.reemploi.fr', 'demo-reemploi')).status).toBe(401);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('select count(*)::int as n from users');
    await client.end();
    expect(rows).toEqual([{ n: 0 }]);
    server.child.kill('SIGTERM');
    await server.exited;
  }, 120_000);
});
