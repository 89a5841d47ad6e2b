import { conflict } from '../core/errors.js';
import { stepFrom, type StatusStep } from '../core/state-machine.js';
import type { Batch, BatchStatus } from './batch.entity.js';

export type BatchAction = 'add_devices' | 'remove_device' | 'mark_ready' | 'confirm_pickup' | 'close';

/**
 * A batch's life: `draft` (its content may change) → `ready` (manifest frozen) → `picked_up`, or
 * `disputed` when devices were missing at the pickup → `closed`.
 */
export const BATCH_STEPS: readonly StatusStep<BatchStatus, BatchAction>[] = [
  { action: 'add_devices', from: ['draft'] },
  { action: 'remove_device', from: ['draft'] },
  { action: 'mark_ready', from: ['draft'], to: 'ready' },
  // to `picked_up`, or `disputed` when a device was missing: the pickup decides
  { action: 'confirm_pickup', from: ['ready'] },
  { action: 'close', from: ['picked_up', 'disputed'], to: 'closed' },
];

const ACTION_FR: Record<BatchAction, string> = {
  add_devices: 'y ajouter des appareils (il est figé)',
  remove_device: 'en retirer un appareil (il est figé)',
  mark_ready: 'le déclarer prêt',
  confirm_pickup: "confirmer l'enlèvement",
  close: 'le clôturer',
};

/** Refuses `action` on a batch whose status does not allow it (409 BATCH_STATUS). */
export function assertBatchStep(batch: Pick<Batch, 'reference' | 'status'>, action: BatchAction): void {
  if (!stepFrom(BATCH_STEPS, batch.status, action)) {
    throw conflict('BATCH_STATUS', `Le lot ${batch.reference} est « ${batch.status} » : impossible de ${ACTION_FR[action]}.`, { status: batch.status });
  }
}
