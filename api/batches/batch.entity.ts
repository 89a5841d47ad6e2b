import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

export const BATCH_STATUSES = ['draft', 'ready', 'picked_up', 'disputed', 'closed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** A handover batch ("lot d'enlèvement"): sanitized devices picked up together by the partner. */
export const Batch = defineEntity({
  name: 'Batch',
  tableName: 'batches',
  properties: {
    id: p.integer().primary(),
    reference: p.string().length(20).unique(),
    site: p.string().length(120),
    partner: p.string().length(120),
    plannedAt: p.date().nullable(),
    status: p.enum([...BATCH_STATUSES]).default('draft'),
    notes: p.text().nullable(),
    createdBy: () => p.manyToOne(User),
    readyAt: p.datetime().nullable(),
    readyBy: () => p.manyToOne(User).nullable(),
    pickedUpAt: p.datetime().nullable(),
    pickedUpBy: () => p.manyToOne(User).nullable(),
    /** Written by the partner when devices were missing at pickup. */
    discrepancy: p.text().nullable(),
    /** Asset tags expected but not scanned at pickup: they stayed with the Département. */
    missingAssetTags: p.json<string[]>().nullable(),
    closedAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Batch = InferEntity<typeof Batch>;
