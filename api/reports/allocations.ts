import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportParameters } from './indicators.js';
import { round } from './rounding.js';
import { ALLOCATION_FIGURES, ALLOCATIONS, FACTORS_OF_DEVICE, inPeriod, ON_TERRITORY, onTerritoryValues } from './sql.js';

/** Allocations of the period on the chosen territory: residents equipped, prices paid, households' savings, delays. */


/** Days from a device's registration to its allocation (its creation when no registration event is found). */
const DAYS_TO_ALLOCATION = 'extract(epoch from a.allocated_at - coalesce(g.registered_at, d.created_at)) / 86400';

type AllocationRow = { allocations: string; residents_equipped: string; residents_trained: string; revenue_cents: string | null; savings_eur: string | null; priced: string; median_days: string | null; p90_days: string | null };

export function queryAllocations(em: EntityManager, { from, to, territory }: ReportParameters) {
  return em.execute<AllocationRow[]>(
    `select ${ALLOCATION_FIGURES},
            percentile_cont(0.5) within group (order by ${DAYS_TO_ALLOCATION}) as median_days,
            percentile_cont(0.9) within group (order by ${DAYS_TO_ALLOCATION}) as p90_days
     from ${ALLOCATIONS}
     -- the registration of each allocated device: its first registration event, as device_milestones keeps it
     left join device_milestones g on g.device_id = d.id
     ${FACTORS_OF_DEVICE}
     where ${inPeriod('a.allocated_at')} and ${ON_TERRITORY}`,
    [from, to, ...onTerritoryValues(territory)],
  );
}

export function allocationFigures(row: AllocationRow) {
  return {
    count: Number(row.allocations),
    residentsEquipped: Number(row.residents_equipped),
    residentsTrained: Number(row.residents_trained),
    revenueEur: round(Number(row.revenue_cents ?? 0) / 100),
    householdSavingsEur: round(Number(row.savings_eur ?? 0)),
    allocationsWithReferencePrice: Number(row.priced),
    daysToAllocation: {
      median: row.median_days === null ? null : round(Number(row.median_days), 1),
      p90: row.p90_days === null ? null : round(Number(row.p90_days), 1),
    },
  };
}
