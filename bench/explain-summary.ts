import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { initOrm, migrate } from '../api/db/orm.js';
import { queryFlows } from '../api/reports/flows.js';
import { computeSummary } from '../api/reports/indicators.js';
import { queryReen } from '../api/reports/reen.js';
import { referenceFlows, referenceReen } from '../tests/api/reference/summary-before-rollups.js';
import { datasetName, startBenchServer } from './lib/db.js';

/**
 * `node --import tsx bench/explain-summary.ts [--devices 100000] [--from 2025-01-01 --to 2025-12-31] [--territory T] [--before]`
 *
 * EXPLAIN (ANALYZE, BUFFERS) of every statement the summary sends (`computeSummary`, captured as
 * it runs, then explained one by one), and with `--before` the flows and REEN queries as they were
 * before the roll-ups (issue #18): the figures of bench/README.md. Ends with the in-process time
 * of the whole summary (median of 7, queries side by side as the route runs them).
 */
const { values } = parseArgs({
  options: {
    'no-migrate': { type: 'boolean' },
    before: { type: 'boolean' },
    devices: { type: 'string', default: '100000' },
    from: { type: 'string', default: '2025-01-01' },
    to: { type: 'string', default: '2025-12-31' },
    territory: { type: 'string' },
  },
});

type Plan = { 'QUERY PLAN': string }[];

/** Runs `work` with an entity manager whose raw statements are explained instead of answered. */
async function explained(em: EntityManager, work: (em: EntityManager) => Promise<unknown>): Promise<Plan> {
  const execute = em.execute.bind(em);
  (em as { execute: unknown }).execute = (sql: string, params: unknown[]) => execute(`explain (analyze, buffers) ${sql}`, params);
  return (await work(em)) as Plan;
}

const server = await startBenchServer();
const orm = await initOrm(server.url(datasetName(Number(values.devices))));
try {
  // a dataset built before the roll-ups gets them here, as `npm run bench` would give them
  const pending = await orm.getMigrator().getPendingMigrations();
  if (pending.length && !values['no-migrate']) {
    const began = performance.now();
    await migrate(orm);
    await orm.em.getConnection().execute('vacuum (analyze)');
    console.log(`applied ${pending.map((migration) => migration.name).join(', ')} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  }
  const parameters = { from: values.from!, to: values.to!, territory: values.territory ?? null };

  // every raw statement of the summary, as it sends them
  const statements: { sql: string; params: unknown[] }[] = [];
  const capture = orm.em.fork() as EntityManager;
  const execute = capture.execute.bind(capture);
  (capture as { execute: unknown }).execute = (sql: string, params: unknown[]) => {
    statements.push({ sql, params });
    return execute(sql, params);
  };
  await computeSummary(capture, parameters);

  const queries: [string, (em: EntityManager) => Promise<unknown>][] = statements.map(({ sql, params }, index) => [
    `statement ${index + 1}: ${sql.replace(/\s+/g, ' ').slice(0, 100)}…`,
    (em) => em.execute(sql, params),
  ]);
  if (values.before) {
    queries.push(['flows, before (events)', (em) => referenceFlows(em, parameters)], ['flows, now (flow_days)', (em) => queryFlows(em, parameters)]);
    queries.push(['REEN, before (events)', (em) => referenceReen(em, parameters)], ['REEN, now (device_milestones)', (em) => queryReen(em, parameters)]);
  }
  for (const [name, run] of queries) {
    try {
      for (let warm = 0; warm < 2; warm++) await run(orm.em.fork() as EntityManager);
      const plan = await explained(orm.em.fork() as EntityManager, run);
      console.log(`\n=== ${name}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
    } catch (error) {
      console.log(`\n=== ${name}: ${(error as Error).message.split('\n').at(-1)}`);
    }
  }

  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    const began = performance.now();
    await computeSummary(orm.em.fork() as EntityManager, parameters);
    if (run >= 2) times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  console.log(`\ncomputeSummary in-process: median ${times[3].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1)!.toFixed(0)}), load average ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(' ')}`);
} finally {
  await orm.close();
  await server.stop();
}
