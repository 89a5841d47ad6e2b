import type { RaRecord } from 'react-admin';
import { DEVICE_TYPES, type DeviceType } from '../../../api/devices/lifecycle.js';

/** One agreement (convention) as GET /api/agreements/:id answers it. */
export interface Agreement extends RaRecord {
  id: number;
  partner: string;
  /** Calendar days `YYYY-MM-DD`, both included. */
  startsOn: string;
  endsOn: string;
  devicesCommitted: number;
  residentsCommitted: number;
  trainingsCommitted: number;
  solidaritySalesCommitted: number;
  /** Euros per device type; a type left out cannot be sold under this agreement. */
  priceCaps: Partial<Record<DeviceType, number>>;
  reuseCommitmentRef: string | null;
  maxDeviceAgeYears: number | null;
}

export const COMMITMENT_FIELDS = ['devicesCommitted', 'residentsCommitted', 'trainingsCommitted', 'solidaritySalesCommitted'] as const;
export type CommitmentField = (typeof COMMITMENT_FIELDS)[number];

export { DEVICE_TYPES, type DeviceType };

export type AgreementStatus = 'active' | 'upcoming' | 'ended';

/** Today in Paris as `YYYY-MM-DD` (the agreements' days are the Département's days, not the browser's). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function agreementStatus(agreement: Pick<Agreement, 'startsOn' | 'endsOn'>, today = parisToday()): AgreementStatus {
  if (agreement.endsOn < today) return 'ended';
  if (agreement.startsOn > today) return 'upcoming';
  return 'active';
}
