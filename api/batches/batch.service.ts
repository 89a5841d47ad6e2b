import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../core/auth.js';
import { AppError, forbidden, invalid, notFound } from '../core/errors.js';
import { Device } from '../devices/device.entity.js';
import { applyStatusChange } from '../devices/transitions.js';
import { checkAssetTag } from '../devices/asset-tag.js';
import { User } from '../users/user.entity.js';
import { Batch } from './batch.entity.js';
import { assertBatchStep } from './batch-lifecycle.js';
import { assertBatchVisible } from './batch-scope.js';
import type { Notifier } from '../notifications/notify.js';
import { byCount, countOf } from '../core/french.js';

export const DEFAULT_PARTNER = 'Emmaüs Connect';

export interface BatchInput {
  site: string;
  partner: string;
  plannedAt: string | null;
  notes: string | null;
}

/** `LOT-2026-0001`: numbered per year, under a transaction-level lock so two batches never share one. */
async function nextReference(tx: EntityManager): Promise<string> {
  const year = new Date().getFullYear();
  await tx.execute(`select pg_advisory_xact_lock(hashtext('batch_reference'))`);
  const [row] = await tx.execute<{ last: number | null }[]>(
    `select max(substring(reference from '\\d{4}$')::int) as last from batches where reference like ?`,
    [`LOT-${year}-%`],
  );
  return `LOT-${year}-${String((row.last ?? 0) + 1).padStart(4, '0')}`;
}

export async function createBatch(em: EntityManager, input: BatchInput, actor: AuthenticatedUser): Promise<Batch> {
  return em.transactional(async (tx) => {
    const batch = tx.create(Batch, {
      ...input,
      reference: await nextReference(tx),
      status: 'draft',
      createdBy: tx.getReference(User, actor.id),
    });
    await tx.flush();
    return batch;
  });
}

async function lockBatch(tx: EntityManager, id: number): Promise<Batch> {
  const batch = await tx.findOne(Batch, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!batch) throw notFound('Lot');
  return batch;
}

export interface AddResult {
  added: string[];
  alreadyInBatch: string[];
  refused: { id: number; assetTag: string | null; reason: string }[];
}

/** Adds sanitized devices to a draft batch; each one moves to `in_batch` with an event. All or nothing. */
export async function addDevicesToBatch(em: EntityManager, batchId: number, deviceIds: number[], actor: AuthenticatedUser): Promise<AddResult> {
  return em.transactional(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    assertBatchStep(batch, 'add_devices');
    const devices = await tx.find(Device, { id: { $in: deviceIds } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'ASC' } });
    const result: AddResult = { added: [], alreadyInBatch: [], refused: [] };
    for (const id of deviceIds) {
      const device = devices.find((candidate) => candidate.id === id);
      if (!device) result.refused.push({ id, assetTag: null, reason: 'appareil introuvable' });
      else if (device.batch?.id === batch.id && device.status === 'in_batch') result.alreadyInBatch.push(device.assetTag);
      else if (device.status === 'in_batch') result.refused.push({ id, assetTag: device.assetTag, reason: 'déjà dans un autre lot' });
      else if (device.missingSince) {
        result.refused.push({ id, assetTag: device.assetTag, reason: "signalé manquant à l'inventaire : retrouvez-le (nouvel inventaire) ou faites-le retirer" });
      }
      else if (device.status !== 'sanitized') {
        result.refused.push({ id, assetTag: device.assetTag, reason: `statut « ${device.status} » : seuls les appareils effacés (certifiés) peuvent partir` });
      } else if (device.site !== batch.site) {
        result.refused.push({ id, assetTag: device.assetTag, reason: `l'appareil est sur le site « ${device.site} », le lot part de « ${batch.site} »` });
      }
    }
    if (result.refused.length) {
      throw new AppError(409, 'DEVICES_REFUSED', `${countOf(result.refused.length, 'appareil')} ${byCount(result.refused.length, 'ne peut', 'ne peuvent')} pas entrer dans le lot ${batch.reference} : rien n'a été ajouté.`, result);
    }
    for (const device of devices) {
      if (device.status === 'in_batch') continue;
      applyStatusChange(tx, device, { to: 'in_batch', way: 'batch', batch, details: { batch: batch.reference } }, actor);
      result.added.push(device.assetTag);
    }
    await tx.flush();
    return result;
  });
}

export async function removeDeviceFromBatch(em: EntityManager, batchId: number, deviceId: number, actor: AuthenticatedUser): Promise<void> {
  await em.transactional(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    assertBatchStep(batch, 'remove_device');
    const device = await tx.findOne(Device, { id: deviceId, batch }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!device || device.status !== 'in_batch') throw notFound('Appareil dans ce lot');
    applyStatusChange(tx, device, { to: 'sanitized', way: 'batch', details: { batch: batch.reference } }, actor);
    await tx.flush();
  });
}

/** Freezes the manifest: from now on the content of the batch cannot change. */
export async function markBatchReady(em: EntityManager, batchId: number, actor: AuthenticatedUser, notifier?: Notifier): Promise<Batch> {
  return em.transactional(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    assertBatchStep(batch, 'mark_ready');
    if (!(await tx.count(Device, { batch, status: 'in_batch' }))) throw invalid(`Le lot ${batch.reference} est vide : ajoutez des appareils avant de le déclarer prêt.`);
    batch.status = 'ready';
    batch.readyAt = new Date();
    batch.readyBy = tx.getReference(User, actor.id);
    const count = await tx.count(Device, { batch, status: 'in_batch' });
    await notifier?.(tx, { roles: ['partner'], organisation: batch.partner }, {
      kind: 'batch_ready',
      message: `Le lot ${batch.reference} (${count} appareil${count > 1 ? 's' : ''}) est prêt à être enlevé : ${batch.site}.`,
      link: `/pickup/${batch.id}`,
    });
    await tx.flush();
    return batch;
  });
}

export interface PickupInput {
  scanned: string[];
  discrepancy?: string;
}

export interface PickupResult {
  batch: Batch;
  handedOver: string[];
  missing: string[];
}

/**
 * The partner confirms the pickup with the tags scanned at the depot. Custody of every scanned
 * device moves to the partner in one transaction; a foreign or unknown tag refuses the whole
 * pickup; missing devices need a written discrepancy and stay with the Département.
 */
export async function confirmPickup(
  em: EntityManager,
  batchId: number,
  input: PickupInput,
  actor: AuthenticatedUser & { organisation?: string | null },
  notifier?: Notifier,
): Promise<PickupResult> {
  return em.transactional(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    assertBatchVisible(batch, actor);
    if (actor.role === 'partner' && batch.partner !== actor.organisation) throw forbidden();
    assertBatchStep(batch, 'confirm_pickup');
    const expected = await tx.find(Device, { batch, status: 'in_batch' }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'ASC' } });
    const expectedTags = new Set(expected.map((device) => device.assetTag));
    const scanned = new Set<string>();
    const invalidTags: string[] = [];
    for (const code of input.scanned) {
      const check = checkAssetTag(code);
      if (!check.valid) invalidTags.push(code);
      else scanned.add(check.tag);
    }
    const foreign = [...scanned].filter((tag) => !expectedTags.has(tag));
    if (invalidTags.length || foreign.length) {
      const others = await tx.find(Device, { assetTag: { $in: foreign } }, { populate: ['batch'] });
      throw new AppError(422, 'FOREIGN_TAGS', "Des étiquettes scannées n'appartiennent pas à ce lot : retirez ces appareils du chargement.", {
        invalid: invalidTags,
        foreign: foreign.map((tag) => {
          const device = others.find((other) => other.assetTag === tag);
          return { assetTag: tag, known: !!device, batch: device?.batch?.reference ?? null };
        }),
      });
    }
    const missing = [...expectedTags].filter((tag) => !scanned.has(tag));
    const discrepancy = input.discrepancy?.trim();
    if (missing.length && !discrepancy) {
      throw new AppError(422, 'DISCREPANCY_REQUIRED', `${countOf(missing.length, 'appareil attendu', 'appareils attendus')} ${byCount(missing.length, "n'a pas été scanné", "n'ont pas été scannés")} : décrivez l'écart pour confirmer l'enlèvement.`, { missing });
    }
    const pickedUpAt = new Date();
    for (const device of expected) {
      if (scanned.has(device.assetTag)) {
        applyStatusChange(tx, device, { to: 'handed_over', way: 'pickup', site: batch.partner, details: { batch: batch.reference } }, actor);
      } else {
        // not there at pickup: back to the depot shelf, still the Département's
        applyStatusChange(tx, device, {
          to: 'sanitized',
          way: 'pickup',
          reason: `Absent à l'enlèvement du lot ${batch.reference} : ${discrepancy}`,
          details: { batch: batch.reference, missingAtPickup: true },
        }, actor);
      }
    }
    batch.status = missing.length ? 'disputed' : 'picked_up';
    batch.pickedUpAt = pickedUpAt;
    batch.pickedUpBy = tx.getReference(User, actor.id);
    batch.discrepancy = discrepancy || null;
    batch.missingAssetTags = missing.length ? missing : null;
    await tx.flush();
    await notifier?.(tx, { roles: ['it_staff', 'admin'] }, {
      kind: missing.length ? 'pickup_disputed' : 'pickup_confirmed',
      message: missing.length
        ? `Lot ${batch.reference} enlevé par ${batch.partner} avec un écart : ${countOf(missing.length, 'appareil manquant', 'appareils manquants')} (${missing.join(', ')}).`
        : `Lot ${batch.reference} enlevé par ${batch.partner} : ${countOf(scanned.size, 'appareil remis', 'appareils remis')}.`,
      link: `/batches/${batch.id}/show`,
    });
    return { batch, handedOver: [...scanned], missing };
  });
}

export async function closeBatch(em: EntityManager, batchId: number): Promise<Batch> {
  return em.transactional(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    assertBatchStep(batch, 'close');
    batch.status = 'closed';
    batch.closedAt = new Date();
    await tx.flush();
    return batch;
  });
}
