import type { LocalTime } from './time.js';

// CSI sequences (colours, cursor moves) and two-byte escapes; linear, no nested quantifiers.
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g;
// Control characters other than tab, LF and CR (a log captured from a terminal may contain them).
const CONTROL_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;

/** Splits a log into clean lines: no BOM, no ANSI colours, no control characters, any line ending. */
export function splitLogLines(text: string): string[] {
  let clean = text.replace(/^\uFEFF/, '');
  if (clean.includes('\x1b')) clean = clean.replace(ANSI_ESCAPE, '');
  return clean.replace(CONTROL_CHARS, '').split(/\r\n|\r|\n/);
}

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'fatal' | 'sanity';

export interface TimestampedLine {
  /** "2023/04/12 14:03:22": decoded by localTimeOf only when a result needs it (millions of lines otherwise). */
  stamp: string;
  /** null for lines printed without a level, e.g. the summary footer "Total Throughput ...". */
  level: LogLevel | null;
  /** The message, without the timestamp and level label, trimmed. */
  message: string;
}

// nwipe_log (logging.c): "[%i/%02i/%02i %02i:%02i:%02i] " then, in 2019 logs (0.26), "nwipe: ", then the level
// label, left-padded with spaces since 2021 ("   info: ", " notice: ").
const TIMESTAMP = /^\[\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\]/;
const STAMP_LENGTH = '[2023/04/12 14:03:22]'.length;
const LEVEL = /^ *(?:nwipe: )?(debug|info|notice|warning|error|fatal|sanity): ?/;

export function parseTimestampedLine(line: string): TimestampedLine | null {
  if (line.charCodeAt(0) !== 0x5b /* [ */ || !TIMESTAMP.test(line)) return null;
  let rest = line.slice(STAMP_LENGTH);
  const level = LEVEL.exec(rest);
  if (level !== null) rest = rest.slice(level[0].length);
  return {
    stamp: line.slice(1, STAMP_LENGTH - 1),
    level: level === null ? null : (level[1] as LogLevel),
    message: rest.trim(),
  };
}

/** "2023/04/12 14:03:22" → its parts. */
export function localTimeOf(stamp: string): LocalTime {
  return {
    year: Number(stamp.slice(0, 4)),
    month: Number(stamp.slice(5, 7)),
    day: Number(stamp.slice(8, 10)),
    hour: Number(stamp.slice(11, 13)),
    minute: Number(stamp.slice(14, 16)),
    second: Number(stamp.slice(17, 19)),
  };
}

const DEVICE_PATH = /\/dev\/[A-Za-z0-9._\-/]+/g;

/** Device paths mentioned in a message ("on /dev/sda", "on '/dev/sdb'.", "device '/dev/sdc'"). */
export function devicePathsIn(message: string): string[] {
  if (!message.includes('/dev/')) return [];
  const found = message.match(DEVICE_PATH) ?? [];
  return found.map((path) => path.replace(/[./]+$/, ''));
}
