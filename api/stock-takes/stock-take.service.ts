import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../core/auth.js';
import { AppError, conflict, notFound } from '../core/errors.js';
import { checkAssetTag, looksLikeAssetTag } from '../devices/asset-tag.js';
import { Device } from '../devices/device.entity.js';
import { normaliseSerial } from '../devices/device.schemas.js';
import { recordEvent } from '../devices/custody-events.js';
import { DEPOT_STATUSES, type DeviceStatus, type DeviceType } from '../devices/lifecycle.js';
import { User } from '../users/user.entity.js';
import { Audit } from './stock-take.entity.js';

export type ScanResult = 'found' | 'unexpected' | 'unknown' | 'duplicate';

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

export interface Reconciliation {
  counts: { expected: number; found: number; missing: number; unexpected: number; unknown: number };
  found: AuditDeviceRow[];
  missing: AuditDeviceRow[];
  unexpected: AuditDeviceRow[];
  unknown: { code: string; scannedAt: string; scannedBy: string }[];
}

const DEPOT_LIST = `'${DEPOT_STATUSES.join("','")}'`;

/** Starts a stock-take: the devices the system places at the site, in a depot state, are the expected ones. */
export async function startAudit(em: EntityManager, site: string, actor: AuthenticatedUser): Promise<Audit> {
  return em.transactional(async (tx) => {
    const open = await tx.findOne(Audit, { site, status: { $ne: 'closed' } });
    if (open) throw conflict('AUDIT_ALREADY_OPEN', `Un inventaire du site « ${site} » est déjà en cours (n° ${open.id}) : reprenez-le.`, { auditId: open.id });
    const audit = tx.create(Audit, { site, status: 'open', startedBy: tx.getReference(User, actor.id) });
    await tx.flush();
    await tx.execute(`insert into audit_expected (audit_id, device_id) select ?, id from devices where site = ? and status in (${DEPOT_LIST})`, [audit.id, site]);
    return audit;
  });
}

export async function loadAudit(em: EntityManager, id: number): Promise<Audit> {
  const audit = await em.findOne(Audit, { id }, { populate: ['startedBy', 'closedBy'] });
  if (!audit) throw notFound('Inventaire');
  return audit;
}

async function findScannedDevice(em: EntityManager, code: string): Promise<Device | null> {
  if (looksLikeAssetTag(code)) {
    const check = checkAssetTag(code);
    if (!check.valid) {
      throw new AppError(422, 'INVALID_CHECK_DIGIT', `Le code ${code.toUpperCase()} a un chiffre de contrôle faux : étiquette abîmée ou mal lue, scannez à nouveau.`);
    }
    return em.findOne(Device, { assetTag: check.tag });
  }
  return em.findOne(Device, { serialNumber: normaliseSerial(code) });
}

/**
 * One scan during a stock-take. The unique (audit, code) constraint makes a second scan of the
 * same device a duplicate even when two operators scan it at the same moment.
 */
export async function recordScan(em: EntityManager, auditId: number, rawCode: string, actor: AuthenticatedUser) {
  const audit = await loadAudit(em, auditId);
  if (audit.status !== 'open') {
    throw conflict('AUDIT_NOT_OPEN', audit.status === 'paused' ? "L'inventaire est en pause : reprenez-le pour scanner." : "L'inventaire est clôturé.");
  }
  const code = rawCode.trim().toUpperCase();
  const device = await findScannedDevice(em, code);
  let result: Exclude<ScanResult, 'duplicate'> = 'unknown';
  if (device) {
    const [expected] = await em.execute<{ n: number }[]>(`select count(*)::int as n from audit_expected where audit_id = ? and device_id = ?`, [audit.id, device.id]);
    result = expected.n ? 'found' : 'unexpected';
  }
  const inserted = await em.execute<{ id: number }[]>(
    `insert into audit_scans (audit_id, code, device_id, result, scanned_by_id) values (?, ?, ?, ?, ?)
       on conflict (audit_id, code) do nothing returning id`,
    [audit.id, device?.assetTag ?? code, device?.id ?? null, result, actor.id],
  );
  return {
    result: (inserted.length ? result : 'duplicate') as ScanResult,
    code,
    device: device ? deviceRow(device) : null,
  };
}

function deviceRow(device: Device): AuditDeviceRow {
  return {
    id: device.id,
    assetTag: device.assetTag,
    type: device.type,
    brand: device.brand ?? null,
    model: device.model ?? null,
    status: device.status,
    site: device.site,
    missingSince: device.missingSince?.toISOString() ?? null,
  };
}

const DEVICE_COLUMNS = `d.id, d.asset_tag as "assetTag", d.type, d.brand, d.model, d.status, d.site, d.missing_since as "missingSince"`;

export async function reconcile(em: EntityManager, auditId: number): Promise<Reconciliation> {
  // one after the other: inside a transaction they share one connection
  const found = await em.execute<AuditDeviceRow[]>(
    `select ${DEVICE_COLUMNS} from audit_expected e join devices d on d.id = e.device_id
      where e.audit_id = ? and exists (select 1 from audit_scans s where s.audit_id = e.audit_id and s.device_id = e.device_id) order by d.asset_tag`,
    [auditId],
    );
  const missing = await em.execute<AuditDeviceRow[]>(
    `select ${DEVICE_COLUMNS} from audit_expected e join devices d on d.id = e.device_id
      where e.audit_id = ? and not exists (select 1 from audit_scans s where s.audit_id = e.audit_id and s.device_id = e.device_id) order by d.asset_tag`,
    [auditId],
    );
  const unexpected = await em.execute<AuditDeviceRow[]>(
    `select ${DEVICE_COLUMNS} from audit_scans s join devices d on d.id = s.device_id where s.audit_id = ? and s.result = 'unexpected' order by d.asset_tag`,
    [auditId],
    );
  const unknown = await em.execute<{ code: string; scannedAt: Date; scannedBy: string }[]>(
    `select s.code, s.scanned_at as "scannedAt", u.name as "scannedBy" from audit_scans s join users u on u.id = s.scanned_by_id
      where s.audit_id = ? and s.result = 'unknown' order by s.scanned_at`,
    [auditId],
    );
  const iso = (rows: AuditDeviceRow[]) => rows.map((row) => ({ ...row, missingSince: row.missingSince ? new Date(row.missingSince).toISOString() : null }));
  return {
    counts: { expected: found.length + missing.length, found: found.length, missing: missing.length, unexpected: unexpected.length, unknown: unknown.length },
    found: iso(found),
    missing: iso(missing),
    unexpected: iso(unexpected),
    unknown: unknown.map((row) => ({ ...row, scannedAt: new Date(row.scannedAt).toISOString() })),
  };
}

/** The counters of many stock-takes in one query (the list), without loading their lists. */
export async function auditCounts(em: EntityManager, auditIds: number[]): Promise<Map<number, Reconciliation['counts']>> {
  if (!auditIds.length) return new Map();
  const rows = await em.execute<{ id: number; expected: number; found: number; unexpected: number; unknown: number }[]>(
    `select a.id,
            (select count(*)::int from audit_expected e where e.audit_id = a.id) as expected,
            (select count(*)::int from audit_expected e where e.audit_id = a.id
                and exists (select 1 from audit_scans s where s.audit_id = a.id and s.device_id = e.device_id)) as found,
            (select count(*)::int from audit_scans s where s.audit_id = a.id and s.result = 'unexpected') as unexpected,
            (select count(*)::int from audit_scans s where s.audit_id = a.id and s.result = 'unknown') as unknown
       from audits a where a.id = any(?::int[])`,
    [`{${auditIds.join(',')}}`],
  );
  return new Map(rows.map((row) => [row.id, { expected: row.expected, found: row.found, missing: row.expected - row.found, unexpected: row.unexpected, unknown: row.unknown }]));
}

export async function setAuditPaused(em: EntityManager, auditId: number, paused: boolean): Promise<Audit> {
  return em.transactional(async (tx) => {
    const audit = await tx.findOne(Audit, { id: auditId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!audit) throw notFound('Inventaire');
    if (audit.status !== (paused ? 'open' : 'paused')) throw conflict('AUDIT_STATUS', `L'inventaire est « ${audit.status} ».`);
    audit.status = paused ? 'paused' : 'open';
    await tx.flush();
    return audit;
  });
}

/**
 * Closes the stock-take: every device seen gets one `audited` event; expected devices not seen
 * are flagged missing (they cannot join a batch until found or written off); devices found again
 * lose their flag.
 */
export async function closeAudit(em: EntityManager, auditId: number, actor: AuthenticatedUser): Promise<Reconciliation> {
  return em.transactional(async (tx) => {
    const audit = await tx.findOne(Audit, { id: auditId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!audit) throw notFound('Inventaire');
    if (audit.status === 'closed') throw conflict('AUDIT_STATUS', "L'inventaire est déjà clôturé.");
    const result = await reconcile(tx, audit.id);
    const seen = [...result.found.map((row) => ({ row, result: 'found' })), ...result.unexpected.map((row) => ({ row, result: 'unexpected' }))];
    const ids = [...seen.map(({ row }) => row.id), ...result.missing.map((row) => row.id)];
    const devices = await tx.find(Device, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'ASC' } });
    const byId = new Map(devices.map((device) => [device.id, device]));
    const now = new Date();
    for (const { row, result: scanResult } of seen) {
      const device = byId.get(row.id)!;
      recordEvent(tx, device, actor.id, { type: 'audited', site: audit.site, details: { audit: audit.id, result: scanResult, recordedSite: device.site } });
      if (device.missingSince) {
        recordEvent(tx, device, actor.id, { type: 'found', site: audit.site, details: { audit: audit.id, missingSince: device.missingSince.toISOString() } });
        device.missingSince = null;
        device.missingAuditId = null;
      }
    }
    for (const row of result.missing) {
      const device = byId.get(row.id)!;
      if (device.missingSince) continue; // already flagged by an earlier stock-take
      device.missingSince = now;
      device.missingAuditId = audit.id;
      recordEvent(tx, device, actor.id, { type: 'missing', site: audit.site, reason: `Absent à l'inventaire n° ${audit.id} du site ${audit.site}`, details: { audit: audit.id } });
    }
    audit.status = 'closed';
    audit.closedAt = now;
    audit.closedBy = tx.getReference(User, actor.id);
    await tx.flush();
    return reconcile(tx, audit.id);
  });
}
