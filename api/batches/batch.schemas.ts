import { dayBetween, recordId, z } from '../core/zod.js';
import { shiftYears, todayInParis } from '../core/bounds.js';
import { oneOrMany } from '../core/simple-rest.js';
import { BATCH_STATUSES } from './batch.entity.js';

const site = z.string().trim().min(2).max(120);
/** A pickup is planned weeks ahead, at most two years away from today (either side: a draft may be late). */
const PLANNED_YEARS_AWAY = 2;
const plannedAt = dayBetween({ earliest: () => shiftYears(todayInParis(), -PLANNED_YEARS_AWAY), latest: () => shiftYears(todayInParis(), PLANNED_YEARS_AWAY) })
  .nullish()
  .transform((value) => value ?? null);

export const BatchCreateSchema = z
  .object({
    site,
    plannedAt,
    partner: z.string().trim().min(2).max(120).optional(),
    notes: z.string().trim().max(2000).nullish().transform((value) => value || null),
  })
  .openapi('BatchCreate');

export const BatchUpdateSchema = z
  .object({ plannedAt, notes: z.string().trim().max(2000).nullish().transform((value) => value || null), version: z.number().int().positive() })
  .partial()
  .required({ version: true })
  .openapi('BatchUpdate');

export const BatchDevicesSchema = z
  .object({
    ids: z.array(recordId).max(1000).optional(),
    /** What a scanner reads: asset tags. */
    assetTags: z.array(z.string().trim().max(32)).max(1000).optional(),
  })
  .refine((value) => (value.ids?.length ?? 0) + (value.assetTags?.length ?? 0) > 0, 'donnez des identifiants (ids) ou des étiquettes (assetTags)')
  .openapi('BatchDevices');

export const PickupSchema = z
  .object({
    scanned: z.array(z.string().trim().max(64)).max(2000),
    discrepancy: z.string().trim().max(2000).optional(),
  })
  .openapi('Pickup');

export const BatchSchema = z
  .object({
    id: z.number(),
    reference: z.string(),
    site: z.string(),
    partner: z.string(),
    plannedAt: z.string().nullable(),
    status: z.enum(BATCH_STATUSES),
    notes: z.string().nullable(),
    deviceCount: z.number(),
    countsByType: z.record(z.string(), z.number()),
    readyAt: z.string().nullable(),
    pickedUpAt: z.string().nullable(),
    pickedUpByName: z.string().nullable(),
    discrepancy: z.string().nullable(),
    missingAssetTags: z.array(z.string()).nullable(),
    closedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
  })
  .openapi('Batch');

export const BatchFilterSchema = z.object({
  q: z.string().trim().max(40).optional(),
  status: oneOrMany(z.enum(BATCH_STATUSES)).optional(),
  site: z.string().trim().max(120).optional(),
  id: oneOrMany(recordId).optional(),
});
