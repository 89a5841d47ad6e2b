import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeviceType } from '../devices/lifecycle.js';
import type { ReportParameters } from './indicators.js';
import { round } from './rounding.js';
import { distinctResidents, inPeriod, onTerritory, onTerritoryValues } from './sql.js';

/**
 * Allocations of the period on the chosen territory: residents equipped, prices paid, households'
 * savings, delays; and their counts by type and by territory, which Nord durable and the
 * breakdown by territory read. One pass over the period's allocations gives them all.
 */

/**
 * The allocations of the period on the chosen territory, one row each with what the figures read
 * (`x` in the fragments below), from `allocation_facts`: one narrow row per allocation with its
 * referral's territory, resident and training wish, its device's type and registration (migration
 * 20261209010000, kept by triggers), so the period's rows are read by `allocated_at` with no join
 * but the factors. The days to allocation run from the device's first registration (its creation
 * when no registration event is found). Binds `from`, `to`, the territory twice.
 */
const PERIOD_ALLOCATIONS = `
  select a.territory, a.device_type as type, a.beneficiary_id, a.training_wanted, a.price_cents, f.reference_new_price_eur,
         extract(epoch from a.allocated_at - a.registered_at) / 86400 as days_to_allocation
  from allocation_facts a
  left join factors f on f.device_type = a.device_type
  where ${inPeriod('a.allocated_at')} and ${onTerritory('a.territory')}`;

/**
 * Households' savings in euros: reference price of a new device of the type − price paid, over the
 * types that have a reference price; a sale at or above the reference price saved nothing (never a loss).
 */
const HOUSEHOLD_SAVINGS_EUR = 'sum(greatest(x.reference_new_price_eur - x.price_cents / 100.0, 0)) filter (where x.reference_new_price_eur is not null)';

/**
 * What the report counts of the period's allocations `x`, the same for the totals and for each
 * territory: allocations, residents equipped, those wanting training (the wish, not attendance),
 * solidarity revenue in cents, households' savings and the allocations they count.
 */
const ALLOCATION_FIGURES = `count(*) as allocations,
  ${distinctResidents('x')} as residents_equipped,
  ${distinctResidents('x')} filter (where x.training_wanted) as residents_trained,
  sum(x.price_cents) as revenue_cents,
  ${HOUSEHOLD_SAVINGS_EUR} as savings_eur,
  count(*) filter (where x.reference_new_price_eur is not null) as priced`;
/** The columns of `ALLOCATION_FIGURES` after the count, and the delays: null on the rows that only count. */
const NOT_COUNTED = 'null, null, null, null, null, null, null';

type Level = 'total' | 'territory' | 'type' | 'territory_type';
export type AllocationRow = {
  level: Level;
  territory: string | null;
  type: DeviceType | null;
  allocations: string;
  residents_equipped: string | null;
  residents_trained: string | null;
  revenue_cents: string | null;
  savings_eur: string | null;
  priced: string | null;
  median_days: number | null;
  p90_days: number | null;
};

/**
 * One row for the whole period (`total`, always there, with the delays), one per territory with
 * the same figures (`territory`), and the counts by type (`type`) and by territory and type
 * (`territory_type`). The delays are computed for the total only, the distinct residents for the
 * total and each territory: a grouping set per level would compute them all four times.
 */
export function queryAllocationGroups(em: EntityManager, { from, to, territory }: ReportParameters) {
  return em.execute<AllocationRow[]>(
    `with x as materialized (${PERIOD_ALLOCATIONS})
     select 'total' as level, null as territory, null as type, ${ALLOCATION_FIGURES},
            percentile_cont(0.5) within group (order by x.days_to_allocation) as median_days,
            percentile_cont(0.9) within group (order by x.days_to_allocation) as p90_days
     from x
     union all
     select 'territory', x.territory, null, ${ALLOCATION_FIGURES}, null, null
     from x group by x.territory
     union all
     select case when grouping(x.territory) = 1 then 'type' else 'territory_type' end, x.territory, x.type, count(*), ${NOT_COUNTED}
     from x group by grouping sets ((x.type), (x.territory, x.type))`,
    [from, to, ...onTerritoryValues(territory)],
  );
}

/** The rows of `queryAllocationGroups` by level. */
export function allocationGroups(rows: AllocationRow[]) {
  const level = (wanted: Level) => rows.filter((row) => row.level === wanted);
  return {
    total: level('total')[0],
    byTerritory: new Map(level('territory').map((row) => [row.territory!, row])),
    byType: level('type').map((row) => ({ type: row.type!, devices: Number(row.allocations) })),
    byTerritoryAndType: level('territory_type').map((row) => ({ territory: row.territory!, type: row.type!, devices: Number(row.allocations) })),
  };
}
export type AllocationGroups = ReturnType<typeof allocationGroups>;

/** The figures of the period (the `total` row) or of one territory (its `territory` row, without delays). */
export function allocationFigures(row: Omit<AllocationRow, 'level' | 'territory' | 'type' | 'median_days' | 'p90_days'> & { median_days: number | string | null; p90_days: number | string | null }) {
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
