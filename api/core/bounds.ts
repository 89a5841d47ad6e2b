/**
 * The ranges a user would expect of what they type (a year, a mass, a price…), in words a French
 * reader understands. No zod here: the back office imports these ranges to check a form before
 * sending it; the zod schemas are built from them in `./zod.ts`.
 */

/** A number and what makes it plausible: its range, whether it is whole, to the cent, its unit. */
export interface NumberRange {
  min: number;
  max: number;
  integer?: boolean;
  /** Euros to the cent: 89.999 € would be a price nobody can pay. */
  cents?: boolean;
  /** Written after the upper bound: « de 0,5 à 15 ans ». */
  unit?: string;
}

/** The years agreements, reports and searches may be about: the service did not exist before 2000. */
export const CALENDAR_YEARS = { first: 2000, last: 2100 } as const;

const hasCents = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

export function isInRange(value: number, range: NumberRange): boolean {
  if (!Number.isFinite(value) || value < range.min || value > range.max) return false;
  if (range.integer && !Number.isInteger(value)) return false;
  return !range.cents || hasCents(value);
}

const FRENCH_NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 10 });

/** 1000000 → « 1 000 000 », 0.5 → « 0,5 » (a no-break space between thousands, like the other messages). */
export const frenchNumber = (value: number) => FRENCH_NUMBER.format(value).replace(/[\u202f\s]/g, '\u00a0');

/** « Nombre entier attendu, de 0 à 100. », « Nombre attendu, de 0,5 à 15 ans. » */
export function rangeMessage(range: NumberRange): string {
  const kind = range.integer ? 'Nombre entier attendu' : 'Nombre attendu';
  const unit = range.unit ? `\u00a0${range.unit}` : '';
  return `${kind}, de ${frenchNumber(range.min)} à ${frenchNumber(range.max)}${unit}${range.cents ? ', au centime près' : ''}.`;
}

/** `2026-01-01` → `01/01/2026`, as the French read a day. */
export const frenchDay = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** Today's date in Paris, `YYYY-MM-DD` (the day the people typing it live in). */
export const todayInParis = (now = new Date()) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(now);

/** The same day `years` later (or earlier); 29 February becomes 28 February in a common year. */
export function shiftYears(isoDay: string, years: number): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  const shifted = new Date(Date.UTC(year + years, month - 1, day));
  if (shifted.getUTCMonth() !== month - 1) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

/** A day bound, fixed (`2000-01-01`) or computed when the value is checked (today, today + 2 years). */
export type DayBound = string | (() => string);
export const resolveDay = (bound: DayBound) => (typeof bound === 'function' ? bound() : bound);

/** « Date attendue (AAAA-MM-JJ), du 01/01/2000 au 31/12/2100. » */
export const dayRangeMessage = (earliest: string, latest: string) => `Date attendue (AAAA-MM-JJ), du ${frenchDay(earliest)} au ${frenchDay(latest)}.`;

/** The first and last days of a span of years. */
export const yearsSpan = (first: number, last: number) => ({ earliest: `${first}-01-01`, latest: `${last}-12-31` });

/** Every day of CALENDAR_YEARS. */
export const CALENDAR_DAYS = yearsSpan(CALENDAR_YEARS.first, CALENDAR_YEARS.last);
