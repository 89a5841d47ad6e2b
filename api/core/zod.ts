import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CALENDAR_DAYS, dayRangeMessage, frenchDay, isInRange, rangeMessage, resolveDay, type DayBound, type NumberRange } from './bounds.js';

// Every schema may carry OpenAPI metadata (`.openapi(...)`); import `z` from here, not from 'zod'.
extendZodWithOpenApi(z);

export { z };

/**
 * A number within the range a user would expect (see ./bounds.ts), refused with one French
 * message whatever is wrong with it (not a number, too small, too large, not whole, not to the cent).
 */
export function numberInRange(range: NumberRange, message = rangeMessage(range)) {
  const schema = z.number({ error: message }).min(range.min, { error: message }).max(range.max, { error: message });
  const whole = range.integer ? schema.int({ error: message }) : schema;
  return range.cents ? whole.refine((value) => isInRange(value, range), { error: message }) : whole;
}

/** A calendar day `YYYY-MM-DD` from `earliest` to `latest` included; bounds given as functions are read at each check. */
export function dayBetween({ earliest, latest }: { earliest: DayBound; latest: DayBound }) {
  const message = () => dayRangeMessage(resolveDay(earliest), resolveDay(latest));
  return z.iso.date({ error: message }).refine((day) => day >= resolveDay(earliest) && day <= resolveDay(latest), { error: message });
}

const ISO_DAY = z.iso.date();
const ISO_INSTANT = z.iso.datetime({ offset: true });
const isDay = (value: string) => ISO_DAY.safeParse(value).success;
const isInstant = (value: string) => ISO_INSTANT.safeParse(value).success;

/** An exact instant (ISO 8601 with its offset), not before the first day of the span, as a Date. */
export function instantFrom(earliestDay: string) {
  const message = `Date et heure ISO 8601 attendues, pas avant le ${frenchDay(earliestDay)}.`;
  return z.iso
    .datetime({ offset: true, error: message })
    .refine((value) => new Date(value) >= new Date(`${earliestDay}T00:00:00Z`), { error: message })
    .transform((value) => new Date(value));
}

/** A day `YYYY-MM-DD` or an exact instant with its offset, within the span (what a search in a log takes). */
export function dayOrInstantBetween({ earliest, latest }: { earliest: string; latest: string }) {
  const message = `Date (AAAA-MM-JJ) ou date et heure ISO 8601 attendues, du ${frenchDay(earliest)} au ${frenchDay(latest)}.`;
  return z
    .string({ error: message })
    .refine((value) => (isDay(value) || isInstant(value)) && value.slice(0, 10) >= earliest && value.slice(0, 10) <= latest, { error: message });
}

const ID_MESSAGE = 'Identifiant attendu (nombre entier positif).';
/** The id of a row (a PostgreSQL integer): a larger number names nothing and is refused here, not by the database. */
export const recordId = z.number({ error: ID_MESSAGE }).int({ error: ID_MESSAGE }).positive({ error: ID_MESSAGE }).max(2_147_483_647, { error: ID_MESSAGE });

/** A day of the years the service may be about (agreements, report periods): 2000 to 2100. */
export const calendarDay = () => dayBetween(CALENDAR_DAYS);

/** A day or an exact instant of the same years (searches in a log). */
export const calendarDayOrInstant = () => dayOrInstantBetween(CALENDAR_DAYS);
