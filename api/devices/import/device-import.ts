import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../../core/auth.js';
import { AppError } from '../../core/errors.js';
import type { AssetTagFormat } from '../asset-tag.js';
import { Device } from '../device.entity.js';
import { DeviceCreateSchema, normaliseSerial } from '../device.schemas.js';
import { recordEvent } from '../custody-events.js';
import { nextAssetTags, type DeviceInput } from '../device.service.js';
import { recordRegistrations } from '../transitions.js';
import { DEVICE_TYPES } from '../lifecycle.js';
import { TYPE_LABELS } from '../device-names.js';
import { mapDeviceType, mapHeaders, parseRamGb, type ImportField } from './column-mapping.js';
import type { Table } from './read-table.js';
import { mapWithPauses, readImportTable } from './heavy-import.js';
import { byCount, countOf } from '../../core/french.js';

export interface ImportReport {
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** A refused row with the values the file had (as written), so the user finds it in the file. */
  rejected: ({ row: number; reason: string } & RowValues)[];
  columns: { header: string; field: ImportField | null }[];
  /** The first rows as they will be read, for the preview screen. */
  preview: { row: number; action: 'create' | 'update' | 'unchanged' | 'reject'; device: Partial<DeviceInput> }[];
}

/** What names a row in the report: its cells as the file wrote them (null when empty). */
type RowValues = { serialNumber: string | null; type: string | null; brand: string | null; model: string | null };

interface ParsedRow {
  rowNumber: number;
  device?: DeviceInput;
  reason?: string;
}

/** The device types a file may name, in French as the screens name them. */
const ACCEPTED_TYPES = DEVICE_TYPES.map((type) => TYPE_LABELS[type].toLowerCase()).join(', ');

function rowValues(cells: string[], columns: ImportReport['columns']): RowValues {
  const cell = (field: ImportField) => cells[columns.findIndex((column) => column.field === field)]?.trim() || null;
  return { serialNumber: cell('serialNumber'), type: cell('type'), brand: cell('brand'), model: cell('model') };
}

/** A refused row's values as the preview shows them: its type is left out when the file's word is not one we know. */
function readable(values: RowValues): Partial<DeviceInput> {
  const type = values.type ? mapDeviceType(values.type) : undefined;
  return { serialNumber: values.serialNumber ?? undefined, type, brand: values.brand ?? undefined, model: values.model ?? undefined };
}

const UPDATABLE_FIELDS = ['type', 'brand', 'model', 'inventoryNumber', 'hostname', 'cpu', 'ramGb', 'year', 'notes'] as const;

function parseRow(values: string[], rowNumber: number, columns: ImportReport['columns'], defaultSite?: string): ParsedRow {
  const raw: Partial<Record<ImportField, string>> = {};
  columns.forEach(({ field }, index) => {
    if (field && values[index]) raw[field] = values[index].trim();
  });
  if (!raw.serialNumber) return { rowNumber, reason: 'numéro de série manquant (il sert à reconnaître l’appareil à chaque import)' };
  const type = raw.type ? mapDeviceType(raw.type) : undefined;
  if (!type) {
    return {
      rowNumber,
      reason: raw.type
        ? `type « ${raw.type} » inconnu (attendu : ${ACCEPTED_TYPES})`
        : 'type manquant',
    };
  }
  const year = raw.year ? Number(/\d{4}/.exec(raw.year)?.[0]) : undefined;
  const candidate = {
    type,
    serialNumber: raw.serialNumber,
    brand: raw.brand,
    model: raw.model,
    hostname: raw.hostname,
    inventoryNumber: raw.inventoryNumber,
    cpu: raw.cpu,
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

function changedFields(existing: Device, incoming: DeviceInput): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of UPDATABLE_FIELDS) {
    const value = incoming[field];
    // an empty cell never erases what we know
    if (value === null || value === undefined) continue;
    const before = existing[field] ?? null;
    if (before !== value) changes[field] = [before, value];
  }
  return changes;
}

async function loadExisting(em: EntityManager, serials: string[]): Promise<Map<string, Device>> {
  const existing = new Map<string, Device>();
  for (let start = 0; start < serials.length; start += 5000) {
    const devices = await em.find(Device, { serialNumber: { $in: serials.slice(start, start + 5000) } });
    for (const device of devices) existing.set(device.serialNumber!, device);
  }
  return existing;
}

/**
 * Upserts devices by serial number, all or nothing: if any row is rejected nothing is written and
 * the report says which rows to fix. The same file imported twice changes nothing.
 */
export async function importDevices(
  em: EntityManager,
  buffer: Buffer,
  options: { dryRun: boolean; defaultSite?: string; actor: AuthenticatedUser; format: AssetTagFormat },
): Promise<ImportReport> {
  // the header row (a serial number column among others) is checked as soon as it is read: read-table.ts
  const table: Table = await readImportTable(buffer);
  const columns = mapHeaders(table.headers);
  const parsed = await mapWithPauses(table.rows, ({ values, rowNumber }) => ({ ...parseRow(values, rowNumber, columns, options.defaultSite), values: rowValues(values, columns) }));
  const report: ImportReport = { dryRun: options.dryRun, totalRows: parsed.length, created: 0, updated: 0, unchanged: 0, rejected: [], columns, preview: [] };

  const seen = new Map<string, number>();
  for (const row of parsed) {
    if (!row.device) continue;
    const serial = normaliseSerial(row.device.serialNumber)!;
    const firstRow = seen.get(serial);
    if (firstRow) {
      row.reason = `numéro de série ${serial} déjà présent ligne ${firstRow}`;
      row.device = undefined;
    } else seen.set(serial, row.rowNumber);
  }

  return em.transactional(async (tx) => {
    const existing = await loadExisting(tx, [...seen.keys()]);
    const toCreate: DeviceInput[] = [];
    const toUpdate: { device: Device; changes: Record<string, [unknown, unknown]> }[] = [];
    for (const row of parsed) {
      let action: ImportReport['preview'][number]['action'] = 'reject';
      if (!row.device) {
        report.rejected.push({ row: row.rowNumber, ...row.values, reason: row.reason! });
      } else {
        const current = existing.get(row.device.serialNumber!);
        if (!current) {
          toCreate.push(row.device);
          action = 'create';
        } else {
          const changes = changedFields(current, row.device);
          if (Object.keys(changes).length) {
            toUpdate.push({ device: current, changes });
            action = 'update';
          } else action = 'unchanged';
        }
      }
      if (report.preview.length < 20) report.preview.push({ row: row.rowNumber, action, device: row.device ?? readable(row.values) });
    }
    report.created = toCreate.length;
    report.updated = toUpdate.length;
    report.unchanged = parsed.length - report.rejected.length - toCreate.length - toUpdate.length;
    if (options.dryRun) return report;
    if (report.rejected.length) {
      throw new AppError(
        422,
        'IMPORT_REJECTED',
        `${countOf(report.rejected.length, 'ligne refusée', 'lignes refusées')} : rien n'a été importé. Corrigez ${byCount(report.rejected.length, 'cette ligne', 'ces lignes')} et importez à nouveau le fichier.`,
        report,
      );
    }
    for (const { device, changes } of toUpdate) {
      for (const [field, [, value]] of Object.entries(changes)) (device as Record<string, unknown>)[field] = value;
      recordEvent(tx, device, options.actor.id, { type: 'updated', details: { source: 'import', changes } });
    }
    await tx.flush();
    const assetTags = await nextAssetTags(tx, options.format, toCreate.length);
    for (let start = 0; start < toCreate.length; start += INSERT_CHUNK) {
      await insertDevices(tx, toCreate.slice(start, start + INSERT_CHUNK), assetTags.slice(start, start + INSERT_CHUNK), options.actor.id);
    }
    return report;
  });
}

const INSERT_CHUNK = 5000;

/** The columns an imported row fills; everything else takes the table's defaults (status registered, version 1...). */
const IMPORTED_COLUMNS = {
  asset_tag: 'varchar(32)',
  serial_number: 'varchar(64)',
  type: 'text',
  brand: 'varchar(64)',
  model: 'varchar(120)',
  hostname: 'varchar(64)',
  inventory_number: 'varchar(64)',
  cpu: 'varchar(120)',
  ram_gb: 'int',
  storage_summary: 'varchar(120)',
  year: 'int',
  condition_grade: 'text',
  notes: 'text',
  origin_site: 'varchar(120)',
} as const;

/**
 * New devices, then their `imported` events, a few thousand per statement: one round trip and one
 * set-based insert instead of the unit of work's ten thousand entities (100,000 rows in seconds,
 * not minutes). The rows are already validated by DeviceCreateSchema.
 */
async function insertDevices(tx: EntityManager, inputs: DeviceInput[], assetTags: string[], actorId: number): Promise<void> {
  const rows = inputs.map((input, index) => ({
    asset_tag: assetTags[index],
    serial_number: input.serialNumber,
    type: input.type,
    brand: input.brand,
    model: input.model,
    hostname: input.hostname,
    inventory_number: input.inventoryNumber,
    cpu: input.cpu,
    ram_gb: input.ramGb,
    storage_summary: input.storageSummary,
    year: input.year,
    condition_grade: input.conditionGrade,
    notes: input.notes,
    origin_site: input.originSite,
  }));
  const columns = Object.keys(IMPORTED_COLUMNS).join(', ');
  const created = await tx.execute<{ id: number }[]>(
    `with input as (
       select * from json_to_recordset(?::json) as t(${Object.entries(IMPORTED_COLUMNS).map(([name, type]) => `${name} ${type}`).join(', ')})
     ),
     created as (
       insert into devices (${columns}, site, status)
       select ${columns}, origin_site, 'registered' from input
       returning id
     )
     select id from created`,
    [JSON.stringify(rows)],
  );
  await recordRegistrations(tx, created.map((row) => row.id), actorId);
}
