import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

export const AUDIT_STATUSES = ['open', 'paused', 'closed'] as const;
export const SCAN_RESULTS = ['found', 'unexpected', 'unknown'] as const;

/** A stock-take of one depot site. Expected devices and scans live in their own tables (plain SQL). */
export const Audit = defineEntity({
  name: 'Audit',
  tableName: 'audits',
  properties: {
    id: p.integer().primary(),
    site: p.string().length(120),
    status: p.enum([...AUDIT_STATUSES]).default('open'),
    startedBy: () => p.manyToOne(User),
    startedAt: p.datetime().onCreate(() => new Date()),
    closedBy: () => p.manyToOne(User).nullable(),
    closedAt: p.datetime().nullable(),
    version: p.integer().version(),
  },
});
export type Audit = InferEntity<typeof Audit>;
