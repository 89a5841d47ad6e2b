import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DEVICE_STATUSES, DEVICE_TYPES } from './lifecycle.js';
import { Batch } from '../batches/batch.entity.js';

export const CONDITION_GRADES = ['A', 'B', 'C', 'D'] as const;

export const Device = defineEntity({
  name: 'Device',
  tableName: 'devices',
  properties: {
    id: p.integer().primary(),
    assetTag: p.string().length(32).unique(),
    inventoryNumber: p.string().length(64).nullable(),
    /** Trimmed and upper-cased, unique: the key of imports and of nwipe log matching. */
    serialNumber: p.string().length(64).nullable().unique(),
    hostname: p.string().length(64).nullable(),
    type: p.enum([...DEVICE_TYPES]),
    brand: p.string().length(64).nullable(),
    model: p.string().length(120).nullable(),
    cpu: p.string().length(120).nullable(),
    ramGb: p.integer().nullable(),
    storageSummary: p.string().length(120).nullable(),
    year: p.integer().nullable(),
    conditionGrade: p.enum([...CONDITION_GRADES]).nullable(),
    originSite: p.string().length(120),
    /** Where the device is now. */
    site: p.string().length(120).index(),
    status: p.enum([...DEVICE_STATUSES]).default('registered').index(),
    /** The handover batch the device is in (or was picked up with). */
    batch: () => p.manyToOne(Batch).nullable().index(),
    certificateNumber: p.string().length(40).nullable(),
    /** Refurbishment grade given by the partner. */
    refurbishedGrade: p.enum(['A', 'B', 'C']).nullable(),
    /** Recorded by a technician: the device holds no storage medium (monitor, printer...). */
    noStorage: p.boolean().default(false),
    notes: p.text().nullable(),
    /** Set when a stock-take did not find the device on its site's shelves; cleared when found or written off. */
    missingSince: p.datetime().nullable(),
    missingAuditId: p.integer().nullable(),
    labelPrintedAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Device = InferEntity<typeof Device>;
