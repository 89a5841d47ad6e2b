/**
 * The SQL fragments several report queries share, each written once. They use the reports'
 * aliases: `a` allocations, `r` referrals, `d` devices, `f` factors, `e` events. A fragment
 * with `?` placeholders says which values it binds, in order.
 */

/** `'a', 'b'`: constant strings for an `in (…)` list (the values are the code's own, never a user's). */
export const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** The instant a calendar day (a date expression) starts in Paris. */
export const parisMidnight = (day: string) => `(${day})::timestamp at time zone 'Europe/Paris'`;

/** An instant as the wall-clock time in Paris: its day, month and year there. */
export const parisWallClock = (instant: string) => `${instant} at time zone 'Europe/Paris'`;

// A period's dates are calendar days in Paris: from `from` at 00:00 to the day after `to` at 00:00.
const PERIOD_START = parisMidnight('?::date');
/** The end of the period (excluded). Binds `to`. */
export const PERIOD_END = parisMidnight('(?::date) + 1');
/** `instant` is in the period. Binds `from`, `to`. */
export const inPeriod = (instant: string) => `${instant} >= ${PERIOD_START} and ${instant} < ${PERIOD_END}`;

/** Allocations `a` with their referral `r` and their device `d`. */
export const ALLOCATIONS = 'allocations a join referrals r on r.id = a.referral_id join devices d on d.id = a.device_id';
/** `territory` (a column) is the chosen territory, or no territory is chosen. Binds the territory (or null) twice. */
export const onTerritory = (territory: string) => `(?::text is null or ${territory} = ?::text)`;
/** The referral `r` is on the chosen territory, or no territory is chosen. Binds the territory (or null) twice. */
export const ON_TERRITORY = onTerritory('r.territory');
/** The values `ON_TERRITORY` binds (an empty territory is none). */
export const onTerritoryValues = (territory: string | null | undefined) => [territory || null, territory || null];

/** Distinct residents among rows that carry a `beneficiary_id` (`row`): a resident referred or equipped twice counts once. */
export const distinctResidents = (row: string) => `count(distinct ${row}.beneficiary_id)`;
