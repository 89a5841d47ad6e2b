import type { FilterQuery } from '@mikro-orm/core';
import type { AuthenticatedUser } from '../core/auth.js';
import { notFound } from '../core/errors.js';
import type { Batch } from './batch.entity.js';

/**
 * Who sees which batch: depot staff and admins every batch; partner staff only the batches
 * addressed to their organisation, once they are ready (a draft is the depot's business).
 */

export function batchScope(actor: AuthenticatedUser): FilterQuery<Batch> {
  if (actor.role !== 'partner') return {};
  return { partner: actor.organisation ?? '', status: { $ne: 'draft' } };
}

/** The same rule on one batch: 404 to a partner it is not addressed to (nothing leaks). */
export function assertBatchVisible(batch: Pick<Batch, 'status' | 'partner'>, actor: AuthenticatedUser): void {
  if (actor.role !== 'partner') return;
  if (batch.status === 'draft' || batch.partner !== actor.organisation) throw notFound('Lot');
}
