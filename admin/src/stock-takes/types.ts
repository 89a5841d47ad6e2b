import type { RaRecord } from 'react-admin';
import type { DeviceStatus, DeviceType } from '../types.js';

export const AUDIT_STATUSES = ['open', 'paused', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export interface AuditCounts {
  expected: number;
  found: number;
  missing: number;
  unexpected: number;
  unknown: number;
}

/** A stock-take as the list returns it (`GET /api/audits`). */
export interface Audit extends RaRecord, AuditCounts {
  id: number;
  site: string;
  status: AuditStatus;
  startedAt: string;
  startedByName: string | null;
  closedAt: string | null;
  closedByName: string | null;
}

/** One device in a stock-take's lists: where the system places it now, and whether it is flagged missing. */
export interface AuditDeviceRow {
  id: number;
  assetTag: string;
  type: DeviceType;
  brand: string | null;
  model: string | null;
  status: DeviceStatus;
  site: string;
  missingSince: string | null;
}

export interface UnknownCode {
  code: string;
  scannedAt: string;
  scannedBy: string;
}

/** `GET /api/audits/:id`: the counts and the four lists. */
export interface AuditDetail extends Audit {
  lists: {
    counts: AuditCounts;
    found: AuditDeviceRow[];
    missing: AuditDeviceRow[];
    unexpected: AuditDeviceRow[];
    unknown: UnknownCode[];
  };
}

export type AuditScanOutcome = 'found' | 'unexpected' | 'unknown' | 'duplicate';

export interface AuditScanResult {
  result: AuditScanOutcome;
  code: string;
  device: AuditDeviceRow | null;
  counts: AuditCounts;
}

export interface RelocateResult {
  moved: string[];
  refused: { id: number; reason: string }[];
}

export type AuditListKey = 'found' | 'missing' | 'unexpected' | 'unknown';
