import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { ROOT, startChildServer, type ChildServer } from '../helpers/server-process.js';
import type { Role } from '../../api/core/permissions.js';
import { generateSignerKey, parseSignerKey, verifierKey } from '../../api/transparency/signed-note.js';

/**
 * The transparency log when the server dies: the real server (`api/server.ts`, as in production)
 * takes concurrent registrations, wipes (a transition and a certificate each), certificate
 * downloads (a document issued) and withdrawals over HTTP, and is killed with SIGKILL in the
 * middle of them, then started again on the same database. The log must hold exactly the
 * committed records, one leaf each, with indexes 0, 1, 2… and nothing else, and
 * `npm run verify-custody -- --url` must pass against the restarted server.
 */
let t: TestApp;
let server: ChildServer | undefined;
const ORIGIN = 'reemploi.test/custody';
const SIGNER = generateSignerKey(ORIGIN);
const PUBLIC_KEY = verifierKey(parseSignerKey(SIGNER));
const SITE = 'Dépôt DSI — Lille';
const WORKERS = 12;
/** Steps answered before the kill (each worker then has one in flight, committed or not when it lands). */
const ANSWERS_BEFORE_KILL = 60;
const REQUEST_TIMEOUT_MS = 45_000;
/** Two server starts, a few hundred requests and a verification, on a loaded 2-core machine. */
const TEST_TIMEOUT_MS = 240_000;

beforeAll(async () => {
  t = await createTestApp({ TRANSPARENCY_ORIGIN: ORIGIN, TRANSPARENCY_SIGNING_KEY: SIGNER });
});
afterAll(async () => {
  await server?.kill();
  await t.close();
});

const start = async () => (server = await startChildServer(t.databaseUrl, { TRANSPARENCY_ORIGIN: ORIGIN, TRANSPARENCY_SIGNING_KEY: SIGNER }));

async function call(role: Role, method: string, path: string, body?: object) {
  const response = await fetch(server!.url(path), {
    method,
    headers: { authorization: `Bearer ${await t.token(role)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, json: () => JSON.parse(bytes.toString()) as Record<string, unknown> };
}

/** What the server confirmed before it died: each of these must be in the log. */
const confirmed = { devices: [] as number[], wipes: [] as number[], withdrawals: [] as number[], documents: 0 };

/**
 * One device's way through the depot, step by step, each step a transaction of its own: registered,
 * wiped (sanitized, certificate issued), its certificate downloaded (a document issued), withdrawn.
 * Stops at the first request that fails (the server is gone).
 */
async function oneDevice(worker: number, round: number): Promise<boolean> {
  const serialNumber = `CRASH-${process.pid}-${worker}-${round}`;
  const created = await call('it_staff', 'POST', '/api/devices', { type: 'laptop', originSite: SITE, serialNumber });
  if (created.status !== 201) throw new Error(`registration: ${created.status}`);
  const device = created.json() as { id: number };
  confirmed.devices.push(device.id);
  const disk = await call('it_staff', 'POST', '/api/media', { device: device.id, kind: 'ssd', serialNumber: `${serialNumber}-DISK` });
  if (disk.status !== 201) throw new Error(`disk: ${disk.status}`);
  const wipe = await call('it_staff', 'POST', '/api/sanitizations', {
    medium: disk.json().id, technique: 'overwrite_prng', tool: 'nwipe', startedAt: '2026-11-20T09:00:00+01:00', finishedAt: '2026-11-20T10:00:00+01:00', passes: 1, verification: 'last_pass', result: 'success',
  });
  if (wipe.status !== 201) throw new Error(`wipe: ${wipe.status}`);
  confirmed.wipes.push(wipe.json().id as number);
  const pdf = await call('it_staff', 'GET', `/api/devices/${device.id}/certificate.pdf`);
  if (pdf.status !== 200) throw new Error(`certificate: ${pdf.status}`);
  confirmed.documents++;
  const withdrawn = await call('admin', 'POST', `/api/devices/${device.id}/transitions`, { to: 'withdrawn', reason: 'Test de coupure du serveur' });
  if (withdrawn.status !== 200) throw new Error(`withdrawal: ${withdrawn.status}`);
  confirmed.withdrawals.push(device.id);
  return true;
}

/** Workers looping over devices until the server stops answering; resolves when every one has stopped. */
function loadUntilKilled(): { answers: () => number; stopped: Promise<unknown> } {
  const stopped = Promise.all(
    Array.from({ length: WORKERS }, async (_unused, worker) => {
      for (let round = 0; ; round++) {
        try {
          await oneDevice(worker, round);
        } catch {
          return; // the connection was cut (or a step failed): the worker stops
        }
      }
    }),
  );
  return { answers: () => confirmed.devices.length + confirmed.wipes.length + confirmed.documents + confirmed.withdrawals.length, stopped };
}

async function verifyCustody(): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/transparency/verify-custody.ts', '--url', server!.url(''), '--key', PUBLIC_KEY], { cwd: ROOT, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const count = async (sql: string) => Number((await t.sql<{ n: string }>(sql))[0].n);

describe('the transparency log when the server is killed (SIGKILL) under load', () => {
  it('holds exactly the committed records, one leaf each with consecutive indexes, and verify-custody passes after the restart', async () => {
    await start();
    expect((await call('admin', 'POST', '/api/jobs/sign-checkpoint/run')).status).toBe(200);
    const load = loadUntilKilled();
    await expect.poll(load.answers, { timeout: 120_000, interval: 50 }).toBeGreaterThanOrEqual(ANSWERS_BEFORE_KILL);
    await server!.kill();
    await load.stopped;
    // PostgreSQL rolls back the dead server's open transactions once it sees their connections gone
    const applicationName = server!.applicationName;
    await expect.poll(() => count(`select count(*) as n from pg_stat_activity where application_name = '${applicationName}'`), { timeout: 30_000 }).toBe(0);

    await start();
    // the restarted server appends after the last leaf, and signs a checkpoint that holds it all
    expect((await oneDevice(WORKERS, 0))).toBe(true);
    expect((await call('admin', 'POST', '/api/jobs/sign-checkpoint/run')).status).toBe(200);

    const [leaves] = await t.sql<{ n: string; distinct_indexes: string; min: string | null; max: string | null }>(
      `select count(*) as n, count(distinct leaf_index) as distinct_indexes, min(leaf_index) as min, max(leaf_index) as max from transparency_leaves`,
    );
    expect(Number(leaves.min)).toBe(0);
    expect(Number(leaves.max)).toBe(Number(leaves.n) - 1);
    expect(Number(leaves.distinct_indexes)).toBe(Number(leaves.n));

    // every committed record has exactly one leaf (the unique (kind, record_id) forbids a second), whose entry is the record's
    const tables = { event: 'events', sanitization: 'sanitizations', certificate: 'certificates', document: 'issued_documents' };
    for (const [kind, table] of Object.entries(tables)) {
      expect(await count(`select count(*) as n from ${table} r where not exists (select 1 from transparency_leaves l where l.kind = '${kind}' and l.record_id = r.id)`), `${table} without a leaf`).toBe(0);
      expect(await count(`select count(*) as n from transparency_leaves l where l.kind = '${kind}' and not exists (select 1 from ${table} r where r.id = l.record_id)`), `leaves without their ${kind}`).toBe(0);
    }
    expect(await count(`select count(*) as n from transparency_leaves l join transparency_records r using (kind, record_id) where r.entry <> l.entry`)).toBe(0);

    // what the server confirmed before it died is there; a transaction cut off before its commit left nothing
    expect(await count(`select count(*) as n from devices where id = any('{${confirmed.devices.join(',')}}')`)).toBe(confirmed.devices.length);
    expect(await count(`select count(*) as n from sanitizations where id = any('{${confirmed.wipes.join(',')}}')`)).toBe(confirmed.wipes.length);
    expect(await count(`select count(*) as n from events where type = 'transition' and to_status = 'withdrawn' and device_id = any('{${confirmed.withdrawals.join(',')}}')`)).toBe(confirmed.withdrawals.length);
    expect(await count(`select count(*) as n from issued_documents`)).toBeGreaterThanOrEqual(confirmed.documents);

    const verified = await verifyCustody();
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/Vérifié : \d+ feuilles, \d+ points de contrôle, tout concorde/);
  }, TEST_TIMEOUT_MS);
});
