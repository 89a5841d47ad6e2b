import type { Role } from '../core/permissions.js';

/**
 * The chain of custody as data: which state may follow which, who may move a device there and
 * how. Routes, the Scanner's buttons and the tests all read this table.
 */
export const DEVICE_STATUSES = [
  'registered',
  'sanitized',
  'quarantined',
  'in_batch',
  'handed_over',
  'refurbished',
  'recycled',
  'allocated',
  'withdrawn',
] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const DEVICE_TYPES = ['laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const TERMINAL_STATUSES: readonly DeviceStatus[] = ['recycled', 'allocated', 'withdrawn'];

/** Statuses in which the device is physically in a Département depot. */
export const DEPOT_STATUSES: readonly DeviceStatus[] = ['registered', 'sanitized', 'quarantined', 'in_batch'];

/**
 * How a transition is made. `generic`: through `POST /api/devices/:id/transitions` (and the
 * refurbishment pile). The others only as the outcome of their own workflow, never through the
 * generic endpoint, so a device can never claim a wipe or a handover that did not happen.
 */
export const TRANSITION_WAYS = ['generic', 'sanitization', 'batch', 'pickup', 'allocation'] as const;
export type TransitionWay = (typeof TRANSITION_WAYS)[number];

export interface Transition {
  from: DeviceStatus;
  to: DeviceStatus;
  way: TransitionWay;
  roles: readonly Role[];
  reasonRequired: boolean;
}

const DEPOT_STAFF: readonly Role[] = ['admin', 'it_staff'];
const PARTNER: readonly Role[] = ['admin', 'partner'];

const flow = (from: DeviceStatus, to: DeviceStatus, way: TransitionWay, roles: readonly Role[]): Transition => ({
  from,
  to,
  way,
  roles,
  reasonRequired: false,
});

const NON_TERMINAL = DEVICE_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

export const TRANSITIONS: readonly Transition[] = [
  flow('registered', 'sanitized', 'sanitization', DEPOT_STAFF),
  flow('registered', 'quarantined', 'sanitization', DEPOT_STAFF),
  flow('quarantined', 'sanitized', 'sanitization', DEPOT_STAFF),
  flow('sanitized', 'in_batch', 'batch', DEPOT_STAFF),
  flow('in_batch', 'sanitized', 'batch', DEPOT_STAFF),
  flow('in_batch', 'handed_over', 'pickup', PARTNER),
  // a device missing at the pickup goes back to the depot shelf, by the partner's confirmation
  { from: 'in_batch', to: 'sanitized', way: 'pickup', roles: PARTNER, reasonRequired: true },
  flow('refurbished', 'allocated', 'allocation', PARTNER),
  { from: 'handed_over', to: 'refurbished', way: 'generic', roles: PARTNER, reasonRequired: false },
  { from: 'handed_over', to: 'recycled', way: 'generic', roles: PARTNER, reasonRequired: true },
  ...NON_TERMINAL.map((from): Transition => ({ from, to: 'withdrawn', way: 'generic', roles: ['admin'], reasonRequired: true })),
];

/** The transition from `from` to `to` (by `way` when given: a pair may be reached by two workflows). */
export function findTransition(from: DeviceStatus, to: DeviceStatus, way?: TransitionWay): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.from === from && transition.to === to && (!way || transition.way === way));
}

/** The transitions a user in `role` may apply by hand (Scanner buttons, device page) from `status`. */
export function allowedTransitions(status: DeviceStatus, role: Role): Transition[] {
  return TRANSITIONS.filter(
    (transition) => transition.from === status && transition.way === 'generic' && transition.roles.includes(role),
  );
}
