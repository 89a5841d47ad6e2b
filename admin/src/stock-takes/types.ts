import type { JsonOf } from '../../../api/core/json.js';
import type { serializeAudit } from '../../../api/stock-takes/stock-take.routes.js';
import type { AuditDeviceRow, Reconciliation, ScanResult, recordScan } from '../../../api/stock-takes/stock-take.service.js';
import { everyValueOf } from '../types.js';

export type { AuditDeviceRow };

export type AuditCounts = Reconciliation['counts'];
export type UnknownCode = Reconciliation['unknown'][number];

/** A stock-take as the list returns it (`GET /api/audits`): the record and its counters. */
export type Audit = JsonOf<ReturnType<typeof serializeAudit>> & AuditCounts;
export type AuditStatus = Audit['status'];
/** The entity's list sits in a module that imports MikroORM: copied here, checked against its type. */
export const AUDIT_STATUSES = everyValueOf<AuditStatus>()(['open', 'paused', 'closed']);

/** `GET /api/audits/:id` (and the state changes): the counts and the four lists. */
export type AuditDetail = Audit & { lists: Reconciliation };

export type AuditScanOutcome = ScanResult;
/** `POST /api/audits/:id/scans`: the service's scan, with the counters after it. */
export type AuditScanResult = Awaited<ReturnType<typeof recordScan>> & { counts: AuditCounts };

/** `POST /api/audits/:id/relocate` (built inline by its route). */
export interface RelocateResult {
  moved: string[];
  refused: { id: number; reason: string }[];
}

export type AuditListKey = Exclude<keyof Reconciliation, 'counts'>;
