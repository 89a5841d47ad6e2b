import type { FilterQuery } from '@mikro-orm/core';
import type { AuthenticatedUser } from '../core/auth.js';
import { invalid } from '../core/errors.js';
import type { Role } from '../core/permissions.js';
import type { Referral, ReferralStatus } from './referral.entity.js';
import type { Allocation } from './allocation.entity.js';

/**
 * Who sees which person and which referral. A social worker reaches only their own territory
 * (404, not 403, elsewhere: nothing leaks); the partner works on the referrals addressed to its
 * organisation, never cancelled or expired ones, and sees of the person only what the desk needs
 * (`serializeReferralForPartner`); a viewer sees aggregates only (its routes' guards refuse it).
 */

/** Referral statuses the partner sees: cancelled or expired ones are none of its business. */
export const PARTNER_REFERRAL_STATUSES = ['submitted', 'accepted', 'equipped', 'refused'] as const satisfies readonly ReferralStatus[];

/** Filters on what a role does not see: filtering by them would tell it what it may not read. */
const HIDDEN_FILTERS: Partial<Record<Role, { field: string; name: string }[]>> = {
  partner: [
    { field: 'territory', name: 'le territoire' },
    { field: 'beneficiary', name: 'la personne' },
  ],
};

/** Refuses (400) a list filter on a field this user's role may not see. */
export function assertFiltersVisible(actor: AuthenticatedUser, filter: Record<string, unknown>): void {
  const hidden = (HIDDEN_FILTERS[actor.role] ?? []).filter(({ field }) => filter[field] !== undefined);
  if (hidden.length) {
    throw invalid(
      `Ce filtre porte sur ${hidden.map(({ name }) => name).join(' et ')}, que votre rôle ne voit pas.`,
      hidden.map(({ field }) => ({ path: `filter.${field}`, message: 'filtre non autorisé pour votre rôle' })),
    );
  }
}

/** The territory a user works on: a social worker's own, whatever the request says. */
export function territoryFor(actor: AuthenticatedUser, requested?: string): string {
  if (actor.role === 'social_worker') return actor.territory!;
  if (!requested) throw invalid('Précisez le territoire (UTPAS, MDIE, France Services).', [{ path: 'territory', message: 'obligatoire' }]);
  return requested;
}

/** The territory a user's reads are bound to, if any: a social worker's own. */
export function scopedTerritory(actor: AuthenticatedUser): string | null {
  return actor.role === 'social_worker' ? actor.territory! : null;
}

/** Persons (beneficiaries) this user may reach. */
export function territoryScope(actor: AuthenticatedUser): { territory?: string } {
  const territory = scopedTerritory(actor);
  return territory ? { territory } : {};
}

/** May this account (as stored now) read the person of this referral? An admin may; a social worker of its territory may. */
export function mayReadPerson(account: { role: Role; territory?: string | null; active?: boolean }, referral: Pick<Referral, 'territory'>): boolean {
  if (account.active === false) return false;
  return account.role === 'admin' || (account.role === 'social_worker' && account.territory === referral.territory);
}

/** Referrals this user may reach, as a filter: a partner's staff, those addressed to their organisation only. */
export function referralScope(actor: AuthenticatedUser): FilterQuery<Referral> {
  if (actor.role === 'partner') return { partner: actor.organisation ?? '', status: { $in: [...PARTNER_REFERRAL_STATUSES] } };
  return territoryScope(actor);
}

/** The same, for a plain-SQL count: the territory, the partner and the statuses a user's rows are bound to (null: any). */
export function referralScopeSql(actor: AuthenticatedUser): { territory: string | null; partner: string | null; statuses: string | null } {
  const partner = actor.role === 'partner';
  return { territory: scopedTerritory(actor), partner: partner ? (actor.organisation ?? '') : null, statuses: partner ? `{${PARTNER_REFERRAL_STATUSES.join(',')}}` : null };
}

/** Allocations this user may reach: a partner's staff, those made under their organisation's agreements (404 elsewhere). */
export function allocationScope(actor: AuthenticatedUser): FilterQuery<Allocation> {
  return actor.role === 'partner' ? { agreement: { partner: actor.organisation ?? '' } } : {};
}
