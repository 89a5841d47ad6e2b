import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';

export const ELIGIBILITY_BASES = ['rsa', 'aah', 'ass', 'aspa', 'css', 'young_insertion', 'other'] as const;

/**
 * A resident referred for a device. Minimal data by design (RGPD): no free-text social or health
 * details, a birth year rather than a birth date. Identity fields are emptied on erasure or
 * anonymisation; the row stays so that statistics do not change.
 */
export const Beneficiary = defineEntity({
  name: 'Beneficiary',
  tableName: 'beneficiaries',
  properties: {
    id: p.integer().primary(),
    firstName: p.string().length(80).nullable(),
    lastName: p.string().length(80).nullable(),
    birthYear: p.integer().nullable(),
    postcode: p.string().length(5).nullable(),
    commune: p.string().length(120).nullable(),
    territory: p.string().length(120),
    eligibility: p.enum([...ELIGIBILITY_BASES]),
    phone: p.string().length(20).nullable(),
    consentAt: p.datetime(),
    consentRecordedBy: () => p.manyToOne(User),
    createdBy: () => p.manyToOne(User),
    lastActivityAt: p.datetime().onCreate(() => new Date()),
    anonymisedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});
export type Beneficiary = InferEntity<typeof Beneficiary>;
