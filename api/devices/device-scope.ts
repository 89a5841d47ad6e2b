import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRow } from '../db/plain-sql.js';
import type { AuthenticatedUser } from '../core/auth.js';
import { AppError } from '../core/errors.js';
import { PARTNER_VISIBLE_STATUSES } from '../core/permissions.js';
import { Batch } from '../batches/batch.entity.js';
import type { Device } from './device.entity.js';
import { DEVICE_COLUMNS, deviceFromRow, type DeviceFields, type DeviceRow } from './device-sql.js';

/**
 * Who sees which device. Depot staff and admins see every device; the partner sees a device once
 * a batch addressed to its organisation is ready for pickup, and after that (the device keeps its
 * batch once handed over); never while it is only at the depot, never another organisation's.
 * Social workers and viewers see none (their routes' guards refuse them).
 */

/** The partner sees devices only once a batch is on its way to them. */
function isPartnerVisible(device: Pick<DeviceFields, 'status'>): boolean {
  return (PARTNER_VISIBLE_STATUSES as readonly string[]).includes(device.status);
}

/** The devices this user may see, as a filter on devices (nest it under `device` to filter their events). */
export function visibleDevices(actor: AuthenticatedUser): ObjectQuery<Device> {
  if (actor.role !== 'partner') return {};
  return {
    status: { $in: [...PARTNER_VISIBLE_STATUSES] },
    // in a batch addressed to this partner's organisation, once the batch is ready
    batch: { status: { $ne: 'draft' }, partner: actor.organisation ?? '' },
  };
}

/**
 * The organisation part of the same rule, as a condition on a `devices` row for plain SQL (the
 * partner's one-statement transitions): `{sql, params}` to append with `and`.
 */
export function visibleDevicesSql(actor: AuthenticatedUser, deviceAlias = 'devices'): { sql: string; params: unknown[] } {
  if (actor.role !== 'partner') return { sql: 'true', params: [] };
  return {
    sql: `exists (select 1 from batches b where b.id = ${deviceAlias}.batch_id and b.status <> 'draft' and b.partner = ?)`,
    params: [actor.organisation ?? ''],
  };
}

/** The same rule on one device: may this user see it? */
export async function isVisible(em: EntityManager, device: Pick<DeviceFields, 'status' | 'batch'>, actor: AuthenticatedUser): Promise<boolean> {
  if (actor.role !== 'partner') return true;
  if (!isPartnerVisible(device)) return false;
  const batch = device.batch ? await em.findOne(Batch, { id: device.batch.id }) : null;
  return !!batch && batch.status !== 'draft' && batch.partner === actor.organisation;
}

const notYetHanded = () => new AppError(403, 'FORBIDDEN', "Cet appareil n'a pas encore été confié à votre organisation.");

/** 403 to a partner for a device not yet handed to its organisation. */
export async function assertVisible(em: EntityManager, device: Pick<DeviceFields, 'status' | 'batch'>, actor: AuthenticatedUser): Promise<void> {
  if (!(await isVisible(em, device, actor))) throw notYetHanded();
}

/**
 * One device by a unique column, read by plain SQL with `assertVisible`'s check riding in the same
 * statement (the scan, the partner's busiest read: one query instead of the device then its
 * batch). Null when no device has that value; 403 as `assertVisible` when this user may not see it.
 */
export async function findVisibleDeviceRow(em: EntityManager, column: 'asset_tag' | 'serial_number', value: string, actor: AuthenticatedUser): Promise<DeviceFields | null> {
  const organisation = visibleDevicesSql(actor);
  const row = await queryRow<DeviceRow & { organisation_sees: boolean }>(
    em,
    `select ${DEVICE_COLUMNS}, ${organisation.sql} as organisation_sees from devices where ${column} = ?`,
    [...organisation.params, value],
  );
  if (!row) return null;
  const device = deviceFromRow(em, row);
  if (actor.role === 'partner' && !(isPartnerVisible(device) && row.organisation_sees)) throw notYetHanded();
  return device;
}
