import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { initOrm, migrate } from '../api/db/orm.js';
import { queryFlows } from '../api/reports/flows.js';
import { queryReen } from '../api/reports/reen.js';
import { referenceFlows, referenceReen } from '../tests/api/reference/summary-before-rollups.js';
import { datasetName, startBenchServer } from './lib/db.js';

/**
 * `node --import tsx bench/explain-summary.ts [--devices 100000] [--from 2025-01-01 --to 2025-12-31]`
 *
 * EXPLAIN (ANALYZE, BUFFERS) of the summary's flows and REEN queries on a benchmark dataset, as
 * they are and as they were before the roll-ups (issue #18): the figures of bench/README.md.
 */
const { values } = parseArgs({ options: { 'no-migrate': { type: 'boolean' }, devices: { type: 'string', default: '100000' }, from: { type: 'string', default: '2025-01-01' }, to: { type: 'string', default: '2025-12-31' } } });

const server = await startBenchServer();
const orm = await initOrm(server.url(datasetName(Number(values.devices))));
try {
  // a dataset built before the roll-ups gets them here, as `npm run bench` would give them
  const pending = await orm.getMigrator().getPendingMigrations();
  if (pending.length && !process.argv.includes('--no-migrate')) {
    const began = performance.now();
    await migrate(orm);
    await orm.em.getConnection().execute('vacuum (analyze)');
    console.log(`applied ${pending.map((migration) => migration.name).join(', ')} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  }
  const parameters = { from: values.from!, to: values.to! };
  const queries: [string, (em: EntityManager) => Promise<unknown>][] = [
    ['flows, before (events)', (em) => referenceFlows(em, parameters)],
    ['flows, now (flow_days)', (em) => queryFlows(em, parameters)],
    ['REEN, before (events)', (em) => referenceReen(em, parameters)],
    ['REEN, now (device_milestones)', (em) => queryReen(em, parameters)],
  ];
  for (const [name, run] of queries) {
    const em = orm.em.fork() as EntityManager;
    const execute = em.execute.bind(em);
    // the same statement and values, explained
    (em as { execute: unknown }).execute = (sql: string, params: unknown[]) => execute(`explain (analyze, buffers) ${sql}`, params);
    try {
      for (let warm = 0; warm < 2; warm++) await run(em);
      const plan = (await run(em)) as { 'QUERY PLAN': string }[];
      console.log(`\n=== ${name}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
    } catch (error) {
      console.log(`\n=== ${name}: ${(error as Error).message.split('\n').at(-1)}`);
    }
  }
} finally {
  await orm.close();
  await server.stop();
}
