import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../api/db/embedded-postgres.js';
import { call, killServers, login, ROOT, startServer, waitForHealth, type ServerProcess } from '../helpers/server-process.js';

/**
 * The embedded PostgreSQL of `npm start` (no DATABASE_URL), with real processes (issue #20 §10, §11):
 * a second instance on the same DATA_DIR refuses to start instead of stopping the first one's
 * database; a database killed under a running instance is restarted by it, which answers 503 meanwhile.
 */
const DATA_DIR = path.join(ROOT, 'tests/.tmp', `embedded-database-${process.pid}`);
const INSTANCE_FILE = path.join(DATA_DIR, 'reemploi.pid');
const DEMO_ADMIN = { email: 'admin@demo.reemploi.fr', password: 'demo-reemploi' };
let port: number;
let first: ServerProcess;

beforeAll(async () => {
  port = await findFreePort();
  first = startServer({ DATA_DIR, PORT: String(port) });
  await waitForHealth(port, first);
}, 120_000);
afterAll(() => {
  killServers();
  rmSync(DATA_DIR, { recursive: true, force: true });
});

const postmasterPid = () => Number(readFileSync(path.join(DATA_DIR, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a second instance on the same DATA_DIR', () => {
  it('refuses to start, naming the running instance, and leaves its database alone', async () => {
    const database = postmasterPid();
    const second = startServer({ DATA_DIR, PORT: String(await findFreePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`Another Réemploi instance (pid ${first.child.pid}) is already running on ${DATA_DIR}`);
    expect(isAlive(database)).toBe(true);
    expect(postmasterPid()).toBe(database);
    expect((await login(port, DEMO_ADMIN.email, DEMO_ADMIN.password)).status).toBe(200);
    expect(readFileSync(INSTANCE_FILE, 'utf8').trim()).toBe(String(first.child.pid));
  }, 60_000);
});

describe('the embedded PostgreSQL killed under a running instance (kill -9)', () => {
  it('answers 503 with Retry-After and a French message on every route meanwhile, then serves again without a restart', async () => {
    const { body } = await login(port, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const token = body.token as string;
    const devices = (await call(port, 'GET', '/api/devices?range=[0,0]', token)).headers.get('content-range');
    const killed = postmasterPid();
    process.kill(killed, 'SIGKILL');

    const seen: Record<string, number[]> = { health: [], devices: [], login: [] };
    const unavailable: { retryAfter: string | null; body: { error: { code: string; message: string; details?: { reason?: string } } } }[] = [];
    const started = Date.now();
    for (;;) {
      const answers = await Promise.all([
        call(port, 'GET', '/api/health'),
        call(port, 'GET', '/api/devices', token),
        call(port, 'POST', '/api/auth/login', undefined, DEMO_ADMIN),
      ]);
      answers.forEach((answer, index) => {
        seen[Object.keys(seen)[index]].push(answer.status);
        if (answer.status === 503) unavailable.push({ retryAfter: answer.headers.get('retry-after'), body: answer.body });
      });
      if (answers[0].status === 200 && seen.health.includes(503)) break;
      expect(Date.now() - started, `statuses seen: ${JSON.stringify(Object.fromEntries(Object.entries(seen).map(([what, statuses]) => [what, [...new Set(statuses)]])))}`).toBeLessThan(60_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const [what, statuses] of Object.entries(seen)) {
      expect(statuses, what).toContain(503);
      expect(statuses.filter((status) => ![200, 503].includes(status)), what).toEqual([]);
    }
    for (const answer of unavailable) {
      expect(answer.retryAfter).toBe('5');
      expect(answer.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(answer.body.error.message).toMatch(/indisponible/);
    }
    // before the supervisor hears of the death, a query on a cut connection says the server is unreachable
    const reasons = unavailable.map((answer) => answer.body.error.details?.reason);
    for (const reason of reasons) expect(reason).toMatch(/^(La base de données s’est arrêtée de façon inattendue : redémarrage en cours\.|Le serveur de base de données est injoignable)/);
    expect(reasons).toContain('La base de données s’est arrêtée de façon inattendue : redémarrage en cours.');

    // the same process, a new postgres after crash recovery, the same data and sessions
    expect(first.child.exitCode).toBeNull();
    expect(postmasterPid()).not.toBe(killed);
    expect((await call(port, 'GET', '/api/devices?range=[0,0]', token)).headers.get('content-range')).toBe(devices);
    expect((await call(port, 'GET', '/api/me', token)).status).toBe(200);
  }, 90_000);
});

describe('an instance killed with SIGKILL', () => {
  it('leaves a stale claim on DATA_DIR: the next start takes it over, and SIGTERM releases it', async () => {
    first.child.kill('SIGKILL');
    await first.exited;
    expect(readFileSync(INSTANCE_FILE, 'utf8').trim()).toBe(String(first.child.pid));
    const next = startServer({ DATA_DIR, PORT: String(port) });
    await waitForHealth(port, next);
    expect(readFileSync(INSTANCE_FILE, 'utf8').trim()).toBe(String(next.child.pid));
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    expect(existsSync(INSTANCE_FILE)).toBe(false);
  }, 120_000);
});
