import type { z } from 'zod';
import type { BatchStatus } from '../../../api/batches/batch.entity.js';
import type { BatchDevicesSchema, BatchSchema, PickupSchema } from '../../../api/batches/batch.schemas.js';
import type { AddResult, PickupResult as ServicePickupResult } from '../../../api/batches/batch.service.js';
import type { BulkOutcomeSchema, TransitionSchema } from '../../../api/devices/device.schemas.js';
import { everyValueOf } from '../types.js';

export type { BatchStatus };

export const BATCH_STATUSES = everyValueOf<BatchStatus>()(['draft', 'ready', 'picked_up', 'disputed', 'closed']);

/** The answer of every `/api/batches` route (its serializer stays inside batch.routes.ts; the routes declare this schema). */
export type Batch = z.output<typeof BatchSchema>;

/** `POST /api/batches/:id/devices`. */
export type AddToBatchInput = z.input<typeof BatchDevicesSchema>;
export type AddToBatchResult = AddResult;
/** The details of its 409: the same lists, where a tag nobody knows has no device id. */
export type AddToBatchRefusal = Omit<AddResult, 'refused'> & { refused: (Omit<AddResult['refused'][number], 'id'> & { id: number | null })[] };

export type PickupInput = z.input<typeof PickupSchema>;
/** `POST /api/batches/:id/pickup`: the service's result, with the batch as the routes serialize it. */
export type PickupResult = Omit<ServicePickupResult, 'batch'> & { batch: Batch };

export type RefurbishGrade = NonNullable<z.input<typeof TransitionSchema>['grade']>;

/** `POST /api/devices/outcomes` without its tags: the grade goes with refurbished, the reason with recycled. */
export type Outcome =
  | ({ to: 'refurbished' } & Pick<z.input<typeof BulkOutcomeSchema>, 'grade' | 'notes'>)
  | ({ to: 'recycled' } & Required<Pick<z.input<typeof BulkOutcomeSchema>, 'reason'>>);

/** A batch's content can change only while it is being prepared; after pickup it can be closed. */
export const isFrozen = (status: BatchStatus) => status !== 'draft';
export const canBeClosed = (status: BatchStatus) => status === 'picked_up' || status === 'disputed';
export const hasManifest = (status: BatchStatus) => status !== 'draft';
