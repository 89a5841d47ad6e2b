import type { RaRecord } from 'react-admin';
import type { Role } from '../../api/core/permissions.js';
import type { DeviceStatus, DeviceType } from '../../api/devices/lifecycle.js';

export type { Role, DeviceStatus, DeviceType };

export const CONDITION_GRADES = ['A', 'B', 'C', 'D'] as const;

export interface Device extends RaRecord {
  id: number;
  assetTag: string;
  inventoryNumber: string | null;
  serialNumber: string | null;
  hostname: string | null;
  type: DeviceType;
  brand: string | null;
  model: string | null;
  cpu: string | null;
  ramGb: number | null;
  storageSummary: string | null;
  year: number | null;
  conditionGrade: (typeof CONDITION_GRADES)[number] | null;
  originSite: string;
  site: string;
  status: DeviceStatus;
  batch: number | null;
  certificateNumber: string | null;
  /** Recorded at the wiping station: the device holds no storage at all (monitor, printer…). */
  noStorage?: boolean;
  /** Set when a closed stock-take did not find it: it cannot join a batch until found or withdrawn. */
  missingSince?: string | null;
  notes: string | null;
  labelPrintedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AllowedTransition {
  to: DeviceStatus;
  reasonRequired: boolean;
}

/** A device with the actions the signed-in user may apply to it (`GET /api/devices/:id`, scan, transitions). */
export interface DeviceCard extends Device {
  allowedTransitions: AllowedTransition[];
  canMove: boolean;
}

export type EventType =
  | 'registered'
  | 'imported'
  | 'updated'
  | 'transition'
  | 'moved'
  | 'label_printed'
  | 'medium_added'
  | 'medium_removed'
  | 'sanitization'
  | 'no_storage'
  | 'audited'
  | 'missing'
  | 'found';

export interface DeviceEvent extends RaRecord {
  id: number;
  device: number;
  assetTag: string;
  type: EventType;
  fromStatus: DeviceStatus | null;
  toStatus: DeviceStatus | null;
  actor: number;
  actorName: string;
  actorRole: Role;
  at: string;
  site: string | null;
  reason: string | null;
  details: {
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
  } | null;
}

export interface User extends RaRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  territory: string | null;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Dashboard {
  total: number;
  byStatus: Partial<Record<DeviceStatus, number>>;
  byType: Partial<Record<DeviceType, number>>;
  labelsToPrint: number;
}

export interface Site {
  id: string;
  name: string;
}

export type ImportField =
  | 'serialNumber'
  | 'hostname'
  | 'brand'
  | 'model'
  | 'type'
  | 'originSite'
  | 'inventoryNumber'
  | 'cpu'
  | 'ramGb'
  | 'year'
  | 'notes';

export interface ImportReport {
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; serialNumber: string | null; reason: string }[];
  columns: { header: string; field: ImportField | null }[];
  preview: { row: number; action: 'create' | 'update' | 'unchanged' | 'reject'; device: Partial<Device> }[];
}

export interface ScanResult {
  kind: 'device';
  id: number;
  device: DeviceCard;
}
