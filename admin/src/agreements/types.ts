import type { JsonOf } from '../../../api/core/json.js';
import type { serializeAgreement } from '../../../api/agreements/agreement.routes.js';
import { DEVICE_TYPES, type DeviceType } from '../../../api/devices/lifecycle.js';
import { everyValueOf } from '../types.js';

/**
 * One agreement (convention) as GET /api/agreements/:id answers it: `startsOn` / `endsOn` are
 * calendar days `YYYY-MM-DD`, both included; `priceCaps` are euros per device type, and a type left
 * out cannot be sold under this agreement.
 */
export type Agreement = JsonOf<ReturnType<typeof serializeAgreement>>;

export const COMMITMENT_FIELDS = everyValueOf<Extract<keyof Agreement, `${string}Committed`>>()([
  'devicesCommitted',
  'residentsCommitted',
  'trainingsCommitted',
  'solidaritySalesCommitted',
]);
export type CommitmentField = (typeof COMMITMENT_FIELDS)[number];

export { DEVICE_TYPES, type DeviceType };

export const IDENTITY_CHECKS = everyValueOf<Agreement['identityCheck']>()(['voucher_and_first_name', 'identity_document']);

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
