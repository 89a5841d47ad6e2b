import type { EntityManager } from '@mikro-orm/postgresql';
import { DEVICE_TYPES, type DeviceType } from '../devices/lifecycle.js';
import type { ReportParameters } from './indicators.js';
import { ratio } from './rounding.js';
import { sqlList } from './sql.js';

/**
 * Device flows: how many distinct devices reached each step in the period, read from their
 * history (events are never modified). Whole Département: a device has no territory before its
 * allocation.
 */

export const STEPS = ['registered', 'sanitized', 'handedOver', 'refurbished', 'recycled', 'allocated'] as const;
export type Step = (typeof STEPS)[number];
type StepCounts = Record<Step, number>;

/** Which transition counts as each step (a device removed from a batch is not "sanitized" again). */
const STEP_TRANSITIONS: [Step, string, string[]][] = [
  ['registered', 'registered', []],
  ['sanitized', 'sanitized', ['registered', 'quarantined']],
  ['handedOver', 'handed_over', ['in_batch']],
  ['refurbished', 'refurbished', ['handed_over']],
  ['recycled', 'recycled', ['handed_over']],
  ['allocated', 'allocated', ['refurbished']],
];

/** The event `alias` is the transition that counts as `step`. */
export function stepCondition(step: Step, alias = 'e'): string {
  const [, to, from] = STEP_TRANSITIONS.find(([name]) => name === step)!;
  return from.length ? `${alias}.to_status = '${to}' and ${alias}.from_status in (${sqlList(from)})` : `${alias}.to_status = '${to}' and ${alias}.from_status is null`;
}

/** The statuses whose changes the flows count. */
export const FLOW_STATUSES = sqlList([...new Set(STEP_TRANSITIONS.map(([, to]) => to))]);

/** The step the event `alias` counts as, or null (SQL). The roll-up of the flows (`flow_days`) is kept with it. */
export const stepCase = (alias = 'e') => `case ${STEPS.map((step) => `when ${stepCondition(step, alias)} then '${step}'`).join(' ')} end`;

type FlowRow = { step: Step; type: string | null; month: string | null; devices: string };

/**
 * Device flows by step, by type and by month, summed from the daily roll-up `flow_days` (kept by
 * triggers with the events, migration 20261208080000): a device counts once in a period even if it
 * reached the step twice, so the repeats whose previous change is in the period (or in the month)
 * are taken off. Periods are Paris calendar days, as the roll-up's days. Groups of no device are left out.
 */
export function queryFlows(em: EntityManager, { from, to }: ReportParameters) {
  return em.execute<FlowRow[]>(
    `with p as (select ?::date as first_day, ?::date as last_day),
     changes as (
       select f.step, f.device_type as type, date_trunc('month', f.day::timestamp) as month, f.changes as devices, f.changes as month_devices
       from flow_days f, p where f.day between p.first_day and p.last_day
       union all
       select r.step, d.type, date_trunc('month', r.day::timestamp),
              -(r.previous_day >= p.first_day)::int,
              -(r.previous_day >= greatest(p.first_day, date_trunc('month', r.day::timestamp)::date))::int
       from flow_repeats r join devices d on d.id = r.device_id, p
       where r.day between p.first_day and p.last_day
     )
     select step, type, to_char(month, 'YYYY-MM') as month, devices from (
       select step, type, month, case when grouping(month) = 0 then sum(month_devices) else sum(devices) end as devices
       from changes
       group by grouping sets ((step), (step, type), (step, month))
     ) grouped where devices > 0`,
    [from, to],
  );
}

const emptySteps = (): StepCounts => Object.fromEntries(STEPS.map((step) => [step, 0])) as StepCounts;

/** The grouping sets' rows as totals by step, then by type and by month. */
export function deviceFlows(rows: FlowRow[]) {
  const totals = emptySteps();
  const byType = Object.fromEntries(DEVICE_TYPES.map((type) => [type, emptySteps()])) as Record<DeviceType, StepCounts>;
  const months = new Map<string, StepCounts>();
  for (const row of rows) {
    const count = Number(row.devices);
    if (row.type) byType[row.type as DeviceType][row.step] = count;
    else if (row.month) {
      if (!months.has(row.month)) months.set(row.month, emptySteps());
      months.get(row.month)![row.step] = count;
    } else totals[row.step] = count;
  }
  return {
    ...totals,
    byType,
    byMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, counts]) => ({ month, ...counts })),
    territoryApplies: false,
  };
}

/** Reuse and recycling rates: flows of the same period, over the devices handed over. */
export function flowRates(devices: StepCounts) {
  return {
    reuse: ratio(devices.allocated, devices.handedOver),
    recycling: ratio(devices.recycled, devices.handedOver),
  };
}
