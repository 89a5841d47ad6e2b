import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { initOrm } from '../../api/db/orm.js';
import { deviceFlows, queryFlows } from '../../api/reports/flows.js';
import { queryReen, reenFigures } from '../../api/reports/reen.js';
import { allocationFigures, allocationGroups, queryAllocationGroups } from '../../api/reports/allocations.js';
import { loadFactors } from '../../api/reports/factor-values.js';
import { computeSummary, type ReportParameters } from '../../api/reports/indicators.js';
import { nordDurableFigures } from '../../api/reports/nord-durable.js';
import { listTerritories } from '../../api/reports/territories.js';
import { BACKFILL_FLOW_DAYS } from '../../migrations/Migration20261208080000_flow_days.js';
import { BACKFILL_DEVICE_MILESTONES } from '../../migrations/Migration20261208081000_device_milestones.js';
import { BACKFILL_ALLOCATION_FACTS } from '../../migrations/Migration20261209010000_allocation_facts.js';
import { createDemoApp, type DemoApp } from '../helpers/demo-app.js';
import { DEMO_PASSWORD, DEMO_TERRITORIES } from '../../seeds/DemoSeeder.js';
import { buildDataset } from '../../bench/data/dataset.js';
import { copyTable, resetSequences } from '../../bench/data/load.js';
import { createTestDatabase } from '../helpers/app.js';
import { referenceAllocations, referenceAllocationsByType, referenceFlows, referenceReen, referenceTerritoryBreakdown } from './reference/summary-before-rollups.js';

/**
 * Issue #18: the summary's flows and REEN ratio now read roll-ups kept by triggers
 * (`flow_days`, `flow_repeats`, `device_milestones`), and its allocation figures, Nord durable and
 * breakdown by territory come from one pass over the period's allocations instead of four joins.
 * Their answers must be those of the queries they replaced (tests/api/reference/), for any period
 * and territory, on the demo data and on a generated dataset with changes at Paris midnights, DST
 * days, repeats and late inserts.
 */

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

/** Months, quarters, years, sliding windows and single days over [first, last]. */
function periods(first: string, last: string): ReportParameters[] {
  const result: ReportParameters[] = [];
  for (let month = new Date(`${first.slice(0, 7)}-01T00:00:00Z`); isoDay(month) <= last; month.setUTCMonth(month.getUTCMonth() + 1)) {
    const start = isoDay(month);
    const end = addDays(isoDay(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))), -1);
    result.push({ from: start, to: end });
    if (month.getUTCMonth() % 3 === 0) result.push({ from: start, to: addDays(isoDay(new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 3, 1))), -1) });
    if (month.getUTCMonth() === 0) result.push({ from: start, to: `${month.getUTCFullYear()}-12-31` });
    // a window that starts and ends mid-month, across a month boundary
    result.push({ from: addDays(start, 9), to: addDays(start, 47) });
    result.push({ from: addDays(start, 14), to: addDays(start, 14) });
  }
  result.push({ from: first, to: last });
  return result;
}

async function expectSameFigures(em: EntityManager, parameters: ReportParameters) {
  const [flows, before, reen, reenBefore, allocations, allocationsBefore] = await Promise.all([
    queryFlows(em.fork(), parameters),
    referenceFlows(em.fork(), parameters),
    queryReen(em.fork(), parameters),
    referenceReen(em.fork(), parameters),
    queryAllocationGroups(em.fork(), parameters),
    referenceAllocations(em.fork(), parameters),
  ]);
  expect(allocationFigures(allocationGroups(allocations).total), JSON.stringify(parameters)).toEqual(allocationFigures(allocationsBefore[0]));
  expect(deviceFlows(flows), JSON.stringify(parameters)).toEqual(deviceFlows(before));
  expect(reenFigures(reen[0], parameters), JSON.stringify(parameters)).toEqual(reenFigures(reenBefore[0], parameters));
  return deviceFlows(before);
}

/**
 * The summary's allocations, Nord durable and breakdown by territory equal those of the four joins
 * it made before (the reference), for every period without a territory and, on every third
 * period, for each known territory, one nobody uses and an empty one (none). Returns how many
 * allocations the periods counted.
 */
async function expectSameAllocationBreakdowns(em: EntityManager, all: ReportParameters[]) {
  const factors = await loadFactors(em.fork());
  const territories = [...(await listTerritories(em.fork())), 'Territoire inconnu', ''];
  const cases = all.flatMap((period, index) => [period, ...(index % 3 === 0 ? territories.map((territory) => ({ ...period, territory })) : [])]);
  let allocated = 0;
  for (const parameters of cases) {
    const [summary, [totalBefore], byTypeBefore, byTerritoryBefore] = await Promise.all([
      computeSummary(em.fork(), parameters),
      referenceAllocations(em.fork(), parameters),
      referenceAllocationsByType(em.fork(), parameters),
      referenceTerritoryBreakdown(em.fork(), parameters),
    ]);
    const allocationsBefore = allocationFigures(totalBefore);
    const label = JSON.stringify(parameters);
    expect(summary.allocations, label).toEqual(allocationsBefore);
    expect(summary.nordDurable, label).toEqual(nordDurableFigures(byTypeBefore.map((row) => ({ type: row.type, devices: Number(row.allocations) })), factors, allocationsBefore.count));
    expect(summary.byTerritory, label).toEqual(byTerritoryBefore);
    allocated += allocationsBefore.count;
  }
  expect(cases.length).toBeGreaterThan(all.length * 2);
  return allocated;
}

/** The roll-ups as the triggers left them equal the roll-ups rebuilt from the events (the migration's backfill). */
async function expectRollupsAsRebuilt(em: EntityManager) {
  const connection = em.getConnection();
  const read = async () => ({
    days: await connection.execute(`select step, day::text, device_type, changes from flow_days where changes <> 0 order by 1, 2, 3`),
    repeats: await connection.execute(`select event_id, device_id, step, day::text, previous_day::text from flow_repeats order by 1`),
    milestones: await connection.execute(`select * from device_milestones order by device_id`),
    allocations: await connection.execute(`select * from allocation_facts order by allocation_id`),
  });
  const kept = await read();
  await connection.execute(`truncate flow_days, flow_repeats, device_milestones, allocation_facts`);
  await connection.execute(BACKFILL_FLOW_DAYS);
  await connection.execute(BACKFILL_DEVICE_MILESTONES);
  await connection.execute(BACKFILL_ALLOCATION_FACTS);
  const rebuilt = await read();
  expect(kept.days.length).toBeGreaterThan(0);
  expect(kept.allocations.length).toBeGreaterThan(0);
  expect(kept).toEqual(rebuilt);
}

describe('summary roll-ups on the demo data', () => {
  let orm: MikroORM;
  let app: DemoApp['app'];
  beforeAll(async () => {
    ({ orm, app } = await createDemoApp());
  });
  afterAll(() => orm.close());

  it('gives the flows, the REEN ratio and the days to allocation of the queries over the events, for every month, quarter, year and window', async () => {
    const [{ first, last }] = await orm.em.getConnection().execute<{ first: string; last: string }[]>(
      `select to_char(min(at), 'YYYY-MM-DD') as first, to_char(max(at), 'YYYY-MM-DD') as last from events`,
    );
    const all = periods(addDays(first, -31), addDays(last, 31));
    expect(all.length).toBeGreaterThan(60);
    let handedOver = 0;
    for (const parameters of all) handedOver += (await expectSameFigures(orm.em as EntityManager, parameters)).handedOver;
    expect(handedOver, 'the demo hands devices over in these periods').toBeGreaterThan(0);
    await expectRollupsAsRebuilt(orm.em.fork() as EntityManager);
  }, 120_000);

  it('gives the allocations, Nord durable and the breakdown by territory of the four joins it replaced, for every period and territory', async () => {
    const [{ first, last }] = await orm.em.getConnection().execute<{ first: string; last: string }[]>(
      `select to_char(min(allocated_at), 'YYYY-MM-DD') as first, to_char(max(allocated_at), 'YYYY-MM-DD') as last from allocations`,
    );
    expect(await expectSameAllocationBreakdowns(orm.em as EntityManager, periods(addDays(first, -31), addDays(last, 31)))).toBeGreaterThan(0);
  }, 120_000);

  it('answers the summary route with those figures for every territory', async () => {
    const login = await request(app).post('/api/auth/login').send({ email: 'pilotage@demo.reemploi.fr', password: DEMO_PASSWORD });
    const viewer = { Authorization: `Bearer ${login.body.token}` };
    const year = new Date().getFullYear();
    for (const territory of [undefined, ...DEMO_TERRITORIES.map((known) => known.name)]) {
      for (const period of [{ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }, { from: `${year}-01-01`, to: `${year}-06-30` }]) {
        const answer = await request(app).get('/api/reports/summary').query({ ...period, ...(territory ? { territory } : {}) }).set(viewer);
        expect(answer.status).toBe(200);
        const parameters = { ...period, territory };
        const em = orm.em.fork() as EntityManager;
        expect(answer.body.devices).toEqual(deviceFlows(await referenceFlows(em, parameters)));
        expect(answer.body.reen).toEqual(reenFigures((await referenceReen(em, parameters))[0], parameters));
      }
    }
  }, 60_000);
});

describe('summary roll-ups on a generated dataset, with changes at Paris midnights', () => {
  let orm: MikroORM;
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
    const tables = buildDataset({ devices: 1_500, seed: 18, until: new Date('2026-11-01T00:00:00Z'), passwordHash: 'not-used' });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // the roll-ups' triggers fire on COPY as on INSERT (one statement: its rows at once); the
      // transparency log is not what this test is about
      for (const table of ['events', 'sanitizations', 'certificates']) await client.query(`alter table ${table} disable trigger ${table}_transparency_log`);
      for (const table of tables) await copyTable(client, table);
      await resetSequences(client, ['users', 'devices', 'events']);
    } finally {
      await client.end();
    }
    orm = await initOrm(url);
  }, 120_000);
  afterAll(() => orm.close());

  const sql = (text: string, values: unknown[] = []) => orm.em.getConnection().execute(text, values);

  it('gives the flows, the REEN ratio and the days to allocation of the queries over the events, for every period', async () => {
    for (const parameters of periods('2023-10-01', '2026-11-30')) await expectSameFigures(orm.em as EntityManager, parameters);
    await expectRollupsAsRebuilt(orm.em.fork() as EntityManager);
  }, 180_000);

  it('gives the allocations, Nord durable and the breakdown by territory of the four joins it replaced, for every period and territory', async () => {
    expect(await expectSameAllocationBreakdowns(orm.em as EntityManager, periods('2023-10-01', '2026-11-30'))).toBeGreaterThan(100);
  }, 180_000);

  it('stays equal after changes at Paris midnights and DST days, repeated steps, late inserts and type or year corrections', async () => {
    const [{ actor }] = await sql(`select min(id) as actor from users`);
    const devices = ((await sql(`select id from devices order by id limit 40`)) as { id: number }[]).map((row) => row.id);
    // Paris midnights: 23:00 UTC in winter, 22:00 UTC in summer; the DST days of 2025 and a year's end
    const instants = [
      '2024-12-31T22:59:59.999Z', '2024-12-31T23:00:00.000Z', '2025-03-29T22:59:59.999Z', '2025-03-29T23:00:00.000Z',
      '2025-03-30T21:59:59.999Z', '2025-03-30T22:00:00.000Z', '2025-06-30T21:59:59.999Z', '2025-06-30T22:00:00.000Z',
      '2025-10-25T21:59:59.999Z', '2025-10-25T22:00:00.000Z', '2025-10-26T22:59:59.999Z', '2025-10-26T23:00:00.000Z',
      '2025-12-31T22:59:59.999Z', '2025-12-31T23:00:00.000Z',
    ];
    const changes: [string | null, string][] = [[null, 'registered'], ['registered', 'sanitized'], ['in_batch', 'handed_over'], ['handed_over', 'refurbished'], ['handed_over', 'recycled'], ['refurbished', 'allocated']];
    // one statement of many rows (as the pickup of a batch), then single rows, some earlier than
    // changes already recorded (a device reaching a step twice, a late insert)
    const rows = instants.flatMap((at, index) => changes.map(([from, to], step) => [devices[(index * 3 + step) % devices.length], from, to, at]));
    const values = rows.map(() => `(?::int, 'transition', ?::text, ?::text, ${actor}, ?::timestamptz)`);
    await sql(`insert into events (device_id, type, from_status, to_status, actor_id, at) values ${values.join(', ')}`, rows.flat());
    for (const [index, at] of instants.entries()) {
      const [from, to] = changes[index % changes.length];
      await sql(`insert into events (device_id, type, from_status, to_status, actor_id, at) values (?, 'transition', ?, ?, ?, ?)`, [devices[39 - index], from, to, actor, at]);
    }
    await sql(`update devices set type = case when type = 'laptop' then 'desktop' else 'laptop' end where id in (${devices.slice(0, 10).join(', ')})`);
    await sql(`update devices set year = case when year is null then 2010 else null end where id in (${devices.slice(5, 20).join(', ')})`);
    const [{ repeats }] = await sql(`select count(*)::int as repeats from flow_repeats`);
    expect(repeats, 'the inserts made devices reach a step twice').toBeGreaterThan(10);

    for (const parameters of [
      ...periods('2024-12-01', '2026-01-31'),
      { from: '2025-01-01', to: '2025-01-01' }, { from: '2024-12-31', to: '2024-12-31' }, { from: '2025-03-30', to: '2025-03-30' },
      { from: '2025-03-31', to: '2025-03-31' }, { from: '2025-10-26', to: '2025-10-26' }, { from: '2025-10-27', to: '2025-12-31' },
      { from: '2025-07-01', to: '2025-07-01' }, { from: '2025-06-30', to: '2025-06-30' },
    ]) await expectSameFigures(orm.em as EntityManager, parameters);
    await expectRollupsAsRebuilt(orm.em.fork() as EntityManager);
    // what allocation_facts copies, changed after the allocation: the type and creation of allocated
    // devices, an earlier registration recorded late, the referral's territory, resident and training wish
    const allocated = (await sql(`select id, device_id, referral_id from allocations order by id limit 24`)) as { id: number; device_id: number; referral_id: number }[];
    const some = (from: number, to: number, column: 'device_id' | 'referral_id') => allocated.slice(from, to).map((row) => row[column]).join(', ');
    await sql(`update devices set type = case when type = 'smartphone' then 'tablet' else 'smartphone' end where id in (${some(0, 12, 'device_id')})`);
    await sql(`update devices set created_at = created_at - interval '40 days' where id in (${some(12, 16, 'device_id')})`);
    await sql(`insert into events (device_id, type, from_status, to_status, actor_id, at)
               select a.device_id, 'registered', null, 'registered', ?, a.allocated_at - interval '400 days' from allocations a where a.device_id in (${some(16, 20, 'device_id')})`, [actor]);
    await sql(`update referrals set territory = 'Territoire déplacé' where id in (${some(0, 3, 'referral_id')})`);
    await sql(`update referrals set training_wanted = not training_wanted where id in (${some(3, 9, 'referral_id')})`);
    await sql(`update referrals r set beneficiary_id = (select min(id) from beneficiaries) where id in (${some(9, 14, 'referral_id')})`);
    await expectRollupsAsRebuilt(orm.em.fork() as EntityManager);
    expect(await expectSameAllocationBreakdowns(orm.em as EntityManager, periods('2023-10-01', '2026-11-30'))).toBeGreaterThan(100);
  }, 180_000);
});
