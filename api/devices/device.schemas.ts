import { numberInRange, recordId, z } from '../core/zod.js';
import { CONDITION_GRADES } from './device.entity.js';
import { DEVICE_STATUSES, DEVICE_TYPES } from './lifecycle.js';
import { oneOrMany } from '../core/simple-rest.js';
import { DeviceSpecsSchema } from './device-specs.js';

const CURRENT_YEAR = new Date().getFullYear();

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `au plus ${max} caractères`)
    .nullish()
    .transform((value) => (value ? value : null));

/** Serial numbers are compared trimmed and upper-cased: `  5cd1234xyz ` and `5CD1234XYZ` are one device. */
export const normaliseSerial = (value: string | null | undefined): string | null => {
  const normalised = value?.trim().replace(/\s+/g, ' ').toUpperCase();
  return normalised ? normalised : null;
};

const serialNumber = z
  .string()
  .max(64, 'au plus 64 caractères')
  .nullish()
  .transform((value) => normaliseSerial(value));

const site = z.string().trim().min(2, 'au moins 2 caractères').max(120);

export const deviceFields = {
  type: z.enum(DEVICE_TYPES, { error: `type inconnu (valeurs : ${DEVICE_TYPES.join(', ')})` }),
  brand: optionalText(64),
  model: optionalText(120),
  serialNumber,
  inventoryNumber: optionalText(64),
  hostname: optionalText(64),
  cpu: optionalText(120),
  /** 0 is what an import makes of less than half a gigabyte; 1 To is a large server. */
  ramGb: numberInRange({ min: 0, max: 1024, integer: true, unit: 'Go' }).nullish().transform((value) => value ?? null),
  storageSummary: optionalText(120),
  year: z
    .number()
    .int()
    .min(1980, 'année trop ancienne')
    .max(CURRENT_YEAR + 1, 'année dans le futur')
    .nullish()
    .transform((value) => value ?? null),
  conditionGrade: z.enum(CONDITION_GRADES).nullish().transform((value) => value ?? null),
  originSite: site,
  notes: optionalText(2000),
};

export const DeviceCreateSchema = z.object(deviceFields).openapi('DeviceCreate');

/** `version` is the one the user saw: if someone changed the device since, the update is refused (409). */
export const DeviceUpdateSchema = z
  .object({ ...deviceFields, version: z.number().int().positive() })
  .partial()
  .required({ version: true })
  .openapi('DeviceUpdate');

export const TransitionSchema = z
  .object({
    to: z.enum(DEVICE_STATUSES),
    reason: z.string().trim().max(1000).optional(),
    version: z.number().int().positive().optional(),
    /** Refurbishment grade given by the partner (with `to: refurbished`). */
    grade: z.enum(['A', 'B', 'C']).optional(),
    notes: z.string().trim().max(1000).optional(),
  })
  .openapi('Transition');

/** The partner's outcome for a pile of scanned devices: all refurbished, or all recycled. */
export const BulkOutcomeSchema = z
  .object({
    assetTags: z.array(z.string().trim().max(32)).min(1).max(500),
    to: z.enum(['refurbished', 'recycled']),
    reason: z.string().trim().max(1000).optional(),
    grade: z.enum(['A', 'B', 'C']).optional(),
    notes: z.string().trim().max(1000).optional(),
  })
  .openapi('BulkOutcome');

export const MoveSchema = z
  .object({ site, reason: z.string().trim().max(1000).optional(), version: z.number().int().positive().optional() })
  .openapi('Move');

export const DeviceSchema = z
  .object({
    id: z.number().int(),
    assetTag: z.string(),
    inventoryNumber: z.string().nullable(),
    serialNumber: z.string().nullable(),
    hostname: z.string().nullable(),
    type: z.enum(DEVICE_TYPES),
    brand: z.string().nullable(),
    model: z.string().nullable(),
    cpu: z.string().nullable(),
    ramGb: z.number().nullable(),
    storageSummary: z.string().nullable(),
    year: z.number().nullable(),
    conditionGrade: z.enum(CONDITION_GRADES).nullable(),
    originSite: z.string(),
    site: z.string(),
    status: z.enum(DEVICE_STATUSES),
    batch: z.number().nullable(),
    refurbishedGrade: z.enum(['A', 'B', 'C']).nullable(),
    certificateNumber: z.string().nullable(),
    noStorage: z.boolean(),
    missingSince: z.string().nullable(),
    notes: z.string().nullable(),
    labelPrintedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Device');

export const DeviceFilterSchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: oneOrMany(z.enum(DEVICE_STATUSES)).optional(),
  type: oneOrMany(z.enum(DEVICE_TYPES)).optional(),
  brand: z.string().trim().max(64).optional(),
  site: z.string().trim().max(120).optional(),
  labelPrinted: z.boolean().optional(),
  id: oneOrMany(recordId).optional(),
  batch: recordId.optional(),
  missing: z.boolean().optional(),
});

export const DEVICE_SORT_FIELDS = [
  'id',
  'assetTag',
  'type',
  'brand',
  'model',
  'status',
  'site',
  'year',
  'createdAt',
  'updatedAt',
  'labelPrintedAt',
] as const;

/** A device as listed and shown: with its specs as people read them (api/devices/device-specs.ts). */
export const DeviceWithSpecsSchema = DeviceSchema.extend({ specs: DeviceSpecsSchema }).openapi('DeviceWithSpecs');
