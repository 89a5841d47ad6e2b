/**
 * The API's data shapes, for the whole back office. Only `import type` from api/: types vanish at
 * build, so MikroORM and Node modules never reach the bundle; a field renamed in the API breaks
 * the admin's type-check instead of a screen.
 */
import type { JsonOf } from '../../api/core/json.js';
import type { Role } from '../../api/core/permissions.js';
import type { DeviceCardRecord, DeviceRecord } from '../../api/devices/device-serializers.js';
import type { DeviceSpecs } from '../../api/devices/device-specs.js';
import type { DeviceStatus, DeviceType } from '../../api/devices/lifecycle.js';
import type { DashboardSchema } from '../../api/devices/dashboard.routes.js';
import type { MoveSchema, TransitionSchema } from '../../api/devices/device.schemas.js';
import type { serializeEvent } from '../../api/devices/event.routes.js';
import type { ImportReport } from '../../api/devices/import/device-import.js';
import type { serializeUser } from '../../api/users/user.service.js';
import type { z } from 'zod';

export type { Role, DeviceStatus, DeviceType, ImportReport, DeviceSpecs };

/**
 * A list of an API union's values, kept in the back office when the API's own list sits in a module
 * that imports MikroORM (its values would drag the ORM into the bundle; its types do not). The
 * compiler refuses the copy if it misses a value of the union or holds one the union lacks.
 */
export const everyValueOf =
  <Union extends string>() =>
  <const List extends readonly Union[]>(list: List & ([Union] extends [List[number]] ? unknown : { missing: Exclude<Union, List[number]> })) =>
    list;

/** `specs`: in the list and the device page (`GET /api/devices`, `/api/devices/:id`), not in the scan's card. */
export type Device = DeviceRecord & { specs?: DeviceSpecs };
export type ConditionGrade = NonNullable<Device['conditionGrade']>;
export const CONDITION_GRADES = everyValueOf<ConditionGrade>()(['A', 'B', 'C', 'D']);

/** A device with the actions the signed-in user may apply to it (`GET /api/devices/:id`, scan, transitions). */
export type DeviceCard = DeviceCardRecord & { specs?: DeviceSpecs };
export type AllowedTransition = DeviceCard['allowedTransitions'][number];
export type TransitionInput = z.input<typeof TransitionSchema>;
export type MoveInput = z.input<typeof MoveSchema>;

/**
 * What the API writes in an event's `details` (free JSON on its side), as the custody timeline reads
 * it; every key is optional since each event type fills a few.
 */
export interface EventDetails {
  changes?: Record<string, [unknown, unknown]>;
  source?: string;
  fromSite?: string;
  /** transitions to sanitized */
  certificateNumber?: string;
  /** medium_added / medium_removed */
  serialNumber?: string;
  kind?: string;
  /** sanitization */
  medium?: string;
  technique?: string;
  category?: string;
  /** sanitization (success / failure); audited (found / unexpected) */
  result?: 'success' | 'failure' | 'found' | 'unexpected';
  tool?: string;
  /** audited / missing / found: the stock-take */
  audit?: number;
  recordedSite?: string;
  missingSince?: string;
}

export type DeviceEvent = Omit<JsonOf<ReturnType<typeof serializeEvent>>, 'details'> & { details: EventDetails | null };
export type EventType = DeviceEvent['type'];

export type User = JsonOf<ReturnType<typeof serializeUser>>;

export type Dashboard = z.output<typeof DashboardSchema>;

/** `GET /api/sites`: described inline by its route (`{id, name}`), with no named type to import. */
export interface Site {
  id: string;
  name: string;
}

/** `GET /api/scan/:code` for a device (a voucher answers `kind: 'referral'`, read by the reception screen). */
export interface ScanResult {
  kind: 'device';
  id: number;
  device: DeviceCard;
  /** For the partner and admins: the device's category and suggested price (admin/src/pricing). */
  pricing?: import('../../api/pricing/price-grid.store.js').PriceSuggestion | null;
}

/** `GET /api/scan/:code` for a batch reference (the manifest's barcode, `LOT-2026-0001`). */
export interface BatchScanResult {
  kind: 'batch';
  id: number;
  batch: { reference: string; status: string };
}
