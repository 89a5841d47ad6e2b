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
 * `generic`: through `POST /api/devices/:id/transitions`.
 * `flow`: only as the outcome of a dedicated workflow (wiping, batches, pickup, allocation), never
 * through the generic endpoint, so a device can never claim a wipe or a handover that did not happen.
 */
export type TransitionPath = 'generic' | 'flow';

export interface Transition {
  from: DeviceStatus;
  to: DeviceStatus;
  roles: readonly Role[];
  path: TransitionPath;
  reasonRequired: boolean;
  /** The flow that produces it, for flow transitions. */
  flow?: string;
}

const flow = (from: DeviceStatus, to: DeviceStatus, name: string, roles: readonly Role[]): Transition => ({
  from,
  to,
  roles,
  path: 'flow',
  reasonRequired: false,
  flow: name,
});

const NON_TERMINAL = DEVICE_STATUSES.filter((status) => !TERMINAL_STATUSES.includes(status));

export const TRANSITIONS: readonly Transition[] = [
  flow('registered', 'sanitized', 'sanitization', ['admin', 'it_staff']),
  flow('registered', 'quarantined', 'sanitization', ['admin', 'it_staff']),
  flow('quarantined', 'sanitized', 'sanitization', ['admin', 'it_staff']),
  flow('sanitized', 'in_batch', 'batch', ['admin', 'it_staff']),
  flow('in_batch', 'sanitized', 'batch', ['admin', 'it_staff']),
  flow('in_batch', 'handed_over', 'pickup', ['admin', 'partner']),
  flow('refurbished', 'allocated', 'allocation', ['admin', 'partner']),
  { from: 'handed_over', to: 'refurbished', roles: ['admin', 'partner'], path: 'generic', reasonRequired: false },
  { from: 'handed_over', to: 'recycled', roles: ['admin', 'partner'], path: 'generic', reasonRequired: true },
  ...NON_TERMINAL.map(
    (from): Transition => ({ from, to: 'withdrawn', roles: ['admin'], path: 'generic', reasonRequired: true }),
  ),
];

export function findTransition(from: DeviceStatus, to: DeviceStatus): Transition | undefined {
  return TRANSITIONS.find((transition) => transition.from === from && transition.to === to);
}

/** The transitions a user in `role` may apply by hand (Scanner buttons, device page) from `status`. */
export function allowedTransitions(status: DeviceStatus, role: Role): Transition[] {
  return TRANSITIONS.filter(
    (transition) => transition.from === status && transition.path === 'generic' && transition.roles.includes(role),
  );
}
