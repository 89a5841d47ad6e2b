/** Paris wall-clock times and French dates for the workbook (Excel has no time zones). */

const PARIS_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const HOUR = 3_600_000;
/** Paris's offset from UTC for each UTC hour seen (offsets change only on the hour): formatting every row's date costs ~10 µs. */
const parisOffsets = new Map<number, number>();

function parisOffset(utcHour: number): number {
  let offset = parisOffsets.get(utcHour);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of PARIS_CLOCK.formatToParts(new Date(utcHour * HOUR))) parts[part.type] = Number(part.value);
    offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - utcHour * HOUR;
    if (parisOffsets.size > 100_000) parisOffsets.clear();
    parisOffsets.set(utcHour, offset);
  }
  return offset;
}

/** Excel has no time zones: write the wall-clock time in Paris (to the second). */
export function parisDate(value: Date | string): Date {
  const time = new Date(value).getTime();
  const wallClock = time + parisOffset(Math.floor(time / HOUR));
  return new Date(wallClock - (((wallClock % 1000) + 1000) % 1000));
}

/** A calendar day (YYYY-MM-DD) as a date cell. */
export const dayDate = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);
/** YYYY-MM-DD as DD/MM/YYYY. */
export const frenchDay = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** « 06/12/2026 à 14:05 », Paris time. */
export const frenchDateTime = (date: Date) => {
  const paris = parisDate(date).toISOString();
  return `${frenchDay(paris.slice(0, 10))} à ${paris.slice(11, 16)}`;
};
