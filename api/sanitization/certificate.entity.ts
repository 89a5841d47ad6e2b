import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Device } from '../devices/device.entity.js';
import { User } from '../users/user.entity.js';

/** Issued when a device becomes sanitized; verifiable publicly by its number (which is not guessable). */
export const Certificate = defineEntity({
  name: 'Certificate',
  tableName: 'certificates',
  properties: {
    id: p.integer().primary(),
    number: p.string().length(40).unique(),
    device: () => p.manyToOne(Device).index(),
    issuedAt: p.datetime().onCreate(() => new Date()),
    issuedBy: () => p.manyToOne(User),
    /** The records the certificate rests on (ids), frozen at issue time. */
    sanitizationIds: p.json<number[]>(),
    /** A one-line summary of the method, shown by the public verification. */
    methodSummary: p.string().length(200),
  },
});
export type Certificate = InferEntity<typeof Certificate>;
