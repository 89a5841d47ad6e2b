import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { postgresCpuSeconds, startFrameworkFloor, type AppProcess } from '../lib/app-process.js';
import { FLOOR_STATEMENTS, floorStatements } from '../lib/floor-statements.js';
import { figure, percentile, type Figure } from '../lib/report.js';

export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

interface ScanContext {
  deviceId?: number;
  version?: number;
  startedAt?: number;
  postedAt?: number;
  skip?: boolean;
}

/**
 * The partner's refurbishment desk under load: scan a device's label (`GET /api/scan/:tag`), then
 * record it refurbished (`POST /api/devices/:id/transitions {to: refurbished}`, handed_over →
 * refurbished, with the version the scan returned), 32 connections for 30 s, each pair on a
 * distinct device. The raw baseline does the same work through `pg` (32 clients, see rawTransitions);
 * the pg floor sends the API's own statements through `pg` (floorTransitions); the framework's floor
 * (bench/framework-floor-server.ts, in its own process like the app) answers the same load with
 * those statements and nothing of Réemploi's code. The API and the baselines take turns in rounds.
 * Afterwards the database must hold exactly one new event per successful transition of the API.
 */
export async function transitionsBenchmark(
  app: AppProcess,
  databaseUrl: string,
  options: { connections: number; durationSeconds: number; rawSeconds: number; baselines?: boolean },
): Promise<{ figures: Figure[]; invariants: Invariant[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const token = await app.token('partner');
    const [partner] = (await client.query<{ id: number; organisation: string }>(`select id, organisation from users where email = 'emmaus@bench.reemploi.fr'`)).rows;
    const partnerId = Number(partner.id);
    // as another benchmark's background load (baselines: false), the API load gets every device
    const baselines = options.baselines ?? true;
    // The API and its baselines take turns, ROUNDS times, so that a slow minute of a shared machine
    // weighs on each of them alike instead of on whichever ran then.
    const rounds = baselines ? ROUNDS : 1;
    const shares = baselines ? await deviceShares(client, partner.organisation, options) : undefined;
    const { rows: pool } = await client.query<PoolDevice>(`select id, asset_tag from devices where status = 'handed_over' order by id`);
    const [apiDevices, frameworkDevices, rawWithLogDevices, rawWithoutLogDevices, floorDevices] = shares
      ? splitPool(pool, [shares.api, shares.framework, shares.rawWithLog, shares.rawWithoutLog, shares.floor])
      : [pool, [], [], [], []];
    // each turn has devices of its own: too few devices then shorten every turn alike, instead of leaving the last ones empty
    const apiPools = roundPools(apiDevices.map((row) => row.asset_tag), rounds);
    const frameworkPools = roundPools(frameworkDevices.map((row) => row.asset_tag), rounds);
    const [rawWithLogPools, rawWithoutLogPools, floorPools] = [rawWithLogDevices, rawWithoutLogDevices, floorDevices].map((devices) => roundPools(devices, rounds));
    // the invariants count what happened to the API's devices only: the baselines write events too
    const apiIds = apiDevices.map((row) => row.id);
    const [{ max: eventsBefore }] = (await client.query<{ max: string }>(`select max(id) as max from events`)).rows;
    const refurbishedOfApi = async () => Number((await client.query(`select count(*) from devices where status = 'refurbished' and id = any($1)`, [apiIds])).rows[0].count);
    const refurbishedBefore = await refurbishedOfApi();

    const segment = { connections: options.connections, durationSeconds: options.durationSeconds / rounds, rawSeconds: options.rawSeconds / rounds };
    const framework = baselines ? await startFrameworkFloor(databaseUrl, { id: partnerId, organisation: partner.organisation }) : undefined;
    const apiRuns: LoadRun[] = [];
    const frameworkRuns: LoadRun[] = [];
    const [rawRuns, rawWithoutLogRuns, floorRuns]: PgRun[][] = [[], [], []];
    const postmasterPid = await localPostmasterPid(client);
    const apiCpu = cpuAccount(postmasterPid);
    const frameworkCpu = cpuAccount(postmasterPid);
    try {
      for (let round = 0; round < rounds; round++) {
        // the CPU each process used per scan + transition, whatever the rest of the machine does
        apiRuns.push(await apiCpu.during(app, () => scanAndTransitionUnderLoad(app.baseUrl, apiPools[round], token, segment)));
        if (!framework) continue;
        frameworkRuns.push(await frameworkCpu.during(framework, () => scanAndTransitionUnderLoad(framework.baseUrl, frameworkPools[round], token, { ...segment, durationSeconds: segment.rawSeconds })));
        rawRuns.push(await rawTransitions(databaseUrl, rawWithLogPools[round], partnerId, segment));
        rawWithoutLogRuns.push(await withoutTransparencyLog(client, () => rawTransitions(databaseUrl, rawWithoutLogPools[round], partnerId, segment)));
        floorRuns.push(await floorTransitions(databaseUrl, floorPools[round], { id: partnerId, organisation: partner.organisation }, segment));
      }
    } finally {
      await framework?.stop();
    }
    const { ok, seconds, failures, pairLatencies, requestLatencies, errors, timeouts, inFlight, exhausted } = combineLoadRuns(apiRuns);
    const apiCpuPerPair = apiCpu.msPerPair(ok);
    const appCpuMsPerPair = apiCpuPerPair.server;

    const [{ count: newEvents }] = (await client.query<{ count: string }>(`select count(*) from events where id > $1 and type = 'transition' and to_status = 'refurbished' and device_id = any($2)`, [eventsBefore, apiIds])).rows;
    const [{ count: allNewEvents }] = (await client.query<{ count: string }>(`select count(*) from events where id > $1 and device_id = any($2)`, [eventsBefore, apiIds])).rows;
    const [{ count: doubled }] = (await client.query<{ count: string }>(`select count(*) from (select device_id from events where id > $1 and device_id = any($2) group by device_id having count(*) > 1) x`, [eventsBefore, apiIds])).rows;
    const refurbishedAfter = await refurbishedOfApi();
    const invariants: Invariant[] = [
      { name: 'one event per successful transition', ok: Number(newEvents) === ok && Number(allNewEvents) === ok, detail: `${ok} transitions answered 200, ${newEvents} new transition events (${allNewEvents} events in all)` },
      { name: 'no device transitioned twice', ok: Number(doubled) === 0, detail: `${doubled} device(s) with more than one new event` },
      { name: 'devices refurbished = successful transitions', ok: refurbishedAfter - refurbishedBefore === ok, detail: `${refurbishedAfter - refurbishedBefore} more refurbished devices` },
      { name: 'no failed request under load', ok: failures.size === 0 && errors === 0 && timeouts === 0 && inFlight === 0, detail: failures.size ? JSON.stringify(Object.fromEntries(failures)) : `${errors} errors, ${timeouts} timeouts` },
    ];

    const rate = ok / seconds;
    const processes = app.instances > 1 ? `, ${app.instances} app processes` : '';
    const details = { connections: options.connections, instances: app.instances, rounds, seconds, transitions: ok, requests: requestLatencies.length, exhausted, requestP50: percentile(requestLatencies, 50), requestP99: percentile(requestLatencies, 99), pairP50: percentile(pairLatencies, 50), pairP99: percentile(pairLatencies, 99), appCpuMsPerPair, autocannonLatency: apiRuns.map((run) => run.result.latency) };
    const rateFigure = (baseline?: Figure['baseline']) =>
      figure('transitions.rate', `Scan + transition under load (${options.connections} connections${processes}): rate`, rate, 'transitions/s', { op: '>=', value: 400 }, { baseline, details });
    if (!baselines) return { figures: [rateFigure()], invariants };

    const frameworkLoad = combineLoadRuns(frameworkRuns);
    if (frameworkLoad.failures.size || frameworkLoad.errors) throw new Error(`framework floor: failed requests ${JSON.stringify(Object.fromEntries(frameworkLoad.failures))}, ${frameworkLoad.errors} errors`);
    const frameworkCpuPerPair = frameworkCpu.msPerPair(frameworkLoad.ok);
    const frameworkFloor = {
      rate: frameworkLoad.ok / frameworkLoad.seconds,
      transitions: frameworkLoad.ok,
      exhausted: frameworkLoad.exhausted,
      requestP99: percentile(frameworkLoad.requestLatencies, 99),
      cpuMsPerPair: frameworkCpuPerPair.server,
    };
    const [raw, rawWithoutLog, floor] = [rawRuns, rawWithoutLogRuns, floorRuns].map(combinePgRuns);
    const cutShort = Object.entries({ API: exhausted, "framework's floor": frameworkFloor.exhausted, 'raw SQL': raw.exhausted, 'raw SQL without the log': rawWithoutLog.exhausted, 'pg floor': floor.exhausted })
      .filter(([, ranOut]) => ranOut)
      .map(([side]) => side);
    if (cutShort.length) console.warn(`transitions: ran out of devices before the end of a turn (its rate then counts a turn cut short): ${cutShort.join(', ')}`);
    return {
      figures: [
        rateFigure({ label: 'raw SQL through pg (8 statements, the leaf appended by the trigger)', value: raw.rate, unit: 'transitions/s' }),
        figure('transitions.floorRatio', `Scan + transition: API rate ÷ the floor (the API's own ${FLOOR_STATEMENTS} statements through pg)${processes}`, rate / floor.rate, '×', { op: '>=', value: 0.8 }, {
          baseline: { label: `the API's ${FLOOR_STATEMENTS} statements a pair through pg, same connections`, value: floor.rate, unit: 'transitions/s' },
          details: { floor },
        }),
        figure('transitions.frameworkRatio', `Scan + transition: API rate ÷ the framework's floor (Express 5 + jsonwebtoken + pg, the same ${FLOOR_STATEMENTS} statements, nothing else)${processes}`, rate / frameworkFloor.rate, '×', null, {
          baseline: { label: 'bench/framework-floor-server.ts under the same load', value: frameworkFloor.rate, unit: 'transitions/s' },
          details: { framework: frameworkFloor },
        }),
        figure('transitions.frameworkFloorRatio', "Scan + transition: the framework's floor ÷ the pg floor (what HTTP + Express + auth + JSON cost on this machine, with no Réemploi code)", frameworkFloor.rate / floor.rate, '×', null, {
          baseline: { label: `the API's ${FLOOR_STATEMENTS} statements a pair through pg, same connections`, value: floor.rate, unit: 'transitions/s' },
        }),
        figure('transitions.rawLogShare', 'Raw SQL transitions: rate with the leaf ÷ rate without the transparency log (its cost at the floor)', raw.rate / rawWithoutLog.rate, '×', null, {
          baseline: { label: 'raw SQL through pg (8 statements), log trigger disabled', value: rawWithoutLog.rate, unit: 'transitions/s' },
          details: { rawWithLog: raw, rawWithoutLog },
        }),
        figure('transitions.p99', `Scan + transition under load${processes}: p99 per request`, percentile(requestLatencies, 99), 'ms', { op: '<=', value: 100 }, {
          baseline: { label: 'raw SQL through pg, p99 per pair', value: raw.p99, unit: 'ms' },
        }),
        figure('transitions.pairP99', 'Scan + transition under load: p99 per scan+transition pair', percentile(pairLatencies, 99), 'ms', null),
        figure('transitions.appCpu', `Scan + transition: app CPU per pair${app.instances > 1 ? ', all app processes' : ''} (1 core ⇒ 1000 ÷ this pairs/s)`, appCpuMsPerPair, 'ms', null),
        // CPU time per pair moves less with the rest of the machine than a rate does
        figure('transitions.cpuRatio', "Scan + transition: app CPU per pair ÷ the framework's floor CPU per pair (Réemploi's own work per pair)", appCpuMsPerPair / frameworkFloor.cpuMsPerPair, '×', null, {
          baseline: { label: "bench/framework-floor-server.ts's CPU per pair under the same load", value: frameworkFloor.cpuMsPerPair, unit: 'ms' },
        }),
        // what the whole machine spends a pair: the server, PostgreSQL (when it runs on this machine) and the load generator
        ...(apiCpuPerPair.total !== undefined && frameworkCpuPerPair.total !== undefined
          ? [
              figure('transitions.machineCpuRatio', "Scan + transition: CPU per pair of the app + PostgreSQL + the load generator ÷ the same with the framework's floor", apiCpuPerPair.total / frameworkCpuPerPair.total, '×', null, {
                baseline: { label: 'bench/framework-floor-server.ts + PostgreSQL + the load generator, CPU per pair', value: frameworkCpuPerPair.total, unit: 'ms' },
                details: { api: apiCpuPerPair, framework: frameworkCpuPerPair },
              }),
            ]
          : []),
      ],
      invariants,
    };
  } finally {
    await client.end();
  }
}

/**
 * CPU time used during some runs: by the server under test, by PostgreSQL (when its postmaster
 * runs on this machine: `postmasterPid`) and by this process (the load generator), in ms per pair
 * once the pairs are counted. PostgreSQL's background work (checkpoints, autovacuum) falls in
 * whichever run it happens during.
 */
function cpuAccount(postmasterPid: number | undefined) {
  const postgresSeconds = () => (postmasterPid === undefined ? 0 : postgresCpuSeconds(postmasterPid));
  const used = { server: 0, postgres: 0, load: 0 };
  return {
    async during<T>(server: { cpuSeconds(): number }, run: () => Promise<T>): Promise<T> {
      const [serverBefore, postgresBefore, loadBefore] = [server.cpuSeconds(), postgresSeconds(), process.cpuUsage()];
      const result = await run();
      const load = process.cpuUsage(loadBefore);
      used.server += server.cpuSeconds() - serverBefore;
      used.postgres += postgresSeconds() - postgresBefore;
      used.load += (load.user + load.system) / 1e6;
      return result;
    },
    msPerPair(pairs: number) {
      const perPair = (seconds: number) => (seconds * 1000) / Math.max(1, pairs);
      const measured = postmasterPid !== undefined;
      return {
        server: perPair(used.server),
        postgres: measured ? perPair(used.postgres) : undefined,
        load: perPair(used.load),
        total: measured ? perPair(used.server + used.postgres + used.load) : undefined,
      };
    },
  };
}

/** The process id of the database's postmaster, when it runs on this machine (its data directory is readable here). */
async function localPostmasterPid(client: pg.Client): Promise<number | undefined> {
  try {
    const { rows } = await client.query<{ setting: string }>(`select setting from pg_settings where name = 'data_directory'`);
    const pid = Number(readFileSync(path.join(rows[0].setting, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** How many turns the API and its baselines take (transitionsBenchmark). */
const ROUNDS = 3;

/**
 * The pairs a second each side may make on this machine at its fastest, with some room: the API
 * and the framework's floor ~500 seen, the raw SQL ~600, the pg floor ~660, the raw SQL without the
 * log ~900. Each side gets devices for its whole time at that rate: 46,500 devices for a full run,
 * what the 100k dataset can give (22,000 handed over, 25,000 refurbished).
 */
const PEAK_RATES = { api: 550, framework: 550, rawWithLog: 700, rawWithoutLog: 1000, floor: 750 };

/**
 * How many handed-over devices each side gets. The dataset's partner backlog (~22,000 devices) is
 * less than the API and its four baselines use in a full run (up to ~46,000): the baselines ran out of
 * devices in their first turn, so each was one sample of ~3 s, taken at one moment (the pg floor
 * made 423–657 pairs/s over one evening's runs, on the same code). On this throw-away copy of the
 * dataset, refurbished devices in the partner's batches (visible to it) are put back in
 * `handed_over` to make up the difference, then `devices` is vacuumed, so that autovacuum does not
 * start on its ~25,000 changed rows during a turn; a smaller dataset shares what it has in proportion.
 */
async function deviceShares(client: pg.Client, partnerOrganisation: string, options: { durationSeconds: number; rawSeconds: number }) {
  const wanted = {
    api: Math.ceil(PEAK_RATES.api * options.durationSeconds),
    framework: Math.ceil(PEAK_RATES.framework * options.rawSeconds),
    rawWithLog: Math.ceil(PEAK_RATES.rawWithLog * options.rawSeconds),
    rawWithoutLog: Math.ceil(PEAK_RATES.rawWithoutLog * options.rawSeconds),
    floor: Math.ceil(PEAK_RATES.floor * options.rawSeconds),
  };
  const total = Object.values(wanted).reduce((sum, count) => sum + count, 0);
  const handedOver = async () => Number((await client.query(`select count(*) from devices where status = 'handed_over'`)).rows[0].count);
  const missing = total - (await handedOver());
  if (missing > 0) {
    await client.query(
      `update devices set status = 'handed_over', version = version + 1 where id in (
         select d.id from devices d join batches b on b.id = d.batch_id
         where d.status = 'refurbished' and b.status <> 'draft' and b.partner = $2 order by d.id limit $1)`,
      [missing, partnerOrganisation],
    );
    await client.query('vacuum (analyze) devices');
  }
  const scale = Math.min(1, (await handedOver()) / total);
  return Object.fromEntries(Object.entries(wanted).map(([side, count]) => [side, Math.floor(count * scale)])) as typeof wanted;
}

/** Items cut into `rounds` pools of (nearly) equal size, one for each turn. */
function roundPools<T>(items: T[], rounds: number): DevicePool<T>[] {
  const size = Math.ceil(items.length / rounds);
  return splitPool(items, Array.from({ length: rounds }, () => size)).map(devicePool);
}

/** The pool cut into consecutive slices of the given sizes. */
function splitPool<T>(items: T[], sizes: number[]): T[][] {
  let start = 0;
  return sizes.map((size) => items.slice(start, (start += size)));
}

/** A turn's devices, handed out in order. */
interface DevicePool<T> {
  next(): T | undefined;
  left(): number;
}

function devicePool<T>(items: T[]): DevicePool<T> {
  let used = 0;
  return { next: () => items[used++], left: () => items.length - used };
}

/** The API's (or the framework's) segments as one run: their pairs over their time added up. */
function combineLoadRuns(runs: LoadRun[]) {
  const failures = new Map<string, number>();
  for (const run of runs) for (const [kind, count] of run.failures) failures.set(kind, (failures.get(kind) ?? 0) + count);
  const sum = (of: (run: LoadRun) => number) => runs.reduce((total, run) => total + of(run), 0);
  return {
    ok: sum((run) => run.ok),
    seconds: sum((run) => run.seconds),
    failures,
    pairLatencies: runs.flatMap((run) => run.pairLatencies),
    requestLatencies: runs.flatMap((run) => run.requestLatencies),
    errors: sum((run) => run.result.errors),
    timeouts: sum((run) => run.result.timeouts),
    inFlight: sum((run) => run.inFlight),
    exhausted: runs.some((run) => run.exhausted),
  };
}

/** A pg baseline's segments as one run: its rate and p99 per pair. */
function combinePgRuns(runs: PgRun[]) {
  const done = runs.reduce((total, run) => total + run.done, 0);
  const seconds = runs.reduce((total, run) => total + run.seconds, 0);
  return { rate: done / seconds, p99: percentile(runs.flatMap((run) => run.latencies), 99), pairs: done, seconds, exhausted: runs.some((run) => run.exhausted) };
}

/** What one run of the scan + transition load measured (scanAndTransitionUnderLoad). */
interface LoadRun {
  ok: number;
  seconds: number;
  failures: Map<string, number>;
  pairLatencies: number[];
  requestLatencies: number[];
  result: autocannon.Result;
  inFlight: number;
  exhausted: boolean;
}

/**
 * The load itself: `connections` keep-alive connections, each scanning the next tag
 * (`GET /api/scan/:tag`) then recording it refurbished with the version the scan returned, for
 * `durationSeconds`; the pairs started in that time are finished before the clock stops.
 */
async function scanAndTransitionUnderLoad(
  baseUrl: string,
  tags: DevicePool<string>,
  token: string,
  options: { connections: number; durationSeconds: number },
): Promise<LoadRun> {
  let ok = 0;
  const failures = new Map<string, number>();
  const pairLatencies: number[] = [];
  const requestLatencies: number[] = [];
  // after the measured time no new pair starts and the transitions in flight finish: stopping
  // autocannon mid-request would leave transitions done in the database but never counted
  let draining = false;
  let inFlight = 0;
  let exhausted = false;
  let started = 0;
  let drainedAt = 0;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const stopWhenDrained = () => {
      if (draining && inFlight === 0 && !drainedAt) {
        drainedAt = performance.now();
        setImmediate(() => instance.stop());
      }
    };
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        // a safety net only: the run ends when the pairs started in the measured time are done
        duration: options.durationSeconds + 30,
        headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (request, context: ScanContext) => {
              if (!started) started = performance.now();
              if (!draining && (performance.now() - started > options.durationSeconds * 1000 || tags.left() === 0)) {
                draining = true;
                exhausted = tags.left() === 0;
              }
              if (draining) {
                context.skip = true;
                stopWhenDrained();
                return { ...request, path: '/api/health' };
              }
              context.skip = false;
              context.startedAt = performance.now();
              return { ...request, path: `/api/scan/${tags.next()}` };
            },
            onResponse: (status, body, context: ScanContext) => {
              if (context.skip) return;
              requestLatencies.push(performance.now() - context.startedAt!);
              if (status !== 200) {
                failures.set(`scan ${status}`, (failures.get(`scan ${status}`) ?? 0) + 1);
                context.skip = true;
                return;
              }
              const answer = JSON.parse(body) as { id: number; device: { version: number } };
              context.deviceId = answer.id;
              context.version = answer.device.version;
            },
          },
          {
            method: 'POST',
            setupRequest: (request, context: ScanContext) => {
              if (context.skip || context.deviceId === undefined) return null as unknown as autocannon.Request;
              inFlight++;
              context.postedAt = performance.now();
              return { ...request, path: `/api/devices/${context.deviceId}/transitions`, body: JSON.stringify({ to: 'refurbished', grade: 'B', version: context.version }) };
            },
            onResponse: (status, _body, context: ScanContext) => {
              inFlight--;
              requestLatencies.push(performance.now() - context.postedAt!);
              if (status === 200) {
                ok++;
                pairLatencies.push(performance.now() - context.startedAt!);
              } else failures.set(`transition ${status}`, (failures.get(`transition ${status}`) ?? 0) + 1);
              stopWhenDrained();
            },
          },
        ],
      },
      (error, output) => (error ? reject(error) : resolve(output)),
    );
  });
  const seconds = ((drainedAt || performance.now()) - started) / 1000;
  return { ok, seconds, failures, pairLatencies, requestLatencies, result, inFlight, exhausted };
}

/**
 * Runs the work with the events' transparency-log trigger disabled (the raw baseline without the
 * leaf: what the log costs at the floor), then gives the events written meanwhile their leaves,
 * in id order, with the log's own append function, so the log stays whole for what follows.
 */
async function withoutTransparencyLog<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  const [{ max: lastLogged }] = (await client.query<{ max: string }>(`select max(id) as max from events`)).rows;
  await client.query(`alter table events disable trigger events_transparency_log`);
  try {
    return await work();
  } finally {
    await client.query(`alter table events enable trigger events_transparency_log`);
    await client.query(
      `select transparency_append('event', x.id, x.device_id, x.entry) from (
         select e.id, e.device_id, transparency_event_entry(e.id, d.asset_tag, e.type, e.from_status, e.to_status, e.site, e.actor_id, e.at) as entry
         from events e join devices d on d.id = e.device_id where e.id > $1 order by e.id) x`,
      [lastLogged],
    );
  }
}

/** A handed-over device the pg baselines transition. */
type PoolDevice = { id: number; asset_tag: string };

/** One segment of a pg baseline: the pairs done, in how long, and each pair's time. */
interface PgRun {
  done: number;
  seconds: number;
  latencies: number[];
  /** It stopped because its devices ran out, before its time. */
  exhausted: boolean;
}

/**
 * One scan + transition done the straightforward way through pg: session check, scan, session
 * check, then begin / read / update with version / insert event / commit (8 statements). The API
 * now needs 4 (session check, scan, session check, one update-and-insert statement); the baseline
 * is kept as it was so that ratios stay comparable between runs before and after that change.
 */
function rawTransitions(databaseUrl: string, devices: DevicePool<PoolDevice>, partnerId: number, options: { connections: number; rawSeconds: number }) {
  return pairsThroughPg(databaseUrl, devices, options, async (client, device) => {
    await client.query('select * from users where id = $1', [partnerId]);
    const { rows } = await client.query('select * from devices where asset_tag = $1', [device.asset_tag]);
    await client.query('select * from users where id = $1', [partnerId]);
    await client.query('begin');
    await client.query('select * from devices where id = $1', [device.id]);
    const update = await client.query(`update devices set status = 'refurbished', refurbished_grade = 'B', version = version + 1, updated_at = now() where id = $1 and version = $2`, [device.id, rows[0].version]);
    if (update.rowCount !== 1) throw new Error('raw transition: version conflict');
    await client.query(
      `insert into events (device_id, actor_id, type, from_status, to_status, site, reason, details, at) values ($1, $2, 'transition', 'handed_over', 'refurbished', $3, null, $4, now())`,
      [device.id, partnerId, rows[0].site, JSON.stringify({ grade: 'B' })],
    );
    await client.query('commit');
  });
}

/**
 * The floor of the work: the API's own statements for one scan + transition (floorStatements),
 * through `pg` at the same concurrency. Whatever the API takes above this is HTTP, Express, auth,
 * JSON and the ORM.
 */
async function floorTransitions(databaseUrl: string, devices: DevicePool<PoolDevice>, partner: { id: number; organisation: string }, options: { connections: number; rawSeconds: number }) {
  const statements = floorStatements(partner);
  const session = statements.session(crypto.randomUUID());
  return pairsThroughPg(databaseUrl, devices, options, async (client, device) => {
    await client.query(session);
    const { rows } = await client.query(statements.scan(device.asset_tag));
    await client.query(session);
    const changed = await client.query(statements.refurbish(device.id, rows[0].version));
    if (changed.rowCount !== 1) throw new Error('floor transition: the device did not change');
  });
}

/**
 * The pg baselines' client loop: `connections` clients, each taking the next device and sending
 * one pair's statements (`sendPair`) until the devices run out or `rawSeconds` have passed.
 */
async function pairsThroughPg(
  databaseUrl: string,
  devices: DevicePool<PoolDevice>,
  options: { connections: number; rawSeconds: number },
  sendPair: (client: pg.Client, device: PoolDevice) => Promise<void>,
): Promise<PgRun> {
  const clients = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  let done = 0;
  const latencies: number[] = [];
  const deadline = performance.now() + options.rawSeconds * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline && devices.left() > 0) {
          const device = devices.next()!;
          const t0 = performance.now();
          await sendPair(client, device);
          latencies.push(performance.now() - t0);
          done++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { done, seconds, latencies, exhausted: devices.left() === 0 };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
