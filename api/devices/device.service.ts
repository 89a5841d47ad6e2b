import { LockMode, OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../core/auth.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../core/errors.js';
import { PARTNER_VISIBLE_STATUSES } from '../core/permissions.js';
import { User } from '../users/user.entity.js';
import { formatAssetTag, type AssetTagFormat } from './asset-tag.js';
import { Device } from './device.entity.js';
import { DeviceEvent, type EventType } from './event.entity.js';
import { DEPOT_STATUSES, TRANSITIONS, allowedTransitions, findTransition, type DeviceStatus } from './lifecycle.js';
import type { BulkOutcomeSchema, DeviceCreateSchema, DeviceUpdateSchema, MoveSchema, TransitionSchema } from './device.schemas.js';
import { checkAssetTag } from './asset-tag.js';
import { Batch } from '../batches/batch.entity.js';
import { auditAction } from '../admin-log/admin-log.js';
import { countOf } from '../core/french.js';
import { DEVICE_COLUMNS, deviceFromRow, findDeviceRow, type DeviceFields, type DeviceRow } from './device-sql.js';

export type DeviceInput = z.infer<typeof DeviceCreateSchema>;

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

export interface EventInput {
  type: EventType;
  from?: DeviceStatus | null;
  to?: DeviceStatus | null;
  site?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export function recordEvent(em: EntityManager, device: Device, actorId: number, event: EventInput): DeviceEvent {
  return em.create(DeviceEvent, {
    device,
    actor: em.getReference(User, actorId),
    type: event.type,
    fromStatus: event.from ?? null,
    toStatus: event.to ?? null,
    site: event.site ?? device.site,
    reason: event.reason ?? null,
    details: event.details ?? null,
    at: new Date(),
  });
}

export async function nextAssetTags(em: EntityManager, format: AssetTagFormat, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await em
    .execute<{ value: string }[]>(`select nextval('asset_tag_seq') as value from generate_series(1, ?) order by 1`, [count]);
  return rows.map((row) => formatAssetTag(format, Number(row.value)));
}

export async function nextAssetTag(em: EntityManager, format: AssetTagFormat): Promise<string> {
  const [tag] = await nextAssetTags(em, format, 1);
  return tag;
}

export async function assertSerialFree(em: EntityManager, serialNumber: string | null, exceptId?: number): Promise<void> {
  if (!serialNumber) return;
  const existing = await em.findOne(Device, { serialNumber }, { fields: ['id', 'assetTag'] });
  if (existing && existing.id !== exceptId) {
    throw conflict('SERIAL_TAKEN', `Le numéro de série ${serialNumber} est déjà enregistré (${existing.assetTag}).`, {
      deviceId: existing.id,
      assetTag: existing.assetTag,
    });
  }
}

export async function registerDevice(
  em: EntityManager,
  input: DeviceInput,
  actor: AuthenticatedUser,
  format: AssetTagFormat,
  eventType: EventType = 'registered',
): Promise<Device> {
  return em.transactional(async (tx) => {
    await assertSerialFree(tx, input.serialNumber);
    const device = tx.create(Device, {
      ...input,
      assetTag: await nextAssetTag(tx, format),
      site: input.originSite,
      status: 'registered',
    });
    recordEvent(tx, device, actor.id, { type: eventType, to: 'registered', site: input.originSite });
    await tx.flush();
    return device;
  });
}

/** Loads a device the user may see, locked to the version they saw when they give one. */
async function loadForChange(em: EntityManager, id: number, version: number | undefined): Promise<Device> {
  const device = await em.findOne(Device, { id });
  if (!device) throw notFound('Appareil');
  if (version !== undefined) await em.lock(device, LockMode.OPTIMISTIC, version);
  return device;
}

type Changes = Record<string, [unknown, unknown]>;

export async function updateDevice(
  em: EntityManager,
  id: number,
  input: z.infer<typeof DeviceUpdateSchema>,
  actor: AuthenticatedUser,
): Promise<Device> {
  return em.transactional(async (tx) => {
    const { version, ...fields } = input;
    const device = await loadForChange(tx, id, version);
    if (fields.serialNumber !== undefined) await assertSerialFree(tx, fields.serialNumber, id);
    const changes: Changes = {};
    for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
      if (value === undefined) continue;
      const before = device[key as keyof Device] ?? null;
      if (before !== value) {
        changes[key] = [before, value];
        (device as Record<string, unknown>)[key] = value;
      }
    }
    if (Object.keys(changes).length === 0) return device;
    recordEvent(tx, device, actor.id, { type: 'updated', details: { changes } });
    await tx.flush();
    return device;
  });
}

type TransitionInput = z.infer<typeof TransitionSchema>;

/**
 * The change and its event in one statement (atomic without a transaction), only if the device is
 * still in `guard.from` (and at `guard.version` when given). Returns the device as stored after
 * the change, or nothing when the guard did not hold. It mirrors applyTransition (used by the other
 * flows): a side effect added there must be added here too.
 */
async function changeStatus(db: EntityManager, id: number, guard: { from: DeviceStatus; version?: number }, input: TransitionInput, actor: AuthenticatedUser): Promise<DeviceRow | undefined> {
  const details = input.grade || input.notes ? { grade: input.grade, notes: input.notes } : null;
  const rows = await db.execute<DeviceRow[]>(
    `with changed as (
       update devices set status = ?, version = version + 1, updated_at = now(),
              refurbished_grade = coalesce(?, refurbished_grade),
              missing_since = case when ? then null else missing_since end,
              missing_audit_id = case when ? then null else missing_audit_id end
       where id = ? and status = ?${guard.version === undefined ? '' : ' and version = ?'}
       returning ${DEVICE_COLUMNS}
     ), logged as (
       insert into events (device_id, type, from_status, to_status, actor_id, site, reason, details, at)
       select id, 'transition', ?, status, ?, site, ?, ?::jsonb, now() from changed
     )
     select * from changed`,
    [
      input.to,
      input.to === 'refurbished' ? (input.grade ?? null) : null,
      input.to === 'withdrawn', // a missing device written off by an admin is no longer looked for
      input.to === 'withdrawn',
      id,
      guard.from,
      ...(guard.version === undefined ? [] : [guard.version]),
      guard.from,
      actor.id,
      input.reason ?? null,
      details ? JSON.stringify(details) : null,
    ],
  );
  return rows[0];
}

/**
 * The one status this actor may move a device from to `input.to` by the generic endpoint, when
 * there is exactly one (handed_over → refurbished or recycled for the partner): then the rules
 * hold whenever the device is in that status, and the update can check it by itself.
 */
function singleAllowedOrigin(input: TransitionInput, actor: AuthenticatedUser): DeviceStatus | undefined {
  // a withdrawal also writes the administration log, in a transaction: it takes the full path
  if (input.to === 'withdrawn') return undefined;
  const origins = TRANSITIONS.filter(
    (transition) => transition.to === input.to && transition.path === 'generic' && transition.roles.includes(actor.role) && (!transition.reasonRequired || !!input.reason),
  );
  return origins.length === 1 ? origins[0].from : undefined;
}

export async function transitionDevice(em: EntityManager, id: number, input: TransitionInput, actor: AuthenticatedUser): Promise<DeviceFields> {
  // The partner's desk: one round trip. The update itself checks the status the rules allow (and
  // the version the user saw); when it changes nothing, the full path below reads the device and
  // says why (404, 409, 403, 400) in the usual order, or applies the change if it was a race.
  const origin = singleAllowedOrigin(input, actor);
  if (origin) {
    const changed = await changeStatus(em, id, { from: origin, version: input.version }, input, actor);
    if (changed) return deviceFromRow(em, changed);
  }
  // plain SQL, not findOne: this is the busiest write path
  const device = await findDeviceRow(em, 'id', id);
  if (!device) throw notFound('Appareil');
  if (input.version !== undefined && input.version !== device.version) {
    throw OptimisticLockError.lockFailedVersionMismatch(device, input.version, device.version);
  }
  const from = device.status;
  const transition = findTransition(from, input.to);
  if (!transition) {
    throw conflict('TRANSITION_NOT_ALLOWED', `Un appareil « ${from} » ne peut pas passer à « ${input.to} ».`, {
      from,
      to: input.to,
      allowed: allowedTransitions(from, actor.role).map((allowed) => allowed.to),
    });
  }
  if (transition.path === 'flow') {
    throw conflict(
      'TRANSITION_NEEDS_FLOW',
      `Le passage de « ${from} » à « ${input.to} » ne se fait que par le parcours dédié (${transition.flow}), qui en apporte la preuve.`,
      { from, to: input.to, flow: transition.flow },
    );
  }
  if (!transition.roles.includes(actor.role)) throw forbidden(`Votre rôle ne permet pas de passer un appareil à « ${input.to} ».`);
  if (transition.reasonRequired && !input.reason) {
    throw invalid('Un motif est obligatoire pour cette action.', [{ path: 'reason', message: 'obligatoire' }]);
  }
  // only if nobody changed the device since it was read: the version checked here is the one the rules above saw
  const guard = { from, version: device.version };
  // a withdrawal is also written to the administration log, in the same transaction as the change
  const changed =
    input.to === 'withdrawn'
      ? await em.transactional(async (tx) => {
          const row = await changeStatus(tx, device.id, guard, input, actor);
          if (row) {
            auditAction(tx, { action: 'device_withdrawn', actor, targetType: 'devices', targetId: device.id, details: { assetTag: device.assetTag, from, reason: input.reason ?? null } });
            await tx.flush();
          }
          return row;
        })
      : await changeStatus(em, device.id, guard, input, actor);
  if (!changed) throw OptimisticLockError.lockFailedVersionMismatch(device, device.version, device.version + 1);
  // the device as stored now, for the answer
  return deviceFromRow(em, changed);
}

function applyTransition(tx: EntityManager, device: Device, input: TransitionInput, actor: AuthenticatedUser): void {
  const from = device.status;
  device.status = input.to;
  if (input.to === 'refurbished' && input.grade) device.refurbishedGrade = input.grade;
  // a missing device written off by an admin is no longer looked for
  if (input.to === 'withdrawn') {
    device.missingSince = null;
    device.missingAuditId = null;
    auditAction(tx, { action: 'device_withdrawn', actor, targetType: 'devices', targetId: device.id, details: { assetTag: device.assetTag, from, reason: input.reason ?? null } });
  }
  const details = input.grade || input.notes ? { grade: input.grade, notes: input.notes } : null;
  recordEvent(tx, device, actor.id, { type: 'transition', from, to: input.to, reason: input.reason, details });
}

/** Checks one generic transition for one device, with a message the user can act on. */
function checkTransition(device: Device, input: z.infer<typeof TransitionSchema>, actor: AuthenticatedUser): string | null {
  const transition = findTransition(device.status, input.to);
  if (!transition || transition.path === 'flow') return `statut « ${device.status} » : passage à « ${input.to} » impossible`;
  if (!transition.roles.includes(actor.role)) return `votre rôle ne permet pas de passer un appareil à « ${input.to} »`;
  if (transition.reasonRequired && !input.reason) return 'motif obligatoire';
  return null;
}

/** Applies the same outcome to many scanned devices in one transaction: all of them, or none. */
export async function applyBulkOutcome(em: EntityManager, input: z.infer<typeof BulkOutcomeSchema>, actor: AuthenticatedUser) {
  return em.transactional(async (tx) => {
    const tags = input.assetTags.map((code) => checkAssetTag(code));
    const valid = tags.filter((check) => check.valid).map((check) => (check as { tag: string }).tag);
    const devices = await tx.find(Device, { assetTag: { $in: valid } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'ASC' } });
    const refused: { assetTag: string; reason: string }[] = [];
    for (const [index, check] of tags.entries()) {
      const device = check.valid ? devices.find((candidate) => candidate.assetTag === check.tag) : undefined;
      if (!device) refused.push({ assetTag: input.assetTags[index], reason: 'étiquette inconnue ou mal lue' });
      else {
        const problem = checkTransition(device, input, actor) ?? (actor.role === 'partner' && !isPartnerVisible(device) ? "pas confié à votre organisation" : null);
        if (problem) refused.push({ assetTag: device.assetTag, reason: problem });
      }
    }
    if (refused.length) {
      throw new AppError(409, 'DEVICES_REFUSED', `${countOf(refused.length, 'appareil refusé', 'appareils refusés')} : rien n'a été enregistré.`, { refused });
    }
    for (const device of devices) applyTransition(tx, device, input, actor);
    await tx.flush();
    return { updated: devices.map((device) => device.assetTag) };
  });
}

export async function moveDevice(
  em: EntityManager,
  id: number,
  input: z.infer<typeof MoveSchema>,
  actor: AuthenticatedUser,
): Promise<Device> {
  return em.transactional(async (tx) => {
    const device = await loadForChange(tx, id, input.version);
    if (!DEPOT_STATUSES.includes(device.status)) {
      throw conflict('NOT_IN_DEPOT', `L'appareil n'est plus dans un dépôt du Département (statut « ${device.status} »).`);
    }
    if (device.site === input.site) throw invalid(`L'appareil est déjà sur le site « ${input.site} ».`);
    const fromSite = device.site;
    device.site = input.site;
    recordEvent(tx, device, actor.id, { type: 'moved', site: input.site, reason: input.reason, details: { fromSite } });
    await tx.flush();
    return device;
  });
}

/** Printing a label is part of the history but not a change of the device: its version stays. */
export async function markLabelsPrinted(em: EntityManager, devices: Device[], actor: AuthenticatedUser): Promise<void> {
  await em.transactional(async (tx) => {
    const ids = devices.map((device) => device.id);
    // plain SQL: MikroORM's updates (even the query builder's) would raise the optimistic-lock version
    await tx.execute(`update devices set label_printed_at = now() where id = any(?::int[])`, [`{${ids.join(',')}}`]);
    // one statement for the whole sheet (a thousand labels), in the order printed
    await tx.execute(
      `insert into events (device_id, type, actor_id, site, at)
       select d.id, 'label_printed', ?, d.site, now() from unnest(?::int[]) with ordinality as printed(id, position)
       join devices d on d.id = printed.id order by printed.position`,
      [actor.id, `{${ids.join(',')}}`],
    );
  });
}

/** The partner sees devices only once a batch is on its way to them. */
function isPartnerVisible(device: Pick<DeviceFields, 'status'>): boolean {
  return (PARTNER_VISIBLE_STATUSES as readonly string[]).includes(device.status);
}

/**
 * The partner sees a device once a batch addressed to its organisation is ready for pickup, and
 * after that; never while it is only at the depot.
 */
export async function assertVisible(em: EntityManager, device: Pick<DeviceFields, 'status' | 'batch'>, actor: AuthenticatedUser): Promise<void> {
  if (actor.role !== 'partner') return;
  let visible = isPartnerVisible(device);
  if (visible && device.status === 'in_batch') {
    const batch = device.batch ? await em.findOne(Batch, { id: device.batch.id }) : null;
    visible = !!batch && batch.status !== 'draft' && batch.partner === actor.organisation;
  }
  if (!visible) throw new AppError(403, 'FORBIDDEN', "Cet appareil n'a pas encore été confié à votre organisation.");
}
