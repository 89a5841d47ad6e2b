/**
 * Who may do what. One pure table shared by the API (route guards) and the back office (menu,
 * buttons), so the two never disagree. No Node or browser import here.
 */
export const ROLES = ['admin', 'it_staff', 'partner', 'social_worker', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Action = 'list' | 'show' | 'create' | 'edit' | 'delete';

type Rules = Partial<Record<Action, readonly Role[]>>;

const DEPOT: readonly Role[] = ['admin', 'it_staff'];

/** resource → action → roles allowed. Missing = nobody (but `admin` is allowed everything). */
export const PERMISSIONS: Record<string, Rules> = {
  devices: { list: [...DEPOT, 'partner'], show: [...DEPOT, 'partner'], create: DEPOT, edit: DEPOT },
  events: { list: [...DEPOT, 'partner'], show: [...DEPOT, 'partner'] },
  media: { list: DEPOT, show: DEPOT, create: DEPOT, edit: DEPOT, delete: DEPOT },
  sanitizations: { list: DEPOT, show: DEPOT, create: DEPOT },
  certificates: { show: [...DEPOT, 'partner'] },
  batches: { list: [...DEPOT, 'partner'], show: [...DEPOT, 'partner'], create: DEPOT, edit: DEPOT },
  pickups: { create: ['partner'] },
  audits: { list: DEPOT, show: DEPOT, create: DEPOT, edit: DEPOT },
  beneficiaries: { list: ['social_worker'], show: ['social_worker'], create: ['social_worker'], edit: ['social_worker'] },
  referrals: { list: ['social_worker', 'partner'], show: ['social_worker', 'partner'], create: ['social_worker'], edit: ['social_worker'] },
  referral_decisions: { create: ['partner'] },
  vouchers: { show: ['social_worker'] },
  allocations: { list: ['partner'], show: ['partner'], create: ['partner'] },
  agreements: { list: ['viewer'], show: ['viewer'] },
  /** Aggregates only (never personal data); stored reports are made by admins. */
  reports: { list: ['viewer'], show: ['viewer'] },
  factors: { list: ['viewer'], show: ['viewer'] },
  rgpd: {},
  /** The administration log (logins, account changes, admin writes): admins only. */
  'admin-log': {},
  /** Everyone reads their own notifications (the API filters by user). */
  notifications: { list: ROLES, show: ROLES },
  users: { list: ['admin'], show: ['admin'], create: ['admin'], edit: ['admin'] },
  scanner: { show: [...DEPOT, 'partner'] },
  /** The scan endpoint: devices for depot staff and partner, vouchers for partner and social workers. */
  scan: { show: [...DEPOT, 'partner', 'social_worker'] },
  import: { create: DEPOT },
  labels: { show: DEPOT },
  dashboard: { show: ['admin', 'it_staff', 'partner', 'viewer'] },
};

export function canAccess(role: Role | undefined, action: Action, resource: string): boolean {
  if (!role) return false;
  if (role === 'admin') return true;
  return PERMISSIONS[resource]?.[action]?.includes(role) ?? false;
}

/** Device statuses the partner may see: from the moment a batch is waiting for them. */
export const PARTNER_VISIBLE_STATUSES = ['in_batch', 'handed_over', 'refurbished', 'recycled', 'allocated'] as const;
