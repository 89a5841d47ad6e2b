import type { Role } from '../../../api/core/permissions.js';

/**
 * What the referrals list is called for each role, in the menu and on the list itself: the social
 * worker's own (« Mes orientations »), the partner's waiting ones, every referral for an admin.
 */
export function referralListTitle(role: Role | undefined): { key: string; options?: Record<string, unknown> } {
  if (role === 'partner') return { key: 'reemploi.referrals.menu.waiting' };
  if (role === 'social_worker') return { key: 'reemploi.referrals.menu.mine' };
  return { key: 'resources.referrals.name', options: { smart_count: 2 } };
}
