import { instantFrom, numberInRange, recordId, z } from '../core/zod.js';
import { CALENDAR_DAYS } from '../core/bounds.js';
import { oneOrMany } from '../core/simple-rest.js';
import { normaliseSerial } from '../devices/device.schemas.js';
import { MEDIA_KINDS, SANITIZATION_CATEGORIES, SANITIZATION_RESULTS, SANITIZATION_TECHNIQUES, VERIFICATIONS } from './nist.js';

const id = recordId;
/** Not before 2000; a wipe ending in the future is refused by the service (it also checks imported logs). */
const dateTime = instantFrom(CALENDAR_DAYS.earliest);
/** From a memory card to the largest SSDs sold (about 120 To in 2025). */
const CAPACITY_GB = { min: 1, max: 200_000, integer: true, unit: 'Go' };
/** nwipe's longest method (Gutmann) makes 35 passes; a few rounds of it stay below 100. */
const PASSES = { min: 0, max: 100, integer: true };

export const MediumCreateSchema = z
  .object({
    device: id,
    kind: z.enum(MEDIA_KINDS),
    serialNumber: z
      .string()
      .max(64)
      .transform((value) => normaliseSerial(value) ?? '')
      .refine(Boolean, 'numéro de série du support obligatoire'),
    model: z.string().trim().max(120).nullish().transform((value) => value || null),
    capacityGb: numberInRange(CAPACITY_GB).nullish().transform((value) => value ?? null),
  })
  .openapi('MediumCreate');

export const MediumSchema = z
  .object({
    id: z.number(),
    device: z.number(),
    assetTag: z.string(),
    kind: z.enum(MEDIA_KINDS),
    serialNumber: z.string(),
    model: z.string().nullable(),
    capacityGb: z.number().nullable(),
    interface: z.string().nullable(),
    lastResult: z.enum(SANITIZATION_RESULTS).nullable(),
    createdAt: z.string(),
  })
  .openapi('Medium');

export const SanitizationCreateSchema = z
  .object({
    medium: id,
    category: z.enum(SANITIZATION_CATEGORIES).optional(),
    technique: z.enum(SANITIZATION_TECHNIQUES),
    tool: z.string().trim().min(1).max(120),
    toolVersion: z.string().trim().max(40).nullish().transform((value) => value || null),
    /** Left out (or null) when only the end time is known: the certificate says « heure de fin seulement ». */
    startedAt: dateTime.nullish().transform((value) => value ?? null),
    finishedAt: dateTime,
    passes: numberInRange(PASSES).nullish().transform((value) => value ?? null),
    verification: z.enum(VERIFICATIONS).optional(),
    /** Short form of the public contract: `verified: true` means the last pass was read back. */
    verified: z.boolean().optional(),
    result: z.enum(SANITIZATION_RESULTS),
    errors: z.string().trim().max(2000).nullish().transform((value) => value || null),
  })
  .transform(({ verified, verification, ...rest }) => ({
    ...rest,
    verification: verification ?? (verified ? ('last_pass' as const) : ('none' as const)),
  }))
  .openapi('SanitizationCreate');

export const SanitizationSchema = z
  .object({
    id: z.number(),
    medium: z.number(),
    mediumSerialNumber: z.string(),
    device: z.number(),
    assetTag: z.string(),
    category: z.enum(SANITIZATION_CATEGORIES),
    technique: z.enum(SANITIZATION_TECHNIQUES),
    tool: z.string(),
    toolVersion: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string(),
    passes: z.number().nullable(),
    verification: z.enum(VERIFICATIONS),
    result: z.enum(SANITIZATION_RESULTS),
    errors: z.string().nullable(),
    operator: z.number(),
    operatorName: z.string(),
    source: z.string(),
    hostSerial: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Sanitization');

export const MediumFilterSchema = z.object({
  device: oneOrMany(id).optional(),
  kind: oneOrMany(z.enum(MEDIA_KINDS)).optional(),
  q: z.string().trim().max(64).optional(),
  id: oneOrMany(id).optional(),
});

export const SanitizationFilterSchema = z.object({
  device: oneOrMany(id).optional(),
  medium: oneOrMany(id).optional(),
  result: z.enum(SANITIZATION_RESULTS).optional(),
  technique: oneOrMany(z.enum(SANITIZATION_TECHNIQUES)).optional(),
  source: z.enum(['manual', 'nwipe_log', 'nwipe_json']).optional(),
  id: oneOrMany(id).optional(),
});
