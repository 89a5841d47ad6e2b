import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { databaseUrl, findFreePort } from '../../api/db/embedded-postgres.js';
import { scheduledJobs } from '../../api/scheduled-jobs.js';
import { loadConfig } from '../../api/config.js';
import { call, killServers, login, PRODUCTION_SECRET, ROOT, startServer, waitForHealth, type ServerProcess } from '../helpers/server-process.js';

/**
 * Two real server processes on one PostgreSQL, as behind a load balancer: they start together on
 * an empty database, share logins, throttling and scheduled jobs, and a race between them on one
 * device has exactly one winner.
 */
const url = databaseUrl(inject('databaseServerUrl'), `reemploi_test_${process.pid}_multi_instance`);
const env = { DATABASE_URL: url, JWT_SECRET: PRODUCTION_SECRET, LOGIN_RATE_LIMIT: '3' };
const ADMIN = { email: 'dsi@lenord.fr', password: 'mot-de-passe-administrateur-2026' };

afterAll(async () => {
  killServers();
  const client = new pg.Client({ connectionString: databaseUrl(inject('databaseServerUrl'), 'postgres') });
  await client.connect();
  await client.query(`drop database if exists "reemploi_test_${process.pid}_multi_instance" with (force)`);
  await client.end();
});

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The jobs a server's scheduler has dealt with so far (ran, skipped or failed), from its log lines (level debug). */
function jobsDecided(server: ServerProcess): string[] {
  const decisions = new Set(['scheduled job done', 'scheduled job skipped: running or just run on another instance', 'scheduled job failed']);
  const jobs: string[] = [];
  for (const line of server.output().split('\n')) {
    if (!line.includes('"job"')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; job?: string };
      if (entry.job && decisions.has(entry.msg ?? '')) jobs.push(entry.job);
    } catch {
      // a line still being written
    }
  }
  return jobs;
}

describe('two instances sharing one database', () => {
  const ports: number[] = [];
  const servers: ServerProcess[] = [];
  let token = '';

  it('start together on an empty database: one migrates, the other waits, both serve', async () => {
    ports.push(await findFreePort(), await findFreePort());
    // at level debug each scheduler also says which jobs it skipped (see the scheduled jobs test below)
    servers.push(...ports.map((port) => startServer({ ...env, PORT: String(port), LOG_LEVEL: 'debug' })));
    await Promise.all(ports.map((port, index) => waitForHealth(port, servers[index])));

    const migrations = await query<{ name: string; times: number }>(`select name, count(*)::int as times from mikro_orm_migrations group by name`);
    expect(migrations.length).toBeGreaterThan(5);
    expect(migrations.every((migration) => migration.times === 1)).toBe(true);
    const factors = await query<{ device_type: string; times: number }>(`select device_type, count(*)::int as times from factors group by device_type`);
    expect(factors.length).toBeGreaterThan(3);
    expect(factors.every((factor) => factor.times === 1)).toBe(true);
  }, 120_000);

  it('the first administrator is created from the command line, and signs in on either instance', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/cli/create-admin.ts', '--email', ADMIN.email, '--name', 'Jeanne Martin'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env, ADMIN_PASSWORD: ADMIN.password },
    });
    expect(stdout).toMatch(/Administrator dsi@lenord\.fr created/);
    expect(stdout).not.toContain(ADMIN.password);

    const signedIn = await login(ports[0], ADMIN.email, ADMIN.password);
    expect(signedIn.status).toBe(200);
    token = signedIn.body.token;
    // stateless: a token from one instance is valid on the other
    expect((await call(ports[1], 'GET', '/api/me', token)).status).toBe(200);
  }, 60_000);

  it('a sign-out on one instance revokes the token on the other at once', async () => {
    const session = await login(ports[1], ADMIN.email, ADMIN.password);
    expect(session.status).toBe(200);
    expect((await call(ports[0], 'GET', '/api/me', session.body.token)).status).toBe(200);
    expect((await call(ports[1], 'POST', '/api/auth/logout', session.body.token)).status).toBe(200);
    for (const port of ports) expect((await call(port, 'GET', '/api/me', session.body.token)).status, `port ${port}`).toBe(401);
    // the session opened before, on the first instance, is another one: still valid
    expect((await call(ports[1], 'GET', '/api/me', token)).status).toBe(200);
  }, 60_000);

  it('create-admin refuses a weak password and an e-mail already taken', async () => {
    const run = (email: string, password: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/cli/create-admin.ts', '--email', email, '--name', 'Paul Durand'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, ...env, ADMIN_PASSWORD: password },
      });
    await expect(run('autre@lenord.fr', 'court')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/password/) });
    await expect(run(ADMIN.email, ADMIN.password)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/existe déjà/) });
    expect(await query(`select email from users`)).toEqual([{ email: ADMIN.email }]);
  }, 60_000);

  it('login throttling counts the attempts made on both instances', async () => {
    // the limit is 3 failures per account: alternate instances, as a round-robin proxy would
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push((await login(ports[attempt % 2], ADMIN.email, 'mauvais-mot-de-passe')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // even the right password waits for the window now, on either instance
    expect((await login(ports[1], ADMIN.email, ADMIN.password)).status).toBe(429);
  }, 60_000);

  it('two instances acting on one device at once: exactly one wins, one event is written', async () => {
    const created = await call(ports[0], 'POST', '/api/devices', token, { type: 'laptop', brand: 'Dell', model: 'Latitude 5490', originSite: 'Dépôt DSI — Lille' });
    expect(created.status).toBe(201);
    const device = created.body;
    const attempts = await Promise.all(
      [0, 1, 0, 1].map((instance, index) =>
        call(ports[instance], 'POST', `/api/devices/${device.id}/transitions`, token, { to: 'withdrawn', reason: `tentative ${index}`, version: device.version }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 409, 409, 409]);
    const events = await query<{ type: string }>(`select type from events where device_id = $1 order by id`, [device.id]);
    expect(events.map((event) => event.type)).toEqual(['registered', 'transition']);
  }, 60_000);

  it('each scheduled job ran once at start, not once per instance', async () => {
    const jobNames = Object.keys(scheduledJobs(loadConfig(env))).sort();
    // both schedulers tick as their server starts: wait until each has run or skipped every job of that round
    await vi.waitFor(() => servers.forEach((server, index) => expect(jobsDecided(server).sort(), `instance ${index}`).toEqual(jobNames)), { timeout: 10_000, interval: 100 });
    const runs = await query<{ name: string; times: number }>(`select name, count(*)::int as times from job_runs group by name order by name`);
    expect(runs).toEqual(jobNames.map((name) => ({ name, times: 1 })));
  }, 30_000);
});
