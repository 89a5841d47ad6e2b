import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

/** A generated workbook kept with its parameters and the factor values it used (never rewritten). */
export const StoredReport = defineEntity({
  name: 'StoredReport',
  tableName: 'reports',
  properties: {
    id: p.integer().primary(),
    label: p.string().length(200),
    periodFrom: p.date(),
    periodTo: p.date(),
    territory: p.string().length(120).nullable(),
    factors: p.json<unknown[]>(),
    summary: p.json<Record<string, unknown>>(),
    /** Loaded only when downloading: a list never reads the bytes. */
    file: p.blob().lazy(),
    fileSize: p.integer(),
    sha256: p.string().length(64),
    createdBy: () => p.manyToOne(User),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type StoredReport = InferEntity<typeof StoredReport>;
