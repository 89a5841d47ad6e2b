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
export const PERMISSIONS = {
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
  /** The grid specs → category → suggested price, and the legal caps: read by whoever prices or steers; a new version by admins. */
  'price-grids': { list: [...DEPOT, 'partner', 'viewer'], show: [...DEPOT, 'partner', 'viewer'] },
  'legal-price-caps': { list: [...DEPOT, 'partner', 'viewer'] },
  rgpd: {},
  /** The administration log (logins, account changes, admin writes): admins only. */
  'admin-log': {},
  /** Everyone reads their own notifications (the API filters by user). */
  notifications: { list: ROLES, show: ROLES },
  users: { list: ['admin'], show: ['admin'], create: ['admin'], edit: ['admin'] },
  /** Identity providers' claims → role and territory, and the agents waiting for an admin: admins only. */
  'oidc-mappings': {},
  'access-requests': {},
  /** Wiping stations and their tokens: admins only (a station's token is not a role, see stations/station-auth.ts). */
  stations: {},
  scanner: { show: [...DEPOT, 'partner'] },
  /** The scan endpoint: devices for depot staff and partner, vouchers for partner and social workers. */
  scan: { show: [...DEPOT, 'partner', 'social_worker'] },
  import: { create: DEPOT },
  /** « Type » values mapped to a device type for the imports: read by depot staff, added by admins. */
  'chassis-mappings': { list: DEPOT },
  labels: { show: DEPOT },
  dashboard: { show: ['admin', 'it_staff', 'partner', 'viewer'] },
  /** Scheduled jobs run by hand. */
  jobs: {},
} satisfies Record<string, Rules>;

export type Resource = keyof typeof PERMISSIONS;

/**
 * Which rows a role sees of a resource, in words, for the API documentation. The rules themselves
 * live in each domain's scope module (devices/device-scope.ts, referrals/referral-scope.ts...).
 */
export const ROW_SCOPES: Partial<Record<Resource, string>> = {
  devices: 'Le partenaire ne voit un appareil qu’une fois dans un lot prêt qui lui est adressé, et après.',
  events: 'Le partenaire ne voit que l’historique des appareils qui lui sont confiés.',
  certificates: 'Le partenaire ne voit que les certificats des appareils qui lui sont confiés.',
  batches: 'Le partenaire ne voit que les lots prêts qui lui sont adressés.',
  pickups: 'Le partenaire ne confirme que les lots qui lui sont adressés.',
  beneficiaries: 'Le travailleur social ne voit que les personnes de son territoire.',
  referrals: 'Le travailleur social ne voit que les orientations de son territoire ; le partenaire, celles qui lui sont adressées (ni annulées ni expirées), sans les données personnelles.',
  allocations: 'Le partenaire ne voit que les attributions de son organisation.',
  reports: 'Agrégats seulement, jamais de données personnelles.',
};

/** The roles allowed `action` on `resource`, admin first (the admin may do everything). */
export function rolesAllowed(action: Action, resource: Resource): Role[] {
  const rules: Rules = PERMISSIONS[resource];
  return ['admin', ...(rules[action] ?? []).filter((role) => role !== 'admin')];
}

export function canAccess(role: Role | undefined, action: Action, resource: string): boolean {
  if (!role) return false;
  if (role === 'admin') return true;
  return (PERMISSIONS as Record<string, Rules>)[resource]?.[action]?.includes(role) ?? false;
}

/** Device statuses the partner may see: from the moment a batch is waiting for them. */
export const PARTNER_VISIBLE_STATUSES = ['in_batch', 'handed_over', 'refurbished', 'recycled', 'allocated'] as const;
