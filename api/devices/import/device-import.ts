import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../../core/auth.js';
import { AppError } from '../../core/errors.js';
import type { AssetTagFormat } from '../asset-tag.js';
import { Device } from '../device.entity.js';
import { normaliseSerial } from '../device.schemas.js';
import { recordEvent } from '../custody-events.js';
import { nextAssetTags, type DeviceInput } from '../device.service.js';
import { recordRegistrations } from '../transitions.js';
import { loadAddedChassisTypes, type AddedChassisTypes } from '../chassis-types.js';
import { mapDeviceType, type ImportField } from './column-mapping.js';
import { forEachWithPauses, readImportRows } from './heavy-import.js';
import type { RowValues } from './parse-rows.js';
import { byCount, countOf } from '../../core/french.js';

export interface ImportReport {
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  /**
   * A refused row with the values the file had (as written), so the user finds it in the file;
   * `unknownType`: refused because its « Type » value is unknown, which an admin may map from the report.
   */
  rejected: ({ row: number; reason: string; unknownType?: true } & RowValues)[];
  columns: { header: string; field: ImportField | null }[];
  /** The first rows as they will be read, for the preview screen. */
  preview: { row: number; action: 'create' | 'update' | 'unchanged' | 'reject'; device: Partial<DeviceInput> }[];
}

/** A refused row's values as the preview shows them: its type is left out when the file's word is not one we know. */
function readable(values: RowValues, added: AddedChassisTypes): Partial<DeviceInput> {
  const type = values.type ? mapDeviceType(values.type, added) : undefined;
  return { serialNumber: values.serialNumber ?? undefined, type, brand: values.brand ?? undefined, model: values.model ?? undefined };
}

const UPDATABLE_FIELDS = ['type', 'brand', 'model', 'inventoryNumber', 'hostname', 'cpu', 'ramGb', 'year', 'notes'] as const;

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
  // the header row (a serial number column among others) is checked as soon as it is read:
  // read-table.ts; rows are validated, and a repeated serial number refused, in parse-rows.ts
  const added = await loadAddedChassisTypes(em);
  const { columns, rows: parsed } = await readImportRows(buffer, options.defaultSite, added);
  const report: ImportReport = { dryRun: options.dryRun, totalRows: parsed.length, created: 0, updated: 0, unchanged: 0, rejected: [], columns, preview: [] };
  const serials = parsed.flatMap((row) => (row.device ? [normaliseSerial(row.device.serialNumber)!] : []));

  return em.transactional(async (tx) => {
    const existing = await loadExisting(tx, serials);
    const toCreate: DeviceInput[] = [];
    const toUpdate: { device: Device; changes: Record<string, [unknown, unknown]> }[] = [];
    await forEachWithPauses(parsed, (row) => {
      let action: ImportReport['preview'][number]['action'] = 'reject';
      if (!row.device) {
        report.rejected.push({ row: row.rowNumber, ...row.values!, reason: row.reason!, ...(row.unknownType ? { unknownType: true as const } : {}) });
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
      if (report.preview.length < 20) report.preview.push({ row: row.rowNumber, action, device: row.device ?? readable(row.values!, added) });
    });
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
