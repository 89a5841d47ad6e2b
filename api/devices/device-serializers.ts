import type { AuthenticatedUser } from '../core/auth.js';
import type { JsonOf } from '../core/json.js';
import { DEVICE_FIELDS, type DeviceFields, type Field } from './device-sql.js';
import { DEPOT_STATUSES, allowedTransitions } from './lifecycle.js';

/** Not shown by the API: which stock-take last missed the device is the stock-take's business. */
const HIDDEN_FIELDS = ['missingAuditId'] as const satisfies readonly Field[];
type ShownField = Exclude<Field, (typeof HIDDEN_FIELDS)[number]>;

/** A device in the API's JSON: every field of the entity but the hidden ones, dates as ISO text, the batch as its id, null when unknown. */
export type DeviceJson = {
  [F in ShownField]: F extends 'batch' ? number | null : NonNullable<DeviceFields[F]> extends Date ? (null extends DeviceFields[F] ? string | null : undefined extends DeviceFields[F] ? string | null : string) : Exclude<DeviceFields[F], undefined> | (undefined extends DeviceFields[F] ? null : never);
};

const SHOWN = DEVICE_FIELDS.filter(({ field }) => !(HIDDEN_FIELDS as readonly string[]).includes(field));

export function serializeDevice(device: DeviceFields): DeviceJson {
  const values = device as unknown as Record<string, unknown>;
  const json: Record<string, unknown> = {};
  for (const { field, kind } of SHOWN) {
    const value = values[field] ?? null;
    if (kind === 'date') json[field] = value === null ? null : (value as Date).toISOString();
    else if (kind === 'reference') json[field] = value === null ? null : (value as { id: number }).id;
    else json[field] = value;
  }
  return json as DeviceJson;
}

/** The device as the Scanner shows it: the card plus the buttons this user may press. */
export function deviceCard(device: DeviceFields, role: AuthenticatedUser['role']) {
  return {
    ...serializeDevice(device),
    allowedTransitions: allowedTransitions(device.status, role).map(({ to, reasonRequired }) => ({ to, reasonRequired })),
    canMove: ['admin', 'it_staff'].includes(role) && DEPOT_STATUSES.includes(device.status),
  };
}

/** The device as the API answers it, and the Scanner's card: the back office's types. */
export type DeviceRecord = JsonOf<ReturnType<typeof serializeDevice>>;
export type DeviceCardRecord = JsonOf<ReturnType<typeof deviceCard>>;
