import type { LocalTime } from './time.js';

// CSI sequences (colours, cursor moves) and two-byte escapes; linear, no nested quantifiers.
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g;
// Control characters other than tab, LF and CR (a log captured from a terminal may contain them).
const CONTROL_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;

/** Splits a log into clean lines: no BOM, no ANSI colours, no control characters, any line ending. */
export function splitLogLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').replace(ANSI_ESCAPE, '').replace(CONTROL_CHARS, '').split(/\r\n|\r|\n/);
}

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'fatal' | 'sanity';

export interface TimestampedLine {
  time: LocalTime;
  /** null for lines printed without a level, e.g. the summary footer "Total Throughput ...". */
  level: LogLevel | null;
  /** The message, without the timestamp and level label, trimmed. */
  message: string;
}

// nwipe_log (logging.c): "[%i/%02i/%02i %02i:%02i:%02i] " then, before 0.27, "nwipe: ", then the level label,
// left-padded with spaces since 0.31 ("   info: ", " notice: ").
const TIMESTAMP = /^\[(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})\]/;
const LEVEL = /^ *(debug|info|notice|warning|error|fatal|sanity): ?/;

export function parseTimestampedLine(line: string): TimestampedLine | null {
  const stamp = TIMESTAMP.exec(line);
  if (stamp === null) return null;
  const time: LocalTime = {
    year: Number(stamp[1]),
    month: Number(stamp[2]),
    day: Number(stamp[3]),
    hour: Number(stamp[4]),
    minute: Number(stamp[5]),
    second: Number(stamp[6]),
  };
  let rest = line.slice(stamp[0].length).replace(/^ *nwipe: /, '');
  const level = LEVEL.exec(rest);
  if (level !== null) rest = rest.slice(level[0].length);
  return { time, level: level === null ? null : (level[1] as LogLevel), message: rest.trim() };
}

const DEVICE_PATH = /\/dev\/[A-Za-z0-9._\-/]+/g;

/** Device paths mentioned in a message ("on /dev/sda", "on '/dev/sdb'.", "device '/dev/sdc'"). */
export function devicePathsIn(message: string): string[] {
  if (!message.includes('/dev/')) return [];
  const found = message.match(DEVICE_PATH) ?? [];
  return found.map((path) => path.replace(/[./]+$/, ''));
}
