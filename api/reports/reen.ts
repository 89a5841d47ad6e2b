import type { EntityManager } from '@mikro-orm/postgresql';
import { DEPOT_STATUSES, DEVICE_STATUSES } from '../devices/lifecycle.js';
import { stepCondition } from './flows.js';
import type { ReportParameters } from './indicators.js';
import { ratio } from './rounding.js';
import { parisMidnight, parisWallClock, PERIOD_END, sqlList } from './sql.js';

/**
 * The legal reuse ratio (loi n° 2021-1485, décret n° 2023-266) for the calendar year of the end
 * of the period, up to the end of the period.
 */

/** décret n° 2023-266, article 2: 25 % in 2023, 35 % in 2024, 50 % from 2025. */
export function reenTarget(year: number): number | null {
  if (year < 2023) return null;
  if (year === 2023) return 0.25;
  if (year === 2024) return 0.35;
  return 0.5;
}

const reenYear = (parameters: ReportParameters) => Number(parameters.to.slice(0, 4));

// The statuses a device leaves the depot for. The lifecycle never brings it back to a depot status
// (api/devices/lifecycle.ts): its last status on 1 January was a depot status if it had reached none of these.
const LEFT_DEPOT_STATUSES = sqlList(DEVICE_STATUSES.filter((status) => !DEPOT_STATUSES.includes(status)));

type ReenRow = { held: string; reused: string; excluded_old: string; unknown_year: string };

/**
 * Set-based: a few index-only range scans of status changes (events_status_changes_index) joined
 * on device id, instead of looking up every device's history one by one (7 s at 100k devices).
 */
export function queryReen(em: EntityManager, parameters: ReportParameters) {
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

export function reenFigures(row: ReenRow, parameters: ReportParameters) {
  const year = reenYear(parameters);
  const held = Number(row.held);
  const reused = Number(row.reused);
  const target = reenTarget(year);
  const reenRatio = ratio(reused, held);
  return {
    year,
    through: parameters.to < `${year}-12-31` ? parameters.to : `${year}-12-31`,
    heldOnJanuary1: held,
    reused,
    ratio: reenRatio,
    target,
    met: target === null || reenRatio === null ? null : reenRatio >= target,
    excludedOlderThan10Years: Number(row.excluded_old),
    heldWithUnknownYear: Number(row.unknown_year),
  };
}
