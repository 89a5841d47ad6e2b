/**
 * nwipe writes local wall-clock time without a zone ("[2023/04/12 14:03:22]", nwipe_log in logging.c).
 * Réemploi's machines run in the Nord département, so we read it as Europe/Paris and output ISO 8601
 * with the offset that applied at that moment (+01:00 in winter, +02:00 in summer).
 * In the autumn hour that occurs twice, the winter (+01:00) reading is taken.
 */

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Minutes to add to UTC to get Paris wall-clock time at that instant. */
function parisOffsetMinutes(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of PARIS.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wallAsUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatWithOffset(wallAsUtcMs: number, offsetMinutes: number): string {
  const wall = new Date(wallAsUtcMs);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function isValidLocalTime(t: LocalTime, wallAsUtcMs: number): boolean {
  const d = new Date(wallAsUtcMs);
  return (
    d.getUTCFullYear() === t.year &&
    d.getUTCMonth() + 1 === t.month &&
    d.getUTCDate() === t.day &&
    d.getUTCHours() === t.hour &&
    d.getUTCMinutes() === t.minute &&
    d.getUTCSeconds() === t.second
  );
}

/** Paris wall-clock time → ISO 8601 with offset, or null if the date does not exist (e.g. 2023/02/30). */
export function parisLocalTimeToIso(t: LocalTime): string | null {
  const wallAsUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  if (!isValidLocalTime(t, wallAsUtc)) return null;
  // The offset depends on the instant, which depends on the offset: two rounds settle it (DST changes are 1 h).
  let offset = parisOffsetMinutes(wallAsUtc - 60 * 60_000);
  offset = parisOffsetMinutes(wallAsUtc - offset * 60_000);
  return formatWithOffset(wallAsUtc, offset);
}

/** Unix seconds (as in nwipe's JSON report) → ISO 8601 with the Paris offset; null for 0 (nwipe's "not set"). */
export function epochSecondsToParisIso(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const utcMs = seconds * 1000;
  const offset = parisOffsetMinutes(utcMs);
  return formatWithOffset(utcMs + offset * 60_000, offset);
}

/** Parses an ISO string back to epoch milliseconds (for adding durations). */
export function isoToEpochMs(iso: string): number {
  return Date.parse(iso);
}

/** Seconds → "HH:MM:SS" as nwipe prints durations (convert_seconds_to_hours_minutes_seconds). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
