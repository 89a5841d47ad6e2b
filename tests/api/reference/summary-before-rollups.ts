import type { EntityManager } from '@mikro-orm/postgresql';
import { DEPOT_STATUSES, DEVICE_STATUSES, type DeviceType } from '../../../api/devices/lifecycle.js';
import { FLOW_STATUSES as STEP_STATUSES, STEPS, stepCondition, type Step } from '../../../api/reports/flows.js';
import type { ReportParameters } from '../../../api/reports/indicators.js';
import { ALLOCATIONS, inPeriod, ON_TERRITORY, onTerritoryValues, parisMidnight, parisWallClock, PERIOD_END, sqlList } from '../../../api/reports/sql.js';
import { avoidedPerDevice, loadFactors } from '../../../api/reports/factor-values.js';
import type { TerritoryFigures } from '../../../api/reports/territories.js';
import { round } from '../../../api/reports/rounding.js';

/**
 * The summary's flows, REEN and allocation queries as they were before the roll-ups (issue #18), read straight
 * from the events: the reference the roll-ups' answers are compared with
 * (tests/api/summary-rollups.test.ts) and the "before" of the benchmark's EXPLAIN figures. The
 * allocations of the period, by type and by territory are the four joins the summary made before
 * its single pass over the period's allocations (`queryAllocationGroups`), written as they were.
 */

/** The factors `f` of each device `d`'s type, and the allocation figures, as `sql.ts` wrote them over the join `a`, `r`, `f` (before the single pass). */
const FACTORS_OF_DEVICE = 'left join factors f on f.device_type = d.type';
const DISTINCT_RESIDENTS = 'count(distinct r.beneficiary_id)';
const ALLOCATION_FIGURES = `count(*) as allocations,
  ${DISTINCT_RESIDENTS} as residents_equipped,
  ${DISTINCT_RESIDENTS} filter (where r.training_wanted) as residents_trained,
  sum(a.price_cents) as revenue_cents,
  sum(greatest(f.reference_new_price_eur - a.price_cents / 100.0, 0)) filter (where f.reference_new_price_eur is not null) as savings_eur,
  count(*) filter (where f.reference_new_price_eur is not null) as priced`;

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

/** Nord durable's allocations by type, as `queryAllocationsByType` (nord-durable.ts) counted them. */
export function referenceAllocationsByType(em: EntityManager, { from, to, territory }: ReportParameters) {
  return em.execute<{ type: DeviceType; allocations: string }[]>(
    `select d.type, count(*) as allocations
     from ${ALLOCATIONS}
     where ${inPeriod('a.allocated_at')} and ${ON_TERRITORY}
     group by d.type`,
    [from, to, ...onTerritoryValues(territory)],
  );
}

const KNOWN_TERRITORIES = `
  select territory from referrals
  union select territory from beneficiaries
  union select territory from users where territory is not null`;
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The breakdown by territory as `computeTerritoryBreakdown` (territories.ts) computed it: its own join and `impactByTerritory`'s. */
export async function referenceTerritoryBreakdown(em: EntityManager, parameters: ReportParameters): Promise<TerritoryFigures[]> {
  const { from, to } = parameters;
  const territory = parameters.territory || null;
  const rows = await em.execute<{
    territory: string;
    referrals: string | null;
    residents_referred: string | null;
    residents_equipped: string | null;
    residents_trained: string | null;
    allocations: string | null;
    revenue_cents: string | null;
    savings_eur: string | null;
    priced: string | null;
  }[]>(
    `with chosen as (
       select territory from (${KNOWN_TERRITORIES}) known where ?::text is null and trim(territory) <> ''
       union select ?::text where ?::text is not null
     ),
     referred as (
       select r.territory, count(*) as referrals, ${DISTINCT_RESIDENTS} as residents_referred
       from referrals r
       where ${inPeriod('r.created_at')}
       group by r.territory
     ),
     allocated as (
       select r.territory,
              ${ALLOCATION_FIGURES}
       from ${ALLOCATIONS}
       ${FACTORS_OF_DEVICE}
       where ${inPeriod('a.allocated_at')}
       group by r.territory
     )
     select c.territory, x.referrals, x.residents_referred, y.residents_equipped, y.residents_trained, y.allocations,
            y.revenue_cents, y.savings_eur, y.priced
     from chosen c
     left join referred x on x.territory = c.territory
     left join allocated y on y.territory = c.territory`,
    [territory, territory, territory, from, to, from, to],
  );
  const count = (value: string | null) => Number(value ?? 0);
  const impact = await referenceImpactByTerritory(em, parameters);
  return rows
    .map((row) => ({
      territory: row.territory,
      referrals: count(row.referrals),
      residentsReferred: count(row.residents_referred),
      residentsEquipped: count(row.residents_equipped),
      residentsTrained: count(row.residents_trained),
      devicesAllocated: count(row.allocations),
      revenueEur: round(count(row.revenue_cents) / 100),
      householdSavingsEur: round(count(row.savings_eur)),
      allocationsWithReferencePrice: count(row.priced),
      massDivertedKg: round(impact.get(row.territory)?.massKg ?? 0, 3),
      co2eAvoidedKg: round(impact.get(row.territory)?.co2eKg ?? 0, 3),
    }))
    .sort((a, b) => collator.compare(a.territory, b.territory));
}

async function referenceImpactByTerritory(em: EntityManager, parameters: ReportParameters): Promise<Map<string, { massKg: number; co2eKg: number }>> {
  const rows = await em.execute<{ territory: string; type: string; allocations: string }[]>(
    `select r.territory, d.type, count(*) as allocations
     from ${ALLOCATIONS}
     where ${inPeriod('a.allocated_at')}
     group by r.territory, d.type`,
    [parameters.from, parameters.to],
  );
  const factors = new Map((await loadFactors(em)).map((factor) => [factor.deviceType as string, factor]));
  const impact = new Map<string, { massKg: number; co2eKg: number }>();
  for (const row of rows) {
    const factor = factors.get(row.type);
    const devices = Number(row.allocations);
    const sums = impact.get(row.territory) ?? { massKg: 0, co2eKg: 0 };
    sums.massKg += (factor?.massKg ?? 0) * devices;
    sums.co2eKg += (avoidedPerDevice(factor).value ?? 0) * devices;
    impact.set(row.territory, sums);
  }
  return impact;
}
