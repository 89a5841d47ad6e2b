import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../core/auth.js';
import { invalid } from '../core/errors.js';
import { Device } from '../devices/device.entity.js';
import { normaliseSerial } from '../devices/device.schemas.js';
import { recordEvent } from '../devices/custody-events.js';
import { User } from '../users/user.entity.js';
import { Medium } from './medium.entity.js';
import { Sanitization } from './sanitization.entity.js';
import { insertSanitization, isAtWipingStage, sanitizationOutcome, settleSanitizationState } from './sanitization.service.js';
import type { MediaKind } from './nist.js';
import type { Notifier } from '../notifications/notify.js';
import { parseNwipeReport, type NwipeDiskResult, type NwipeReport } from './nwipe/parse.js';

export interface LogImportReport {
  /** true: a preview, nothing was written (the transaction was rolled back). */
  dryRun: boolean;
  tool: string;
  toolVersion: string | null;
  hostSerial: string | null;
  hostAssetTag: string | null;
  disks: number;
  recorded: { serialNumber: string; assetTag: string; result: 'success' | 'failure'; method: string }[];
  failed: { serialNumber: string; assetTag: string; errors: string | null }[];
  alreadyImported: { serialNumber: string; assetTag: string }[];
  mediaCreated: { serialNumber: string; assetTag: string }[];
  unmatched: { serialNumber: string | null; model: string | null; reason: string }[];
  /** Every disk of the log, wiped or not, matched or not, with nwipe's status and what the import did with it. */
  diskResults: DiskResult[];
  devicesSanitized: string[];
  devicesQuarantined: string[];
  warnings: string[];
}

export interface DiskResult {
  devicePath: string | null;
  serialNumber: string | null;
  model: string | null;
  /** nwipe's word in the summary (Erased, FAILED, UABORTED…); null when the disk was not wiped in this log. */
  nwipeStatus: string | null;
  outcome: 'recorded' | 'already_imported' | 'unmatched' | 'not_wiped';
  assetTag: string | null;
  /** The method as nwipe names it; null when the log does not say (to review). */
  method: string | null;
  reason: string | null;
}

/** The same disk result of the same run always gives the same key: re-importing a log records nothing. */
function sourceKey(disk: NwipeDiskResult): string {
  return createHash('sha256')
    .update(['nwipe', disk.serialNumber, disk.method, disk.startedAt, disk.finishedAt, disk.result].join('|'))
    .digest('hex');
}

const METHOD_UNKNOWN = 'méthode inconnue — à vérifier';

function guessKind(disk: NwipeDiskResult): MediaKind {
  const text = `${disk.devicePath ?? ''} ${disk.model ?? ''}`.toLowerCase();
  if (text.includes('nvme')) return 'nvme';
  if (text.includes('mmc')) return 'emmc';
  if (/ssd|solid|samsung|crucial|kingston|sandisk|intel/.test(text)) return 'ssd';
  return 'hdd';
}

function parse(text: string): NwipeReport {
  try {
    return parseNwipeReport(text);
  } catch (error) {
    throw invalid((error as Error).message || "Ce fichier n'est ni un journal nwipe ni un rapport JSON nwipe.");
  }
}

/** The log's context in the transaction: the computer it names, the media and devices concerned (locked). */
interface ImportScope {
  tx: EntityManager;
  actor: AuthenticatedUser;
  source: 'nwipe_log' | 'nwipe_json';
  parsed: NwipeReport;
  hostSerial: string | null;
  hostDevice: Device | null;
  media: Medium[];
  deviceById: Map<number, Device>;
  report: LogImportReport;
}

/** Thrown to roll a preview's transaction back once its report is written. */
class PreviewDone extends Error {
  constructor(readonly report: LogImportReport) {
    super('aperçu');
  }
}

/**
 * Imports one nwipe / ShredOS log or JSON report in one transaction: each disk is matched to a
 * medium by its serial number; when the report names the computer's own serial, a disk we do not
 * know yet is added to that device, and a disk found in another device than recorded is refused.
 * With dryRun the same work is done, the outcome read without certifying (no certificate number
 * drawn, no notification), then the transaction is rolled back: the answer says what would be recorded.
 */
export async function importSanitizationLog(
  em: EntityManager,
  text: string,
  actor: AuthenticatedUser,
  notifier?: Notifier,
  options: { dryRun: boolean } = { dryRun: false },
): Promise<LogImportReport> {
  const parsed = parse(text);
  const source = text.trimStart().startsWith('{') ? 'nwipe_json' : 'nwipe_log';
  try {
    return await em.transactional(async (tx) => {
      const scope = await openScope(tx, actor, source, parsed, options.dryRun);
      for (const disk of parsed.disks) await importDisk(scope, disk);
      for (const disk of parsed.disksNotWiped ?? []) {
        scope.report.diskResults.push({ ...disk, nwipeStatus: null, outcome: 'not_wiped', assetTag: null, method: null, reason: 'disque détecté par nwipe mais pas effacé dans ce journal' });
      }
      if (options.dryRun) {
        await previewOutcomes(scope);
        throw new PreviewDone(scope.report);
      }
      await settleDevices(scope, notifier);
      return scope.report;
    });
  } catch (error) {
    if (error instanceof PreviewDone) return error.report;
    throw error;
  }
}

async function settleDevices(scope: ImportScope, notifier?: Notifier): Promise<void> {
  const statusBefore = new Map([...scope.deviceById.values()].map((device) => [device.id, device.status]));
  for (const device of scope.deviceById.values()) await settleSanitizationState(scope.tx, device, scope.actor, notifier);
  for (const device of scope.deviceById.values()) {
    if (device.status === statusBefore.get(device.id)) continue;
    if (device.status === 'sanitized') scope.report.devicesSanitized.push(device.assetTag);
    if (device.status === 'quarantined') scope.report.devicesQuarantined.push(device.assetTag);
  }
}

async function previewOutcomes(scope: ImportScope): Promise<void> {
  for (const device of scope.deviceById.values()) {
    const outcome = await sanitizationOutcome(scope.tx, device);
    if (outcome?.to === 'sanitized') scope.report.devicesSanitized.push(device.assetTag);
    if (outcome?.to === 'quarantined') scope.report.devicesQuarantined.push(device.assetTag);
  }
}

async function openScope(tx: EntityManager, actor: AuthenticatedUser, source: ImportScope['source'], parsed: NwipeReport, dryRun: boolean): Promise<ImportScope> {
  const hostSerial = normaliseSerial(parsed.hostSerial);
  const hostDevice = hostSerial ? await tx.findOne(Device, { serialNumber: hostSerial }) : null;
  const report: LogImportReport = {
    dryRun,
    tool: parsed.tool,
    toolVersion: parsed.toolVersion,
    hostSerial,
    hostAssetTag: hostDevice?.assetTag ?? null,
    disks: parsed.disks.length,
    recorded: [],
    failed: [],
    alreadyImported: [],
    mediaCreated: [],
    unmatched: [],
    diskResults: [],
    devicesSanitized: [],
    devicesQuarantined: [],
    warnings: [...parsed.warnings],
  };
  if (hostSerial && !hostDevice) report.warnings.push(`Le numéro de série de l'ordinateur (${hostSerial}) ne correspond à aucun appareil enregistré.`);
  const serials = parsed.disks.map((disk) => normaliseSerial(disk.serialNumber)).filter((serial): serial is string => !!serial);
  const media = await tx.find(Medium, { serialNumber: { $in: serials } });
  const deviceIds = [...new Set([...media.map((medium) => medium.device.id), ...(hostDevice ? [hostDevice.id] : [])])].sort((a, b) => a - b);
  // lock every device concerned, in id order so two imports cannot deadlock
  const devices = await tx.find(Device, { id: { $in: deviceIds } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'ASC' } });
  return { tx, actor, source, parsed, hostSerial, hostDevice, media, deviceById: new Map(devices.map((device) => [device.id, device])), report };
}

/** Why a disk of the log cannot be recorded before looking at our data, or null. */
function unreadableDisk(disk: NwipeDiskResult, serialNumber: string | null): string | null {
  if (!serialNumber) return 'numéro de série du disque absent du journal';
  if (!disk.technique && !disk.method) return "méthode d'effacement absente du rapport : enregistrez cet effacement à la main après vérification";
  if (!disk.technique) return `« ${disk.method} » ne fait que relire le disque : ce n'est pas un effacement`;
  if (!(disk.startedAt ?? disk.finishedAt)) return 'dates de début et de fin absentes du journal';
  return null;
}

/** Records one disk of the log (settled with its device's other disks afterwards), or says why not. */
async function importDisk(scope: ImportScope, disk: NwipeDiskResult): Promise<void> {
  const { tx, report, hostDevice } = scope;
  const serialNumber = normaliseSerial(disk.serialNumber);
  const result = (outcome: DiskResult['outcome'], assetTag: string | null, reason: string | null) =>
    report.diskResults.push({ devicePath: disk.devicePath, serialNumber, model: disk.model, nwipeStatus: disk.status || null, outcome, assetTag, method: disk.method || null, reason });
  const unmatched = (reason: string) => {
    report.unmatched.push({ serialNumber, model: disk.model, reason });
    result('unmatched', null, reason);
  };
  const unreadable = unreadableDisk(disk, serialNumber);
  if (unreadable || !serialNumber) return void unmatched(unreadable!);
  let medium = scope.media.find((candidate) => candidate.serialNumber === serialNumber);
  if (medium && hostDevice && medium.device.id !== hostDevice.id) {
    return void unmatched(`disque enregistré dans ${scope.deviceById.get(medium.device.id)?.assetTag}, mais effacé dans l'ordinateur ${hostDevice.assetTag} : vérifiez où il se trouve`);
  }
  if (!medium) {
    if (!hostDevice || !isAtWipingStage(hostDevice)) return void unmatched('numéro de série inconnu : ajoutez ce disque à son appareil puis importez à nouveau');
    medium = addDiskToHost(scope, hostDevice, disk, serialNumber);
  }
  const device = scope.deviceById.get(medium.device.id)!;
  const key = sourceKey(disk);
  if (await tx.count(Sanitization, { sourceKey: key })) {
    report.alreadyImported.push({ serialNumber, assetTag: device.assetTag });
    return void result('already_imported', device.assetTag, null);
  }
  if (!isAtWipingStage(device)) return void unmatched(`l'appareil ${device.assetTag} est déjà certifié effacé`);
  await recordDisk(scope, device, medium, disk, key);
  report.recorded.push({ serialNumber, assetTag: device.assetTag, result: disk.result, method: disk.method || METHOD_UNKNOWN });
  result('recorded', device.assetTag, disk.method ? null : METHOD_UNKNOWN);
  if (disk.result === 'failure') report.failed.push({ serialNumber, assetTag: device.assetTag, errors: disk.errors });
}

/** A disk the log found in the computer it names, unknown to us yet: it becomes one of its media. */
function addDiskToHost(scope: ImportScope, hostDevice: Device, disk: NwipeDiskResult, serialNumber: string): Medium {
  const { tx, actor } = scope;
  const medium = tx.create(Medium, {
    device: hostDevice,
    kind: guessKind(disk),
    serialNumber,
    model: disk.model,
    capacityGb: disk.capacityBytes ? Math.round(disk.capacityBytes / 1e9) : null,
    createdBy: tx.getReference(User, actor.id),
  });
  hostDevice.noStorage = false;
  recordEvent(tx, hostDevice, actor.id, { type: 'medium_added', details: { serialNumber, kind: medium.kind, model: disk.model, source: scope.source } });
  scope.media.push(medium);
  scope.report.mediaCreated.push({ serialNumber, assetTag: hostDevice.assetTag });
  return medium;
}

async function recordDisk(scope: ImportScope, device: Device, medium: Medium, disk: NwipeDiskResult, key: string): Promise<void> {
  // a log without a start time records the end only (the certificate says so), never a copied start
  const finishedAt = (disk.finishedAt ?? disk.startedAt)!;
  await insertSanitization(
    scope.tx,
    device,
    medium,
    {
      medium: medium.id,
      technique: disk.technique!,
      tool: 'nwipe',
      toolVersion: scope.parsed.toolVersion,
      startedAt: disk.startedAt ? new Date(disk.startedAt) : null,
      finishedAt: new Date(finishedAt),
      passes: disk.passes,
      verification: disk.verification,
      result: disk.result,
      errors: disk.errors,
      source: scope.source,
      sourceKey: key,
      hostSerial: scope.hostSerial,
    },
    scope.actor,
    // settled once per device, when every disk of the log is recorded
    { settle: false },
  );
}
