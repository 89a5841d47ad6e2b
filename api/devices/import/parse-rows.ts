import { DeviceCreateSchema, normaliseSerial } from '../device.schemas.js';
import type { DeviceInput } from '../device.service.js';
import { DEVICE_TYPES } from '../lifecycle.js';
import { TYPE_LABELS } from '../device-names.js';
import type { AddedChassisTypes } from '../chassis-types.js';
import { mapDeviceType, mapHeaders, parseRamGb, type ImportField } from './column-mapping.js';
import type { Table } from './read-table.js';

/** The file's columns and the field each one fills (null: a column the import does not read). */
export type ImportColumns = ReturnType<typeof mapHeaders>;

/** What names a row in the report: its cells as the file wrote them (null when empty). */
export type RowValues = { serialNumber: string | null; type: string | null; brand: string | null; model: string | null };

/**
 * A row once validated: the device it describes, or why it is refused and the cells that name it
 * in the report. Plain data, compact: it crosses from the import worker to the main thread
 * (heavy-import.ts), so an accepted row carries no copy of its cells.
 */
export interface ParsedRow {
  rowNumber: number;
  device?: DeviceInput;
  reason?: string;
  values?: RowValues;
  /** Refused because its « Type » value is unknown: an admin may map it to a device type from the report. */
  unknownType?: true;
}

const RELEASED: Table['rows'][number] = { rowNumber: 0, values: [] };

/** The device types a file may name, in French as the screens name them. */
const ACCEPTED_TYPES = DEVICE_TYPES.map((type) => TYPE_LABELS[type].toLowerCase()).join(', ');

function rowValues(cells: string[], columns: ImportColumns): RowValues {
  const cell = (field: ImportField) => cells[columns.findIndex((column) => column.field === field)]?.trim() || null;
  return { serialNumber: cell('serialNumber'), type: cell('type'), brand: cell('brand'), model: cell('model') };
}

/**
 * GLPI joins the values of a multi-valued column (two processors) with `<br>` in its CSV (10.0),
 * or a line break inside the quoted cell (11): the distinct values are kept, joined with « + ».
 */
const joinedValues = (cell: string) => [...new Set(cell.split(/<br\s*\/?>|<hr\s*\/?>|\r?\n/i).map((part) => part.trim()).filter(Boolean))].join(' + ');

function parseRow(values: string[], rowNumber: number, columns: ImportColumns, defaultSite?: string, added?: AddedChassisTypes): ParsedRow {
  const raw: Partial<Record<ImportField, string>> = {};
  columns.forEach(({ field }, index) => {
    if (field && values[index]) raw[field] = values[index].trim();
  });
  if (!raw.serialNumber) return { rowNumber, reason: 'numéro de série manquant (il sert à reconnaître l’appareil à chaque import)' };
  const type = raw.type ? mapDeviceType(raw.type, added) : undefined;
  if (!type) {
    if (!raw.type) return { rowNumber, reason: 'type manquant' };
    return { rowNumber, reason: `type « ${raw.type} » inconnu (attendu : ${ACCEPTED_TYPES})`, unknownType: true };
  }
  const year = raw.year ? Number(/\d{4}/.exec(raw.year)?.[0]) : undefined;
  const candidate = {
    type,
    serialNumber: raw.serialNumber,
    brand: raw.brand,
    model: raw.model,
    hostname: raw.hostname,
    inventoryNumber: raw.inventoryNumber,
    cpu: raw.cpu ? joinedValues(raw.cpu) : undefined,
    ramGb: raw.ramGb ? parseRamGb(raw.ramGb) : undefined,
    year: year || undefined,
    notes: raw.notes,
    originSite: raw.originSite ?? defaultSite,
  };
  if (!candidate.originSite) return { rowNumber, reason: 'lieu manquant (colonne « Lieu » vide et aucun site choisi pour l’import)' };
  const result = DeviceCreateSchema.safeParse(candidate);
  if (!result.success) {
    return { rowNumber, reason: result.error.issues.map((issue) => `${issue.path.join('.')} : ${issue.message}`).join(' ; ') };
  }
  return { rowNumber, device: result.data };
}

/**
 * The table's rows validated, `chunkSize` at a time, in file order. A serial number seen on an
 * earlier row refuses the later one (the file would otherwise name one device twice). A refused
 * row keeps its cells (`values`) for the report; an accepted one needs none. The table is
 * consumed: each raw row is released as it is validated. `added`: the types admins mapped.
 */
export function* parseRowChunks(
  table: Table,
  columns: ImportColumns,
  defaultSite: string | undefined,
  chunkSize: number,
  added?: AddedChassisTypes,
): Generator<ParsedRow[]> {
  const firstRowOfSerial = new Map<string, number>();
  for (let start = 0; start < table.rows.length; start += chunkSize) {
    const chunk: ParsedRow[] = [];
    for (let index = start; index < Math.min(start + chunkSize, table.rows.length); index++) {
      const { values, rowNumber } = table.rows[index];
      // the raw row is let go once validated: the raw table and its validated copy are not both held whole
      table.rows[index] = RELEASED;
      const row = parseRow(values, rowNumber, columns, defaultSite, added);
      if (row.device) {
        const serial = normaliseSerial(row.device.serialNumber)!;
        const firstRow = firstRowOfSerial.get(serial);
        if (firstRow) {
          row.reason = `numéro de série ${serial} déjà présent ligne ${firstRow}`;
          row.device = undefined;
        } else firstRowOfSerial.set(serial, rowNumber);
      }
      if (!row.device) row.values = rowValues(values, columns);
      chunk.push(row);
    }
    yield chunk;
  }
}
