import type { EntityManager } from '@mikro-orm/postgresql';
import { DEPOT_STATUSES, DEVICE_STATUSES } from '../../../api/devices/lifecycle.js';
import { FLOW_STATUSES as STEP_STATUSES, STEPS, stepCondition, type Step } from '../../../api/reports/flows.js';
import type { ReportParameters } from '../../../api/reports/indicators.js';
import { ALLOCATION_FIGURES, ALLOCATIONS, FACTORS_OF_DEVICE, inPeriod, ON_TERRITORY, onTerritoryValues, parisMidnight, parisWallClock, PERIOD_END, sqlList } from '../../../api/reports/sql.js';

/**
 * The summary's flows, REEN and allocation queries as they were before the roll-ups (issue #18), read straight
 * from the events: the reference the roll-ups' answers are compared with
 * (tests/api/summary-rollups.test.ts) and the "before" of the benchmark's EXPLAIN figures.
 */

const stepCase = () => `case ${STEPS.map((step) => `when ${stepCondition(step)} then '${step}'`).join(' ')} end`;
type FlowRow = { step: Step; type: string | null; month: string | null; devices: string };
type ReenRow = { held: string; reused: string; excluded_old: string; unknown_year: string };
const reenYear = (parameters: ReportParameters) => Number(parameters.to.slice(0, 4));
const LEFT_DEPOT_STATUSES = sqlList(DEVICE_STATUSES.filter((status) => !DEPOT_STATUSES.includes(status)));

/**
 * Device flows by step, by type and by month: an index-only scan of the period's status changes
 * to the counted statuses (events_status_changes_index); months are formatted after grouping.
 */
export function referenceFlows(em: EntityManager, { from, to }: ReportParameters) {
  return em.execute<FlowRow[]>(
    `with flow as (
       select ${stepCase()} as step, e.device_id, date_trunc('month', ${parisWallClock('e.at')}) as month
       from events e
       where ${inPeriod('e.at')} and e.to_status in (${STEP_STATUSES})
     )
     select f.step, d.type, to_char(f.month, 'YYYY-MM') as month, count(distinct f.device_id) as devices
     from flow f join devices d on d.id = f.device_id
     where f.step is not null
     group by grouping sets ((f.step), (f.step, d.type), (f.step, f.month))`,
    [from, to],
  );
}

/**
 * Set-based: a few index-only range scans of status changes (events_status_changes_index) joined
 * on device id, instead of looking up every device's history one by one (7 s at 100k devices).
 */
export function referenceReen(em: EntityManager, parameters: ReportParameters) {
  const year = reenYear(parameters);
  return em.execute<ReenRow[]>(
    `with bounds as (
       select ${parisMidnight('make_date(?::int, 1, 1)')} as jan1,
              least(${parisMidnight('make_date(?::int + 1, 1, 1)')}, ${PERIOD_END}) as until
     ),
     reuse_days as (
       select range_agg(daterange(ag.starts_on, ag.ends_on, '[]')) as days from agreements ag where ag.reuse_commitment_ref is not null
     ),
     registrations as (
       select e.device_id, min(e.at) as at from events e, bounds b
       where ${stepCondition('registered')} and e.at < b.until group by e.device_id
     ),
     devices_reformed as (
       select d.id, d.year, g.at as registered_at,
              (d.year is not null and extract(year from ${parisWallClock('g.at')}) - d.year > 10) as too_old
       from devices d join registrations g on g.device_id = d.id
     ),
     left_depot as (
       select distinct e.device_id from events e, bounds b
       where e.to_status in (${LEFT_DEPOT_STATUSES}) and e.at < b.jan1
     ),
     held as (
       select x.id, x.year from devices_reformed x cross join bounds b
       where not x.too_old and x.registered_at < b.jan1 and not exists (select 1 from left_depot l where l.device_id = x.id)
     ),
     reuse as (
       select device_id, min(at) as reused_at from (
         select e.device_id, e.at from events e, bounds b, reuse_days r
         where ${stepCondition('handedOver')} and e.at < b.until and (${parisWallClock('e.at')})::date <@ r.days
         union all
         select e.device_id, e.at from events e, bounds b where e.to_status = 'allocated' and e.at < b.until
       ) firsts group by device_id
     ),
     recycled as (
       select distinct e.device_id from events e, bounds b where e.to_status = 'recycled' and e.at < b.until
     )
     select (select count(*) from held) as held,
            (select count(*) from reuse u join devices_reformed x on x.id = u.device_id cross join bounds b
              where not x.too_old and u.reused_at >= b.jan1 and u.reused_at < b.until
                and not exists (select 1 from recycled c where c.device_id = u.device_id)) as reused,
            (select count(*) from devices_reformed where too_old) as excluded_old,
            (select count(*) from held where year is null) as unknown_year`,
    [year, year, parameters.to],
  );
}


/** Registration time of one device: its first event (the chain of custody starts there). */
const REGISTRATION_OF = (deviceId: string) => `select min(e.at) as at from events e where e.device_id = ${deviceId} and ${stepCondition('registered')}`;

/** Days from a device's registration to its allocation (its creation when no registration event is found). */
const DAYS_TO_ALLOCATION = 'extract(epoch from a.allocated_at - coalesce(g.at, d.created_at)) / 86400';

type AllocationRow = { allocations: string; residents_equipped: string; residents_trained: string; revenue_cents: string | null; savings_eur: string | null; priced: string; median_days: string | null; p90_days: string | null };

export function referenceAllocations(em: EntityManager, { from, to, territory }: ReportParameters) {
  return em.execute<AllocationRow[]>(
    `select ${ALLOCATION_FIGURES},
            percentile_cont(0.5) within group (order by ${DAYS_TO_ALLOCATION}) as median_days,
            percentile_cont(0.9) within group (order by ${DAYS_TO_ALLOCATION}) as p90_days
     from ${ALLOCATIONS}
     -- the registration of each allocated device only (not a grouping of every registration)
     left join lateral (${REGISTRATION_OF('d.id')}) g on true
     ${FACTORS_OF_DEVICE}
     where ${inPeriod('a.allocated_at')} and ${ON_TERRITORY}`,
    [from, to, ...onTerritoryValues(territory)],
  );
}
