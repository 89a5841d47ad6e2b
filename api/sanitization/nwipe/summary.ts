import { normaliseThroughput } from './values.js';

/**
 * One row of the "Drive Status" table printed by nwipe_log_summary (logging.c):
 *   "%s %s |%s| %s/s | %02i:%02i:%02i | %s/%s"  flag, device, status, throughput, duration, model, serial
 * e.g. "!      sdb |-FAILED-|  139 MB/s | 05:59:43 | ST1000DM003-1CH16/Z1D5K3QX"
 * The device is the last path component right-justified and cut to 8 characters (6 in 2020 logs: "vme1n1").
 */
export interface StatusRow {
  deviceName: string;
  /** Status word without the padding dashes/spaces: "Erased", "FAILED", "UABORTED", "INSANITY". */
  status: string;
  throughput: string | null;
  duration: string;
  /** "model/serial": model cut to 17 characters, serial as nwipe knew it (may be empty). */
  modelSerial: string;
}

const DEVICE_NAME = /^[A-Za-z0-9._-]{1,32}$/;
const DURATION = /^\d{1,4}:\d{2}:\d{2}$/;

function deviceNameOf(cell: string): string | null {
  const name = cell.trim().replace(/^!/, '').trim();
  return DEVICE_NAME.test(name) ? name : null;
}

/** Null for the header row, separators or anything that is not a status row. */
export function parseStatusRow(line: string): StatusRow | null {
  const cells = line.split('|');
  if (cells.length < 5) return null;
  const deviceName = deviceNameOf(cells[0]);
  const duration = cells[3].trim();
  if (deviceName === null || !DURATION.test(duration)) return null;
  const status = cells[1].trim().replace(/^-+|-+$/g, '');
  if (status === '') return null;
  return {
    deviceName,
    status,
    throughput: normaliseThroughput(cells[2]),
    duration,
    modelSerial: cells.slice(4).join('|').replace(/^ /, '').trimEnd(),
  };
}

/**
 * One row of the "Error Summary" table (logging.c, since mid-2021; the fdatasync column since late 2021):
 *   "%s %s |  %10llu |           %10llu |           %10llu"
 */
export interface ErrorRow {
  deviceName: string;
  passErrors: number;
  verifyErrors: number;
  syncErrors: number;
}

export function parseErrorRow(line: string): ErrorRow | null {
  const cells = line.split('|').map((cell) => cell.trim());
  if (cells.length < 3) return null;
  const deviceName = deviceNameOf(cells[0]);
  const numbers = cells.slice(1, 4).filter((cell) => cell !== '');
  if (deviceName === null || numbers.length < 2 || !numbers.every((cell) => /^\d{1,20}$/.test(cell))) return null;
  return {
    deviceName,
    passErrors: Number(numbers[0]),
    verifyErrors: Number(numbers[1]),
    syncErrors: numbers.length > 2 ? Number(numbers[2]) : 0,
  };
}

/** logging.c copies at most 17 characters of the model before the "/". */
const MODEL_MAX_LENGTH = 17;

export interface ModelAndSerial {
  model: string | null;
  serial: string | null;
  ambiguous: boolean;
}

/**
 * Splits the "Model/Serial Number" cell when the log has no detailed line for the disk.
 * Models and serials may both contain "/", so the split is only certain when one "/" can separate them.
 */
export function splitModelSerial(cell: string): ModelAndSerial {
  const candidates: number[] = [];
  for (let i = 0; i < cell.length && i <= MODEL_MAX_LENGTH; i++) {
    if (cell[i] === '/') candidates.push(i);
  }
  if (candidates.length === 0) return { model: cell.trim() || null, serial: null, ambiguous: true };
  const at = candidates[candidates.length - 1];
  return {
    model: cell.slice(0, at).trim() || null,
    serial: cell.slice(at + 1).trim() || null,
    ambiguous: candidates.length > 1,
  };
}
