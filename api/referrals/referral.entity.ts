import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { Beneficiary } from './beneficiary.entity.js';

export const REFERRAL_STATUSES = ['submitted', 'accepted', 'equipped', 'refused', 'cancelled', 'expired'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFUSAL_REASONS = ['unreachable', 'did_not_come', 'not_eligible', 'need_already_met', 'duplicate', 'other'] as const;
/** Why a social worker cancels a referral: a reason from the list, never free text about the person alone. */
export const CANCELLATION_REASONS = ['moved_away', 'need_already_met', 'declined', 'entered_by_mistake', 'other'] as const;

export const Referral = defineEntity({
  name: 'Referral',
  tableName: 'referrals',
  properties: {
    id: p.integer().primary(),
    beneficiary: () => p.manyToOne(Beneficiary),
    referrer: () => p.manyToOne(User),
    territory: p.string().length(120),
    need: p.enum([...DEVICE_TYPES]),
    trainingWanted: p.boolean().default(false),
    status: p.enum([...REFERRAL_STATUSES]).default('submitted'),
    /** The partner organisation the referral is addressed to: only its staff see it. */
    partner: p.string().length(120),
    voucherCode: p.string().length(9).unique(),
    refusalReason: p.enum([...REFUSAL_REASONS]).nullable(),
    cancellationReason: p.enum([...CANCELLATION_REASONS]).nullable(),
    /** The optional note that goes with a refusal or cancellation reason; erasure clears it. */
    statusNote: p.string().length(500).nullable(),
    acceptedAt: p.datetime().nullable(),
    acceptedBy: () => p.manyToOne(User).nullable(),
    closedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    version: p.integer().version(),
  },
});
export type Referral = InferEntity<typeof Referral>;
