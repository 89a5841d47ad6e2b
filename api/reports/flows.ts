import type { EntityManager } from '@mikro-orm/postgresql';
import { DEVICE_TYPES, type DeviceType } from '../devices/lifecycle.js';
import type { ReportParameters } from './indicators.js';
import { ratio } from './rounding.js';
import { inPeriod, parisWallClock, sqlList } from './sql.js';

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
const STEP_STATUSES = sqlList([...new Set(STEP_TRANSITIONS.map(([, to]) => to))]);

const stepCase = () => `case ${STEPS.map((step) => `when ${stepCondition(step)} then '${step}'`).join(' ')} end`;

type FlowRow = { step: Step; type: string | null; month: string | null; devices: string };

/**
 * Device flows by step, by type and by month: an index-only scan of the period's status changes
 * to the counted statuses (events_status_changes_index); months are formatted after grouping.
 */
export function queryFlows(em: EntityManager, { from, to }: ReportParameters) {
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
