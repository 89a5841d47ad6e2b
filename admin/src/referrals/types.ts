import type { z } from 'zod';
import type { JsonOf } from '../../../api/core/json.js';
import { DEVICE_TYPES, type DeviceType } from '../../../api/devices/lifecycle.js';
import type { AllocationCreateSchema, BeneficiaryUpdateSchema, CancelSchema, RefusalSchema } from '../../../api/referrals/referral.schemas.js';
import type { serializeBeneficiary, serializeReferral, serializeReferralForPartner } from '../../../api/referrals/referral.service.js';
import { everyValueOf } from '../types.js';

export type Beneficiary = JsonOf<ReturnType<typeof serializeBeneficiary>>;
/** What the partner sees of a referral (least privilege): nothing else about the person. */
export type PartnerReferral = JsonOf<ReturnType<typeof serializeReferralForPartner>>;
export type Referral = JsonOf<ReturnType<typeof serializeReferral>>;

export type Eligibility = Beneficiary['eligibility'];
export type ReferralStatus = Referral['status'];
export type RefusalReason = NonNullable<Referral['refusalReason']>;
export type CancellationReason = NonNullable<Referral['cancellationReason']>;

/** The API's lists sit in its entity files (which import MikroORM): copied here, checked against its types. */
export const ELIGIBILITY_BASES = everyValueOf<Eligibility>()(['rsa', 'aah', 'ass', 'aspa', 'css', 'young_insertion', 'other']);
export const REFERRAL_STATUSES = everyValueOf<ReferralStatus>()(['submitted', 'accepted', 'equipped', 'refused', 'cancelled', 'expired']);
export const REFUSAL_REASONS = everyValueOf<RefusalReason>()(['unreachable', 'did_not_come', 'not_eligible', 'need_already_met', 'duplicate', 'other']);
export const CANCELLATION_REASONS = everyValueOf<CancellationReason>()(['moved_away', 'need_already_met', 'declined', 'entered_by_mistake', 'other']);
export const OPEN_STATUSES: ReferralStatus[] = ['submitted', 'accepted'];
/** A referral's need is a device type. */
export const NEEDS: readonly DeviceType[] = DEVICE_TYPES;

export type RefusalInput = z.input<typeof RefusalSchema>;
export type CancelInput = z.input<typeof CancelSchema>;
export type AllocationInput = z.input<typeof AllocationCreateSchema>;

/**
 * `GET|POST /api/allocations`. Kept here: the API builds it in a closure inside referral.routes.ts,
 * with no type to import.
 */
export interface Allocation {
  id: number;
  device: number;
  assetTag: string;
  deviceType: DeviceType;
  referral: number;
  voucherCode: string;
  price: number;
  agreement: number;
  allocatedAt: string;
}

/** The person fields of the referral form and of the rectification form: every field a rectification accepts. */
export const PERSON_FIELDS = everyValueOf<Exclude<keyof z.input<typeof BeneficiaryUpdateSchema>, 'version'>>()([
  'firstName',
  'lastName',
  'birthYear',
  'postcode',
  'commune',
  'eligibility',
  'phone',
]);

/** The RGPD jobs the admin may run now from the RGPD page (the API's job table is keyed by plain strings). */
export type JobName = 'expire-referrals' | 'anonymise-inactive' | 'purge-access-log';
