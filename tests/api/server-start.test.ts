import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../api/db/embedded-postgres.js';
import { createTestDatabase } from '../helpers/app.js';
import { killServers, login, PRODUCTION_SECRET, ROOT, startServer, waitForHealth, type ServerProcess } from '../helpers/server-process.js';

const DATA_DIR = path.join(ROOT, 'tests/.tmp', `server-start-${process.pid}`);

async function deviceTotal(port: number, token: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/devices?range=[0,0]`, { headers: { authorization: `Bearer ${token}` } });
  return Number(response.headers.get('content-range')!.split('/')[1]);
}

/** The server's output once it holds `text` (pino writes asynchronously), or what it holds after 5 s. */
async function outputWith(server: ServerProcess, text: string): Promise<string> {
  for (let waited = 0; waited < 5000 && !server.output().includes(text); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  return server.output();
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

  it('says at start-up where it answers, and warns when PUBLIC_URL is localhost while other machines can reach it', async () => {
    const url = await createTestDatabase();
    const lanAddresses = Object.values(os.networkInterfaces()).flatMap((infos) => infos ?? []).filter((info) => !info.internal && info.family === 'IPv4');
    const everywherePort = await findFreePort();
    const everywhere = startServer({ DATABASE_URL: url, PORT: String(everywherePort), JWT_SECRET: PRODUCTION_SECRET, LOG_LEVEL: 'info' });
    await waitForHealth(everywherePort, everywhere);
    const output = await outputWith(everywhere, 'Réemploi is ready');
    expect(output).toContain(`http://localhost:${everywherePort}/admin/`);
    for (const info of lanAddresses) expect(output).toContain(`http://${info.address}:${everywherePort}/admin/`);
    if (lanAddresses.length > 0) {
      expect(output).toMatch(/"level":40/);
      expect(output).toContain(`PUBLIC_URL is http://localhost:${everywherePort}, a localhost address, while Réemploi also answers on http://${lanAddresses[0].address}:${everywherePort}`);
    }
    everywhere.child.kill('SIGTERM');
    await everywhere.exited;

    // answering on this machine only, or with a public address other machines use: no warning
    const localPort = await findFreePort();
    const local = startServer({ DATABASE_URL: url, PORT: String(localPort), JWT_SECRET: PRODUCTION_SECRET, LOG_LEVEL: 'info', HOST: '127.0.0.1' });
    await waitForHealth(localPort, local);
    const localOutput = await outputWith(local, 'Réemploi is ready');
    expect(localOutput).toContain(`Réemploi is ready: http://127.0.0.1:${localPort}/admin/ (`);
    expect(localOutput).not.toContain('PUBLIC_URL is');
    local.child.kill('SIGTERM');
    await local.exited;

    const publicPort = await findFreePort();
    const published = startServer({ DATABASE_URL: url, PORT: String(publicPort), JWT_SECRET: PRODUCTION_SECRET, LOG_LEVEL: 'info', PUBLIC_URL: 'https://reemploi.lenord.fr' });
    await waitForHealth(publicPort, published);
    expect(await outputWith(published, 'Réemploi is ready')).not.toContain('PUBLIC_URL is');
    published.child.kill('SIGTERM');
    await published.exited;
  }, 120_000);
});
