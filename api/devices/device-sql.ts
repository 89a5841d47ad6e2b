import type { EntityManager } from '@mikro-orm/postgresql';
import type { Device } from './device.entity.js';
import type { DeviceStatus, DeviceType } from './lifecycle.js';

/**
 * What the device serializers and visibility checks read: a loaded `Device` entity fits, and so
 * does a row read by plain SQL (`deviceFromRow`). The scan and the transition, the busiest
 * requests of the partner's desk, read devices this way: MikroORM's findOne and hydration cost
 * more CPU than the query itself.
 */
export interface DeviceFields {
  id: number;
  assetTag: string;
  inventoryNumber?: string | null;
  serialNumber?: string | null;
  hostname?: string | null;
  type: DeviceType;
  brand?: string | null;
  model?: string | null;
  cpu?: string | null;
  ramGb?: number | null;
  storageSummary?: string | null;
  year?: number | null;
  conditionGrade?: Device['conditionGrade'];
  originSite: string;
  site: string;
  status: DeviceStatus;
  batch?: { id: number } | null;
  certificateNumber?: string | null;
  refurbishedGrade?: Device['refurbishedGrade'];
  noStorage: boolean;
  notes?: string | null;
  missingSince?: Date | null;
  missingAuditId?: number | null;
  labelPrintedAt?: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Every column of `devices`, in the order of `DeviceFields` (for `select` and `returning`). */
export const DEVICE_COLUMNS =
  'id, asset_tag, inventory_number, serial_number, hostname, type, brand, model, cpu, ram_gb, storage_summary, year, condition_grade, ' +
  'origin_site, site, status, batch_id, certificate_number, refurbished_grade, no_storage, notes, missing_since, missing_audit_id, ' +
  'label_printed_at, version, created_at, updated_at';

export interface DeviceRow {
  id: number;
  asset_tag: string;
  inventory_number: string | null;
  serial_number: string | null;
  hostname: string | null;
  type: DeviceType;
  brand: string | null;
  model: string | null;
  cpu: string | null;
  ram_gb: number | null;
  storage_summary: string | null;
  year: number | null;
  condition_grade: Device['conditionGrade'] | null;
  origin_site: string;
  site: string;
  status: DeviceStatus;
  batch_id: number | null;
  certificate_number: string | null;
  refurbished_grade: Device['refurbishedGrade'] | null;
  no_storage: boolean;
  notes: string | null;
  /** timestamps come as PostgreSQL's text (MikroORM's type parsers): read with the platform's parseDate, as the ORM does */
  missing_since: string | null;
  missing_audit_id: number | null;
  label_printed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A row of `DEVICE_COLUMNS` as the serializers read it, dates parsed exactly as MikroORM parses them. */
export function deviceFromRow(em: EntityManager, row: DeviceRow): DeviceFields {
  const platform = em.getPlatform();
  const date = (value: string | null) => (value === null ? null : (platform.parseDate(value) as Date));
  return {
    id: row.id,
    assetTag: row.asset_tag,
    inventoryNumber: row.inventory_number,
    serialNumber: row.serial_number,
    hostname: row.hostname,
    type: row.type,
    brand: row.brand,
    model: row.model,
    cpu: row.cpu,
    ramGb: row.ram_gb,
    storageSummary: row.storage_summary,
    year: row.year,
    conditionGrade: row.condition_grade,
    originSite: row.origin_site,
    site: row.site,
    status: row.status,
    batch: row.batch_id === null ? null : { id: row.batch_id },
    certificateNumber: row.certificate_number,
    refurbishedGrade: row.refurbished_grade,
    noStorage: row.no_storage,
    notes: row.notes,
    missingSince: date(row.missing_since),
    missingAuditId: row.missing_audit_id,
    labelPrintedAt: date(row.label_printed_at),
    version: row.version,
    createdAt: date(row.created_at)!,
    updatedAt: date(row.updated_at)!,
  };
}

/** One device by a unique column (asset tag, serial number or id), on the request's connection (and transaction, if any). */
export async function findDeviceRow(em: EntityManager, column: 'id' | 'asset_tag' | 'serial_number', value: string | number): Promise<DeviceFields | null> {
  const row = await em.execute<DeviceRow>(`select ${DEVICE_COLUMNS} from devices where ${column} = ?`, [value], 'get');
  return row ? deviceFromRow(em, row) : null;
}
