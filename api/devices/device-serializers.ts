import type { AuthenticatedUser } from '../core/auth.js';
import type { DeviceFields } from './device-sql.js';
import { DEPOT_STATUSES, allowedTransitions } from './lifecycle.js';

export function serializeDevice(device: DeviceFields) {
  return {
    id: device.id,
    assetTag: device.assetTag,
    inventoryNumber: device.inventoryNumber ?? null,
    serialNumber: device.serialNumber ?? null,
    hostname: device.hostname ?? null,
    type: device.type,
    brand: device.brand ?? null,
    model: device.model ?? null,
    cpu: device.cpu ?? null,
    ramGb: device.ramGb ?? null,
    storageSummary: device.storageSummary ?? null,
    year: device.year ?? null,
    conditionGrade: device.conditionGrade ?? null,
    originSite: device.originSite,
    site: device.site,
    status: device.status,
    batch: device.batch?.id ?? null,
    refurbishedGrade: device.refurbishedGrade ?? null,
    certificateNumber: device.certificateNumber ?? null,
    noStorage: device.noStorage,
    missingSince: device.missingSince?.toISOString() ?? null,
    notes: device.notes ?? null,
    labelPrintedAt: device.labelPrintedAt?.toISOString() ?? null,
    version: device.version,
    createdAt: device.createdAt.toISOString(),
    updatedAt: device.updatedAt.toISOString(),
  };
}

/** The device as the Scanner shows it: the card plus the buttons this user may press. */
export function deviceCard(device: DeviceFields, role: AuthenticatedUser['role']) {
  return {
    ...serializeDevice(device),
    allowedTransitions: allowedTransitions(device.status, role).map(({ to, reasonRequired }) => ({ to, reasonRequired })),
    canMove: ['admin', 'it_staff'].includes(role) && DEPOT_STATUSES.includes(device.status),
  };
}
