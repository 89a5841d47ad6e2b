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
 * The first time each device reached what the ratio reads, as `device_milestones` keeps them
 * (one row per device, migration 20261208081000; the condition on the event `e` of each column).
 */
export const MILESTONE_COLUMNS = {
  registered_at: { condition: stepCondition('registered') },
  left_depot_at: { condition: `e.to_status in (${LEFT_DEPOT_STATUSES})` },
  handed_over_at: { condition: stepCondition('handedOver') },
  allocated_at: { condition: `e.to_status = 'allocated'` },
  recycled_at: { condition: `e.to_status = 'recycled'` },
} as const;

/** A handover at `instant` (its Paris day `day`) on a day an agreement with a reuse commitment covers (`r.days`), before `b.until`. */
const REUSE_HANDOVER = (instant: string, day = `(${parisWallClock(instant)})::date`) => `${instant} < b.until and ${day} <@ r.days`;

/**
 * One pass over the devices' milestones (`device_milestones`; `too_old` is null when the year is
 * unknown), skipping those that left the depot and were reused before the year. A device is reused at its first handover on a reuse-commitment day or its first
 * allocation; the events of a device handed over twice are read to find the first such handover.
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
     reformed as (
       select m.*,
              least(
                case when m.handovers > 1 then
                       (select min(e.at) from events e where e.device_id = m.device_id and ${stepCondition('handedOver')} and ${REUSE_HANDOVER('e.at')})
                     when ${REUSE_HANDOVER('m.handed_over_at', 'm.handed_over_day')} then m.handed_over_at end,
                case when m.allocated_at < b.until then m.allocated_at end
              ) as reused_at
       from device_milestones m cross join bounds b cross join reuse_days r
       where m.registered_at < b.until
         -- only the devices that can count below (a device gone before 1 January and reused before
         -- it counts in none): most of them at the end of a long history, checked before the reuse is worked out
         and (m.too_old or m.left_depot_at is null or m.left_depot_at >= b.jan1 or m.handed_over_at >= b.jan1
              or m.allocated_at >= b.jan1 or m.handovers > 1)
     )
     select count(*) filter (where x.too_old is not true and x.registered_at < b.jan1 and (x.left_depot_at is null or x.left_depot_at >= b.jan1)) as held,
            count(*) filter (where x.too_old is not true and x.reused_at >= b.jan1 and x.reused_at < b.until and (x.recycled_at is null or x.recycled_at >= b.until)) as reused,
            count(*) filter (where x.too_old) as excluded_old,
            count(*) filter (where x.too_old is not true and x.registered_at < b.jan1 and (x.left_depot_at is null or x.left_depot_at >= b.jan1) and x.device_year is null) as unknown_year
     from reformed x cross join bounds b`,
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
