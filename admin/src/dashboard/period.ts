export const PERIOD_PRESETS = ['quarter', 'semester', 'year', 'last_year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

/** A calendar day as the API wants it (YYYY-MM-DD), in the browser's time zone (the Département's). */
export function isoDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The running quarter, half-year or year up to today (commitments are then compared pro rata to
 * the days elapsed, which is what the committee asks: "are we on track?"); last year in full.
 */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today = new Date()): Period {
  const year = today.getFullYear();
  const month = today.getMonth();
  const to = isoDay(today);
  switch (preset) {
    case 'quarter':
      return { from: isoDay(new Date(year, month - (month % 3), 1)), to };
    case 'semester':
      return { from: isoDay(new Date(year, month < 6 ? 0 : 6, 1)), to };
    case 'year':
      return { from: `${year}-01-01`, to };
    case 'last_year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/** What the API accepts: two real days, the end not before the start. */
export function isValidPeriod({ from, to }: Period): boolean {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return day.test(from) && day.test(to) && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to)) && from <= to;
}
