import type { Role } from '../core/permissions.js';
import { stepFrom, type StatusStep } from '../core/state-machine.js';
import type { Referral, ReferralStatus } from './referral.entity.js';

export type ReferralAction = 'accept' | 'refuse' | 'cancel' | 'expire' | 'equip';

/** A referral still waiting for its device: its voucher is valid, and the person has one at a time. */
export const OPEN_REFERRAL_STATUSES = ['submitted', 'accepted'] as const satisfies readonly ReferralStatus[];

/**
 * A referral's life: `submitted` by a social worker → `accepted` by the partner → `equipped` by an
 * allocation; or closed early: `refused` (partner), `cancelled` (social worker), `expired` (job).
 */
export const REFERRAL_STEPS: readonly (StatusStep<ReferralStatus, ReferralAction> & { to: ReferralStatus; roles?: readonly Role[] })[] = [
  { action: 'accept', from: ['submitted'], to: 'accepted' },
  { action: 'refuse', from: OPEN_REFERRAL_STATUSES, to: 'refused' },
  { action: 'cancel', from: OPEN_REFERRAL_STATUSES, to: 'cancelled', roles: ['social_worker', 'admin'] },
  { action: 'expire', from: OPEN_REFERRAL_STATUSES, to: 'expired' },
  { action: 'equip', from: ['accepted'], to: 'equipped' },
];

export const STATUS_FR: Record<ReferralStatus, string> = {
  submitted: 'envoyée',
  accepted: 'acceptée',
  equipped: 'équipée',
  refused: 'refusée',
  cancelled: 'annulée',
  expired: 'expirée',
};

/** The step `action` takes from `status`, or nothing when that status does not allow it. */
export function referralStep(status: ReferralStatus, action: ReferralAction) {
  return stepFrom(REFERRAL_STEPS, status, action);
}

/** Who may take `action` by hand, when the table restricts it further than the route's guard. */
export function mayTakeReferralStep(role: Role, action: ReferralAction): boolean {
  const roles = REFERRAL_STEPS.find((step) => step.action === action)?.roles;
  return !roles || roles.includes(role);
}

/** The status `action` leads to. */
export function referralTarget(action: ReferralAction): ReferralStatus {
  return REFERRAL_STEPS.find((step) => step.action === action)!.to;
}

/** Writes the step's status on the referral (checked by the caller with `referralStep`), and when it closed. */
export function applyReferralStep(referral: Referral, action: ReferralAction, now = new Date()): void {
  const to = referralTarget(action);
  referral.status = to;
  if (!(OPEN_REFERRAL_STATUSES as readonly ReferralStatus[]).includes(to)) referral.closedAt = now;
  referral.beneficiary.lastActivityAt = now;
}

/** SQL list of the open statuses, for the scheduled expiry and retention queries. */
export const OPEN_STATUSES_SQL = OPEN_REFERRAL_STATUSES.map((status) => `'${status}'`).join(', ');
