import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../core/auth.js';
import { AppError } from '../core/errors.js';
import { PARTNER_VISIBLE_STATUSES } from '../core/permissions.js';
import { Batch } from '../batches/batch.entity.js';
import type { DeviceFields } from './device-sql.js';

/**
 * Who sees which device. Depot staff and admins see every device; the partner sees a device once
 * a batch addressed to its organisation is ready for pickup, and after that; never while it is only
 * at the depot. Social workers and viewers see none (their routes' guards refuse them).
 */

/** The partner sees devices only once a batch is on its way to them. */
export function isPartnerVisible(device: Pick<DeviceFields, 'status'>): boolean {
  return (PARTNER_VISIBLE_STATUSES as readonly string[]).includes(device.status);
}

export async function assertVisible(em: EntityManager, device: Pick<DeviceFields, 'status' | 'batch'>, actor: AuthenticatedUser): Promise<void> {
  if (actor.role !== 'partner') return;
  let visible = isPartnerVisible(device);
  if (visible && device.status === 'in_batch') {
    const batch = device.batch ? await em.findOne(Batch, { id: device.batch.id }) : null;
    visible = !!batch && batch.status !== 'draft' && batch.partner === actor.organisation;
  }
  if (!visible) throw new AppError(403, 'FORBIDDEN', "Cet appareil n'a pas encore été confié à votre organisation.");
}
