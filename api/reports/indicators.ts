import type { EntityManager } from '@mikro-orm/postgresql';
import { allocationFigures, allocationGroups, queryAllocationGroups } from './allocations.js';
import { commitmentFigures, queryAgreements } from './commitments.js';
import { loadFactors } from './factor-values.js';
import { deviceFlows, flowRates, queryFlows } from './flows.js';
import { nordDurableFigures } from './nord-durable.js';
import { queryReen, reenFigures } from './reen.js';
import { queryReferralsByTerritory, territoryFigures } from './territories.js';

/**
 * The steering committee's indicators, computed in SQL (a handful of aggregate queries whatever
 * the size of the data), one file per family: flows, commitments, allocations, nord-durable,
 * reen, territories. Aggregates only: no device list, no person. Definitions in words are in
 * `FORMULAS` (formulas.ts, printed in the workbook) and docs/methodology.md.
 */

export interface ReportParameters {
  from: string;
  to: string;
  territory?: string | null;
}

/**
 * Runs the queries one after the other inside a transaction (jobs, stored reports), where they
 * share one connection; otherwise side by side on the pool's connections (the summary's time is
 * then that of its slowest query, not the sum).
 */
async function inOrder<T extends readonly (() => Promise<unknown>)[]>(em: EntityManager, tasks: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (!em.isInTransaction()) return (await Promise.all(tasks.map((task) => task()))) as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

export async function computeSummary(em: EntityManager, parameters: ReportParameters) {
  const { from, to } = parameters;
  const territory = parameters.territory || null;
  const [factors, flowRows, agreementRows, allocationRows, [reenRow], referredRows] = await inOrder(em, [
    () => loadFactors(em),
    () => queryFlows(em, parameters),
    () => queryAgreements(em, parameters),
    () => queryAllocationGroups(em, parameters),
    () => queryReen(em, parameters),
    () => queryReferralsByTerritory(em, parameters),
  ] as const);

  const devices = deviceFlows(flowRows);
  const groups = allocationGroups(allocationRows);
  const allocations = allocationFigures(groups.total);
  return {
    period: { from, to, territory },
    devices,
    commitments: commitmentFigures(agreementRows, {
      devicesDonated: devices.handedOver,
      residentsEquipped: allocations.residentsEquipped,
      residentsTrained: allocations.residentsTrained,
      solidaritySales: allocations.count,
    }),
    allocations,
    rates: flowRates(devices),
    nordDurable: nordDurableFigures(groups.byType, factors, allocations.count),
    reen: reenFigures(reenRow, parameters),
    byTerritory: territoryFigures(referredRows, groups, factors),
    factors,
  };
}

export type Summary = Awaited<ReturnType<typeof computeSummary>>;
