import { randomInt } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../core/auth.js';
import { conflict, invalid, notFound } from '../core/errors.js';
import { Device } from '../devices/device.entity.js';
import { recordEvent } from '../devices/custody-events.js';
import type { DeviceStatus } from '../devices/lifecycle.js';
import { applyStatusChange } from '../devices/transitions.js';
import { User } from '../users/user.entity.js';
import { Certificate } from './certificate.entity.js';
import type { Notifier } from '../notifications/notify.js';
import { Medium } from './medium.entity.js';
import { Sanitization } from './sanitization.entity.js';
import { CATEGORY_FR, TECHNIQUE_FR } from './labels-fr.js';
import { TECHNIQUE_CATEGORY, type MediaKind, type SanitizationCategory, type SanitizationResult, type SanitizationTechnique, type Verification } from './nist.js';

/** Only devices still at the wiping stage get media or wipe records: a certificate is never reopened silently. */
const WIPING_STATUSES: readonly DeviceStatus[] = ['registered', 'quarantined'];

export interface MediumInput {
  device: number;
  kind: MediaKind;
  serialNumber: string;
  model: string | null;
  capacityGb: number | null;
}

export interface SanitizationInput {
  medium: number;
  category?: SanitizationCategory;
  technique: SanitizationTechnique;
  tool: string;
  toolVersion: string | null;
  /** null: only the end time is known. */
  startedAt: Date | null;
  finishedAt: Date;
  passes: number | null;
  verification: Verification;
  result: SanitizationResult;
  errors: string | null;
}

export interface ImportedRecordInput extends SanitizationInput {
  source: 'nwipe_log' | 'nwipe_json';
  sourceKey: string;
  hostSerial: string | null;
}

/** Locks the device row for the rest of the transaction: two wipes of one device settle one after the other. */
export async function lockDevice(em: EntityManager, id: number): Promise<Device> {
  const device = await em.findOne(Device, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!device) throw notFound('Appareil');
  return device;
}

/** Is the device still at the wiping stage (registered or quarantined)? */
export function isAtWipingStage(device: Pick<Device, 'status'>): boolean {
  return WIPING_STATUSES.includes(device.status);
}

function assertWiping(device: Device): void {
  if (!isAtWipingStage(device)) {
    throw conflict(
      'DEVICE_ALREADY_SANITIZED',
      `L'appareil ${device.assetTag} est « ${device.status} » : ses supports ne se modifient plus (le certificat ${device.certificateNumber ?? ''} est émis).`,
    );
  }
}

export async function addMedium(em: EntityManager, input: MediumInput, actor: AuthenticatedUser): Promise<Medium> {
  return em.transactional(async (tx) => {
    const device = await lockDevice(tx, input.device);
    assertWiping(device);
    const existing = await tx.findOne(Medium, { serialNumber: input.serialNumber }, { populate: ['device'] });
    if (existing) {
      throw conflict('MEDIUM_SERIAL_TAKEN', `Le support ${input.serialNumber} est déjà enregistré dans l'appareil ${existing.device.assetTag}.`, {
        deviceId: existing.device.id,
        assetTag: existing.device.assetTag,
      });
    }
    const medium = tx.create(Medium, { ...input, device, createdBy: tx.getReference(User, actor.id) });
    device.noStorage = false;
    recordEvent(tx, device, actor.id, {
      type: 'medium_added',
      details: { serialNumber: input.serialNumber, kind: input.kind, model: input.model, capacityGb: input.capacityGb },
    });
    await tx.flush();
    return medium;
  });
}

/** A medium entered by mistake can be removed while nothing was recorded on it. */
export async function removeMedium(em: EntityManager, id: number, actor: AuthenticatedUser): Promise<void> {
  await em.transactional(async (tx) => {
    const medium = await tx.findOne(Medium, { id });
    if (!medium) throw notFound('Support');
    const device = await lockDevice(tx, medium.device.id);
    assertWiping(device);
    if (await tx.count(Sanitization, { medium })) {
      throw conflict('MEDIUM_HAS_RECORDS', 'Ce support a déjà un effacement enregistré : il fait partie de la preuve et ne se supprime pas.');
    }
    recordEvent(tx, device, actor.id, { type: 'medium_removed', details: { serialNumber: medium.serialNumber } });
    tx.remove(medium);
    await tx.flush();
    await settleSanitizationState(tx, device, actor);
  });
}

function checkCategory(input: SanitizationInput): SanitizationCategory {
  const expected = TECHNIQUE_CATEGORY[input.technique];
  if (input.category && input.category !== expected) {
    throw invalid(`La technique « ${input.technique} » relève de la catégorie NIST « ${expected} », pas « ${input.category} ».`, [
      { path: 'category', message: `attendu : ${expected}` },
    ]);
  }
  if (input.startedAt && input.finishedAt < input.startedAt) {
    throw invalid('La fin de l’effacement précède son début.', [{ path: 'finishedAt', message: 'avant le début' }]);
  }
  if (input.finishedAt.getTime() > Date.now() + 5 * 60_000) {
    throw invalid('La fin de l’effacement est dans le futur.', [{ path: 'finishedAt', message: 'dans le futur' }]);
  }
  return expected;
}

/** Records one wipe on a medium whose device is already locked, then settles the device's state. */
export async function insertSanitization(
  tx: EntityManager,
  device: Device,
  medium: Medium,
  input: SanitizationInput & Partial<Pick<ImportedRecordInput, 'source' | 'sourceKey' | 'hostSerial'>>,
  actor: AuthenticatedUser,
  options: { settle: boolean; notifier?: Notifier } = { settle: true },
): Promise<Sanitization> {
  assertWiping(device);
  const category = checkCategory(input);
  const record = tx.create(Sanitization, {
    medium,
    device,
    category,
    technique: input.technique,
    tool: input.tool,
    toolVersion: input.toolVersion,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    passes: input.passes,
    verification: input.verification,
    result: input.result,
    errors: input.errors,
    operator: tx.getReference(User, actor.id),
    source: input.source ?? 'manual',
    sourceKey: input.sourceKey ?? null,
    hostSerial: input.hostSerial ?? null,
  });
  recordEvent(tx, device, actor.id, {
    type: 'sanitization',
    reason: input.result === 'failure' ? input.errors : null,
    details: { medium: medium.serialNumber, technique: input.technique, category, result: input.result, tool: input.tool },
  });
  await tx.flush();
  if (options.settle) await settleSanitizationState(tx, device, actor, options.notifier);
  return record;
}

export async function recordSanitization(em: EntityManager, input: SanitizationInput, actor: AuthenticatedUser, notifier?: Notifier): Promise<Sanitization> {
  return em.transactional(async (tx) => {
    const medium = await tx.findOne(Medium, { id: input.medium });
    if (!medium) throw invalid(`Support ${input.medium} introuvable.`, [{ path: 'medium', message: 'introuvable' }]);
    const device = await lockDevice(tx, medium.device.id);
    return insertSanitization(tx, device, medium, input, actor, { settle: true, notifier });
  });
}

/** Monitors, printers...: the technician records that the device holds no storage at all. */
export async function markNoStorage(em: EntityManager, deviceId: number, actor: AuthenticatedUser): Promise<Device> {
  return em.transactional(async (tx) => {
    const device = await lockDevice(tx, deviceId);
    assertWiping(device);
    if (await tx.count(Medium, { device })) {
      throw conflict('DEVICE_HAS_MEDIA', 'Cet appareil a des supports enregistrés : effacez-les ou retirez ceux saisis par erreur.');
    }
    device.noStorage = true;
    recordEvent(tx, device, actor.id, { type: 'no_storage' });
    await tx.flush();
    await settleSanitizationState(tx, device, actor);
    return device;
  });
}

function latestRecordPerMedium(records: Sanitization[]): Map<number, Sanitization> {
  const latest = new Map<number, Sanitization>();
  for (const record of records) {
    const current = latest.get(record.medium.id);
    const later =
      !current ||
      record.finishedAt > current.finishedAt ||
      (record.finishedAt.getTime() === current.finishedAt.getTime() && record.id > current.id);
    if (later) latest.set(record.medium.id, record);
  }
  return latest;
}

/** What the wiping station's rule makes of a device's records now; null when it stays as it is. */
export type SanitizationOutcome = { to: 'quarantined'; failed: Medium[]; latest: Map<number, Sanitization> } | { to: 'sanitized'; certified: Sanitization[] } | null;

/**
 * The rule of the wiping station: every medium's latest record succeeded (a destroy counts), or
 * the device has no storage → sanitized with a certificate; a failed latest record → quarantined
 * (only from « registered »).
 */
export async function sanitizationOutcome(tx: EntityManager, device: Device): Promise<SanitizationOutcome> {
  if (!WIPING_STATUSES.includes(device.status)) return null;
  const media = await tx.find(Medium, { device });
  const records = await tx.find(Sanitization, { device }, { orderBy: { finishedAt: 'ASC', id: 'ASC' } });
  const latest = latestRecordPerMedium(records);
  const failed = media.filter((medium) => latest.get(medium.id)?.result === 'failure');
  if (failed.length) return device.status === 'registered' ? { to: 'quarantined', failed, latest } : null;
  const allWiped = media.length > 0 ? media.every((medium) => latest.get(medium.id)?.result === 'success') : device.noStorage;
  return allWiped ? { to: 'sanitized', certified: media.map((medium) => latest.get(medium.id)!) } : null;
}

/** Applies the wiping station's rule (sanitizationOutcome): quarantine with a notification, or certificate. */
export async function settleSanitizationState(tx: EntityManager, device: Device, actor: AuthenticatedUser, notifier?: Notifier): Promise<void> {
  const outcome = await sanitizationOutcome(tx, device);
  if (outcome?.to === 'quarantined') {
    const { failed, latest } = outcome;
    const errors = failed.map((medium) => `${medium.serialNumber} : ${latest.get(medium.id)!.errors ?? 'échec'}`).join(' ; ');
    applyStatusChange(tx, device, { to: 'quarantined', way: 'sanitization', reason: `Échec de l'effacement — ${errors}` }, actor);
    await notifier?.(tx, { roles: ['it_staff'] }, {
      kind: 'device_quarantined',
      message: `L'appareil ${device.assetTag} est en quarantaine : l'effacement a échoué (${failed.map((medium) => medium.serialNumber).join(', ')}).`,
      link: `/wiping?device=${device.id}`,
    });
    await tx.flush();
  }
  if (outcome?.to === 'sanitized') {
    const certificate = await issueCertificate(tx, device, outcome.certified, actor);
    applyStatusChange(tx, device, { to: 'sanitized', way: 'sanitization', details: { certificateNumber: certificate.number } }, actor);
    await tx.flush();
  }
}

const UNAMBIGUOUS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `CS-2026-000042-K7QM`: sequential for people, with a random part so numbers cannot be enumerated. */
async function nextCertificateNumber(tx: EntityManager): Promise<string> {
  const [row] = await tx.execute<{ value: string }[]>(`select nextval('certificate_seq') as value`);
  const random = Array.from({ length: 4 }, () => UNAMBIGUOUS[randomInt(UNAMBIGUOUS.length)]).join('');
  return `CS-${new Date().getFullYear()}-${String(row.value).padStart(6, '0')}-${random}`;
}

export function methodSummary(records: Pick<Sanitization, 'category' | 'technique'>[]): string {
  if (records.length === 0) return 'Aucun support de stockage (rien à effacer)';
  const methods = [...new Set(records.map((record) => `${CATEGORY_FR[record.category]} — ${TECHNIQUE_FR[record.technique]}`))];
  return `NIST SP 800-88 : ${methods.join(' ; ')}`.slice(0, 200);
}

async function issueCertificate(tx: EntityManager, device: Device, records: Sanitization[], actor: AuthenticatedUser): Promise<Certificate> {
  const certificate = tx.create(Certificate, {
    number: await nextCertificateNumber(tx),
    device,
    issuedBy: tx.getReference(User, actor.id),
    sanitizationIds: records.map((record) => record.id),
    methodSummary: methodSummary(records),
  });
  device.certificateNumber = certificate.number;
  return certificate;
}
