import type { RaRecord } from 'react-admin';
import type { DeviceType } from '../types.js';

/** Same values as the API (api/referrals/*.entity.ts), repeated here so the entities stay out of the bundle. */
export const ELIGIBILITY_BASES = ['rsa', 'aah', 'ass', 'aspa', 'css', 'young_insertion', 'other'] as const;
export const REFERRAL_STATUSES = ['submitted', 'accepted', 'equipped', 'refused', 'cancelled', 'expired'] as const;
export const REFUSAL_REASONS = ['unreachable', 'did_not_come', 'not_eligible', 'need_already_met', 'duplicate', 'other'] as const;
export const NEEDS = ['laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other'] as const;
export const OPEN_STATUSES: ReferralStatus[] = ['submitted', 'accepted'];

export type Eligibility = (typeof ELIGIBILITY_BASES)[number];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface Beneficiary extends RaRecord {
  id: number;
  firstName: string | null;
  lastName: string | null;
  birthYear: number | null;
  postcode: string | null;
  commune: string | null;
  territory: string;
  eligibility: Eligibility;
  phone: string | null;
  consentAt: string;
  anonymised: boolean;
  createdAt: string;
  version: number;
}

/** What the partner sees of a referral (least privilege): nothing else about the person. */
export interface PartnerReferral extends RaRecord {
  id: number;
  voucherCode: string;
  firstName: string | null;
  need: DeviceType;
  trainingWanted: boolean;
  status: ReferralStatus;
  createdAt: string;
  acceptedAt: string | null;
}

export interface Referral extends PartnerReferral {
  beneficiary: number;
  beneficiaryName: string | null;
  territory: string;
  referrerName: string | null;
  refusalReason: RefusalReason | null;
  statusNote: string | null;
  closedAt: string | null;
  version: number;
}

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

/** The person fields of the referral form and of the rectification form. */
export const PERSON_FIELDS = ['firstName', 'lastName', 'birthYear', 'postcode', 'commune', 'eligibility', 'phone'] as const;

export type JobName = 'expire-referrals' | 'anonymise-inactive' | 'purge-access-log';
