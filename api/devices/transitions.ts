import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../db/plain-sql.js';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../core/auth.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../core/errors.js';
import { countOf } from '../core/french.js';
import type { Role } from '../core/permissions.js';
import { auditAction } from '../admin-log/admin-log.js';
import type { Batch } from '../batches/batch.entity.js';
import { checkAssetTag } from './asset-tag.js';
import { Device } from './device.entity.js';
import type { BulkOutcomeSchema, TransitionSchema } from './device.schemas.js';
import { DEVICE_COLUMNS, deviceFromRow, type DeviceFields, type DeviceRow } from './device-sql.js';
import { assertVisible, isVisible, visibleDevicesSql } from './device-scope.js';
import type { EventType } from './event.entity.js';
import { createEvent } from './custody-events.js';
import { TRANSITIONS, allowedTransitions, findTransition, type DeviceStatus, type Transition, type TransitionWay } from './lifecycle.js';

/**
 * The one place where a device changes status. Every workflow (the generic endpoint, the wiping
 * station, batches, the pickup, the refurbishment pile, allocation, withdrawal) calls it: it checks
 * the lifecycle table (state, way, role, reason), writes the status, the custody event and, where
 * due, the administration log, in the caller's transaction.
 */

export interface StatusChange {
  to: DeviceStatus;
  /** The workflow making the change (`lifecycle.ts`): `generic` for the transitions endpoint and the pile. */
  way: TransitionWay;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  /** Where the device is after the change, when it moves with it (a pickup: to the partner). */
  site?: string;
  /** The batch the device joins (to `in_batch`); leaving a batch for the shelf clears it. */
  batch?: Batch;
  /** The partner's grade, on `refurbished`. */
  grade?: Device['refurbishedGrade'];
}

export interface TransitionRefusal {
  status: 400 | 403 | 409;
  code: string;
  message: string;
  /** The same in a few words, for a list of refused devices. */
  short: string;
  details?: unknown;
}

/** What the lifecycle table says of this change by this role: null when allowed, or why not. */
export function transitionRefusal(from: DeviceStatus, change: Pick<StatusChange, 'to' | 'way' | 'reason'>, role: Role): TransitionRefusal | null {
  const { to, way } = change;
  const transition = findTransition(from, to, way);
  if (!transition) {
    const byFlow = way === 'generic' ? findTransition(from, to) : undefined;
    if (byFlow) {
      return {
        status: 409,
        code: 'TRANSITION_NEEDS_FLOW',
        message: `Le passage de « ${from} » à « ${to} » ne se fait que par le parcours dédié (${byFlow.way}), qui en apporte la preuve.`,
        short: `statut « ${from} » : passage à « ${to} » impossible`,
        details: { from, to, flow: byFlow.way },
      };
    }
    return {
      status: 409,
      code: 'TRANSITION_NOT_ALLOWED',
      message: `Un appareil « ${from} » ne peut pas passer à « ${to} ».`,
      short: `statut « ${from} » : passage à « ${to} » impossible`,
      details: { from, to, allowed: allowedTransitions(from, role).map((allowed) => allowed.to) },
    };
  }
  if (!transition.roles.includes(role)) {
    const message = `Votre rôle ne permet pas de passer un appareil à « ${to} ».`;
    return { status: 403, code: 'FORBIDDEN', message, short: `votre rôle ne permet pas de passer un appareil à « ${to} »` };
  }
  if (transition.reasonRequired && !change.reason) {
    return { status: 400, code: 'INVALID_INPUT', message: 'Un motif est obligatoire pour cette action.', short: 'motif obligatoire', details: [{ path: 'reason', message: 'obligatoire' }] };
  }
  return null;
}

function refusalError(refusal: TransitionRefusal): AppError {
  if (refusal.status === 403) return forbidden(refusal.message);
  if (refusal.status === 400) return invalid(refusal.message, refusal.details);
  return conflict(refusal.code, refusal.message, refusal.details);
}

/**
 * Applies a status change to a loaded device in the caller's transaction (written at its flush),
 * or throws the lifecycle table's refusal. The custody event records where the device is after the move.
 */
export function applyStatusChange(tx: EntityManager, device: Device, change: StatusChange, actor: AuthenticatedUser): void {
  const from = device.status;
  const refusal = transitionRefusal(from, change, actor.role);
  if (refusal) throw refusalError(refusal);
  device.status = change.to;
  if (change.site) device.site = change.site;
  if (change.to === 'in_batch') device.batch = change.batch ?? null;
  if (from === 'in_batch' && change.to === 'sanitized') device.batch = null;
  if (change.to === 'refurbished' && change.grade) device.refurbishedGrade = change.grade;
  if (change.to === 'withdrawn') {
    // a missing device written off by an admin is no longer looked for
    device.missingSince = null;
    device.missingAuditId = null;
    logWithdrawal(tx, device, from, change.reason ?? null, actor);
  }
  writeEvent(tx, device, actor.id, 'transition', from, change);
}

function logWithdrawal(tx: EntityManager, device: Pick<Device, 'id' | 'assetTag'>, from: DeviceStatus, reason: string | null, actor: AuthenticatedUser): void {
  auditAction(tx, { action: 'device_withdrawn', actor, targetType: 'devices', targetId: device.id, details: { assetTag: device.assetTag, from, reason } });
}

function writeEvent(tx: EntityManager, device: Device, actorId: number, type: EventType, from: DeviceStatus | null, change: Omit<StatusChange, 'way'>): void {
  createEvent(tx, device, actorId, { type, from, to: change.to, reason: change.reason, details: change.details });
}

/** The first event of a device just created (by hand, by the hardware inventory): to `registered`. */
export function recordRegistration(tx: EntityManager, device: Device, actorId: number, type: Extract<EventType, 'registered' | 'imported'> = 'registered'): void {
  writeEvent(tx, device, actorId, type, null, { to: 'registered' });
}

/** The first events of devices created by one statement (the spreadsheet import), in id order. */
export async function recordRegistrations(tx: EntityManager, deviceIds: number[], actorId: number): Promise<void> {
  await tx.execute(
    `insert into events (device_id, type, to_status, actor_id, site, at)
     select id, 'imported', 'registered', ?, site, now() from devices where id = any(?::int[]) order by id`,
    [actorId, `{${deviceIds.join(',')}}`],
  );
}

// ---------------------------------------------------------------------------------------------
// The generic endpoint: POST /api/devices/:id/transitions

export type TransitionInput = z.infer<typeof TransitionSchema>;

function changeOf(input: TransitionInput): StatusChange {
  const details = input.grade || input.notes ? { grade: input.grade, notes: input.notes } : null;
  return { to: input.to, way: 'generic', reason: input.reason ?? null, details, grade: input.grade };
}

/**
 * The generic transition: `applyStatusChange` on the device as stored, at the version the user saw
 * when they give one. The partner's desk first tries `transitionInOneStatement`, the same change in
 * one round trip; when it changes nothing, the full path reads the device and says why.
 */
export async function transitionDevice(em: EntityManager, id: number, input: TransitionInput, actor: AuthenticatedUser): Promise<DeviceFields> {
  const origin = singleAllowedOrigin(input, actor);
  if (origin) {
    const changed = await transitionInOneStatement(em, id, { from: origin, version: input.version }, input, actor);
    if (changed) return changed;
  }
  return em.transactional(async (tx) => {
    const device = await tx.findOne(Device, { id });
    if (!device) throw notFound('Appareil');
    // a device this user may not see: nothing about it is said (its status, its version)
    await assertVisible(tx, device, actor);
    if (input.version !== undefined) await tx.lock(device, LockMode.OPTIMISTIC, input.version);
    applyStatusChange(tx, device, changeOf(input), actor);
    await tx.flush();
    return device;
  });
}

/**
 * The one status this actor may move a device from to `input.to` by the generic endpoint, when
 * there is exactly one (handed_over → refurbished or recycled for the partner): then the rules
 * hold whenever the device is in that status, and the update can check it by itself.
 */
function singleAllowedOrigin(input: TransitionInput, actor: AuthenticatedUser): DeviceStatus | undefined {
  // a withdrawal also writes the administration log: it takes the full path
  if (input.to === 'withdrawn') return undefined;
  const origins = TRANSITIONS.filter((transition) => transition.to === input.to && allowsGeneric(transition, actor.role, input.reason));
  return origins.length === 1 ? origins[0].from : undefined;
}

const allowsGeneric = (transition: Transition, role: Role, reason: string | undefined) =>
  transition.way === 'generic' && transition.roles.includes(role) && (!transition.reasonRequired || !!reason);

/**
 * `applyStatusChange` for a generic transition, in one statement (atomic without a transaction),
 * only if the device is still in `guard.from` (and at `guard.version` when given): the status,
 * the grade and the event. Returns the device as stored after the change, or nothing when the
 * guard did not hold. tests/api/transitions.test.ts runs both on the same cases.
 */
export async function transitionInOneStatement(
  db: EntityManager,
  id: number,
  guard: { from: DeviceStatus; version?: number },
  input: TransitionInput,
  actor: AuthenticatedUser,
): Promise<DeviceFields | undefined> {
  const change = changeOf(input);
  if (change.to === 'withdrawn' || transitionRefusal(guard.from, change, actor.role)) return undefined;
  const visible = visibleDevicesSql(actor);
  const rows = await queryRows<DeviceRow>(
    db,
    `with changed as (
       update devices set status = ?, version = version + 1, updated_at = now(),
              refurbished_grade = coalesce(?, refurbished_grade)
       where id = ? and status = ?${guard.version === undefined ? '' : ' and version = ?'} and ${visible.sql}
       returning ${DEVICE_COLUMNS}
     ), logged as (
       insert into events (device_id, type, from_status, to_status, actor_id, site, reason, details, at)
       select id, 'transition', ?, status, ?, site, ?, ?::jsonb, now() from changed
     )
     select * from changed`,
    [
      change.to,
      change.to === 'refurbished' ? (change.grade ?? null) : null,
      id,
      guard.from,
      ...(guard.version === undefined ? [] : [guard.version]),
      ...visible.params,
      guard.from,
      actor.id,
      change.reason,
      change.details ? JSON.stringify(change.details) : null,
    ],
  );
  return rows[0] ? deviceFromRow(db, rows[0]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The refurbishment pile: one outcome for many scanned devices

/** Applies the same outcome to many scanned devices in one transaction: all of them, or none. */
export async function applyBulkOutcome(em: EntityManager, input: z.infer<typeof BulkOutcomeSchema>, actor: AuthenticatedUser) {
  // a role the lifecycle never lets record this outcome is refused as a whole, like one device's transition
  const outcome = findTransition('handed_over', input.to);
  if (!outcome?.roles.includes(actor.role)) throw forbidden(`Votre rôle ne permet pas de passer un appareil à « ${input.to} ».`);
  return em.transactional(async (tx) => {
    const tags = input.assetTags.map((code) => checkAssetTag(code));
    const valid = tags.flatMap((check) => (check.valid ? [check.tag] : []));
    const devices = await tx.find(Device, { assetTag: { $in: valid } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'ASC' } });
    const change = changeOf(input);
    const refused: { assetTag: string; reason: string }[] = [];
    for (const [index, check] of tags.entries()) {
      const device = check.valid ? devices.find((candidate) => candidate.assetTag === check.tag) : undefined;
      if (!device) refused.push({ assetTag: input.assetTags[index], reason: 'étiquette inconnue ou mal lue' });
      else if (!(await isVisible(tx, device, actor))) refused.push({ assetTag: device.assetTag, reason: 'pas confié à votre organisation' });
      else {
        const problem = transitionRefusal(device.status, change, actor.role)?.short;
        if (problem) refused.push({ assetTag: device.assetTag, reason: problem });
      }
    }
    if (refused.length) {
      throw new AppError(409, 'DEVICES_REFUSED', `${countOf(refused.length, 'appareil refusé', 'appareils refusés')} : rien n'a été enregistré.`, { refused });
    }
    for (const device of devices) applyStatusChange(tx, device, change, actor);
    await tx.flush();
    return { updated: devices.map((device) => device.assetTag) };
  });
}
