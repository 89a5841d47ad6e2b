/** A calendar day (`2026-11-26`) in the UI's format, without any time-zone shift. */
export function formatDay(day: string | null | undefined, locale: string): string {
  if (!day) return '';
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Date(year, month - 1, date).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Short form for tables: 26/11/2026. */
export function formatDayShort(day: string | null | undefined, locale: string): string {
  if (!day) return '';
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Date(year, month - 1, date).toLocaleDateString(locale);
}
