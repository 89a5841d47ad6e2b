import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Device } from '../devices/device.entity.js';
import { User } from '../users/user.entity.js';
import { Medium } from './medium.entity.js';
import { SANITIZATION_CATEGORIES, SANITIZATION_RESULTS, SANITIZATION_TECHNIQUES, VERIFICATIONS } from './nist.js';

export const SANITIZATION_SOURCES = ['manual', 'nwipe_log', 'nwipe_json'] as const;

/**
 * One wipe (or destruction) of one medium, per NIST SP 800-88 Rev. 1. Append-only like the
 * chain of custody: a later wipe is a new record, never an edit of a failed one.
 */
export const Sanitization = defineEntity({
  name: 'Sanitization',
  tableName: 'sanitizations',
  properties: {
    id: p.integer().primary(),
    medium: () => p.manyToOne(Medium).index(),
    device: () => p.manyToOne(Device).index(),
    category: p.enum([...SANITIZATION_CATEGORIES]),
    technique: p.enum([...SANITIZATION_TECHNIQUES]),
    tool: p.string().length(120),
    toolVersion: p.string().length(40).nullable(),
    /** Empty when only the end time is known: a certificate never prints an invented start. */
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime(),
    passes: p.integer().nullable(),
    verification: p.enum([...VERIFICATIONS]),
    result: p.enum([...SANITIZATION_RESULTS]),
    errors: p.text().nullable(),
    operator: () => p.manyToOne(User),
    source: p.enum([...SANITIZATION_SOURCES]),
    /** Fingerprint of the imported log entry: importing the same log twice records nothing new. */
    sourceKey: p.string().length(64).nullable().unique(),
    hostSerial: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Sanitization = InferEntity<typeof Sanitization>;
