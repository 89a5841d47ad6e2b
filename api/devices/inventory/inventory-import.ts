import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../../core/auth.js';
import { AppError, conflict, invalid } from '../../core/errors.js';
import { Medium } from '../../sanitization/medium.entity.js';
import { Sanitization } from '../../sanitization/sanitization.entity.js';
import { isAtWipingStage, lockDevice } from '../../sanitization/sanitization.service.js';
import { User } from '../../users/user.entity.js';
import type { AssetTagFormat } from '../asset-tag.js';
import { loadAddedChassisTypes } from '../chassis-types.js';
import { recordEvent } from '../custody-events.js';
import { Device } from '../device.entity.js';
import { assertSerialFree, registerDevice } from '../device.service.js';
import { readGlpiInventory, type InventoryStorage, type InventorySummary } from './glpi-inventory.js';

/** The compressed inventory kept with the device; a larger one is refused rather than cut. */
export const MAX_STORED_INVENTORY_BYTES = 2 * 1024 * 1024;

export interface InventoryImportReport {
  device: { id: number; assetTag: string };
  created: boolean;
  /** true: the same inventory as last time, nothing written. */
  unchanged: boolean;
  /** In French, one line per change: « Mémoire : 4 Go → 8 Go », « Disque ajouté : S29NNXAH146409 ». */
  changes: string[];
  summary: InventorySummary;
  warnings: string[];
}

const SPEC_LABELS = { brand: 'Marque', model: 'Modèle', type: 'Type', cpu: 'Processeur', ramGb: 'Mémoire (Go)', storageSummary: 'Stockage' } as const;
type SpecField = keyof typeof SPEC_LABELS;

/**
 * Records the GLPI agent's inventory of one computer or phone: the device is found by its system
 * serial, else by the asset tag given with the upload, else created on `site`; its specs, disks
 * (as storage media) and batteries follow the inventory. The same inventory twice writes nothing;
 * a changed one writes one custody event naming every change. A disk with wipe records is never
 * moved from another device: the whole inventory is refused, as the nwipe import refuses the disk.
 */
export async function importInventory(
  em: EntityManager,
  raw: Buffer,
  body: unknown,
  actor: AuthenticatedUser,
  options: { assetTag?: string; site?: string; format: AssetTagFormat },
): Promise<InventoryImportReport> {
  const summary = readGlpiInventory(body, await loadAddedChassisTypes(em));
  const digest = createHash('sha256').update(raw).digest('hex');
  const compressed = gzipSync(raw);
  if (compressed.length > MAX_STORED_INVENTORY_BYTES) {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', `Inventaire trop volumineux : ${Math.round(compressed.length / 1024)} Kio compressés, 2 Mio au plus.`);
  }
  return em.transactional(async (tx) => {
    const { device, created } = await findOrCreateDevice(tx, summary, actor, options);
    const report: InventoryImportReport = { device: { id: device.id, assetTag: device.assetTag }, created, unchanged: false, changes: [], summary, warnings: [] };
    const [previous] = await tx.execute<{ digest: string }[]>(`select digest from device_inventories where device_id = ?`, [device.id]);
    if (previous?.digest === digest) return { ...report, unchanged: true };
    const specChanges = applySpecs(device, summary, created);
    const mediaChanges = await syncMedia(tx, device, summary.storages, actor, report.warnings);
    report.changes = [...specChanges, ...mediaChanges, ...batteryChanges(previous ? await previousSummary(tx, device.id) : null, summary)];
    if (!created && report.changes.length) recordEvent(tx, device, actor.id, { type: 'updated', details: { source: 'inventaire GLPI', changes: report.changes } });
    await tx.execute(
      `insert into device_inventories (device_id, digest, raw_gzip, raw_size, summary, received_at, received_by) values (?, ?, ?, ?, ?, now(), ?)
       on conflict (device_id) do update set digest = excluded.digest, raw_gzip = excluded.raw_gzip, raw_size = excluded.raw_size,
         summary = excluded.summary, received_at = excluded.received_at, received_by = excluded.received_by`,
      [device.id, digest, compressed, raw.length, JSON.stringify(summary), actor.id],
    );
    await tx.flush();
    return { ...report, unchanged: !created && report.changes.length === 0 };
  });
}

async function findOrCreateDevice(
  tx: EntityManager,
  summary: InventorySummary,
  actor: AuthenticatedUser,
  options: { assetTag?: string; site?: string; format: AssetTagFormat },
): Promise<{ device: Device; created: boolean }> {
  const bySerial = summary.serialNumber ? await tx.findOne(Device, { serialNumber: summary.serialNumber }) : null;
  if (bySerial) {
    if (options.assetTag && options.assetTag !== bySerial.assetTag) {
      throw conflict('SERIAL_TAKEN', `Le numéro de série ${summary.serialNumber} est celui de ${bySerial.assetTag}, pas de ${options.assetTag} : vérifiez l'étiquette scannée.`, { assetTag: bySerial.assetTag });
    }
    return { device: await lockDevice(tx, bySerial.id), created: false };
  }
  if (options.assetTag) {
    const byTag = await tx.findOne(Device, { assetTag: options.assetTag });
    if (!byTag) throw invalid(`Aucun appareil n'a l'étiquette ${options.assetTag}.`, [{ path: 'assetTag', message: 'inconnue' }]);
    const device = await lockDevice(tx, byTag.id);
    if (device.serialNumber && summary.serialNumber && device.serialNumber !== summary.serialNumber) {
      throw conflict('SERIAL_MISMATCH', `${device.assetTag} a le numéro de série ${device.serialNumber}, l'inventaire ${summary.serialNumber} : ce n'est pas le même appareil.`);
    }
    return { device, created: false };
  }
  if (!options.site) {
    throw invalid("Appareil inconnu : précisez son site (?site=) pour l'enregistrer, ou son étiquette (?assetTag=).", [{ path: 'site', message: 'requis pour un nouvel appareil' }]);
  }
  await assertSerialFree(tx, summary.serialNumber);
  const input = { type: summary.type, brand: summary.brand, model: summary.model, serialNumber: summary.serialNumber, cpu: summary.cpu, ramGb: summary.ramGb, storageSummary: summary.storageSummary, originSite: options.site };
  const device = await registerDevice(tx, input as Parameters<typeof registerDevice>[1], actor, options.format, 'imported');
  return { device: await lockDevice(tx, device.id), created: true };
}

const show = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

/** The inventory's specs over the device's; a spec the inventory does not know is left as typed. */
function applySpecs(device: Device, summary: InventorySummary, created: boolean): string[] {
  const changes: string[] = [];
  const wanted: Record<SpecField, unknown> = { brand: summary.brand, model: summary.model, type: summary.type === 'other' ? null : summary.type, cpu: summary.cpu, ramGb: summary.ramGb, storageSummary: summary.storageSummary };
  for (const field of Object.keys(SPEC_LABELS) as SpecField[]) {
    const value = wanted[field];
    if (value === null || value === undefined || device[field] === value) continue;
    if (!created) changes.push(`${SPEC_LABELS[field]} : ${show(device[field])} → ${show(value)}`);
    (device as Record<SpecField, unknown>)[field] = value;
  }
  if (summary.serialNumber && !device.serialNumber) {
    changes.push(`Numéro de série : — → ${summary.serialNumber}`);
    device.serialNumber = summary.serialNumber;
  }
  return changes;
}

/** Disks of the inventory become the device's media; a disk gone from the inventory is removed if no wipe names it. */
async function syncMedia(tx: EntityManager, device: Device, storages: InventoryStorage[], actor: AuthenticatedUser, warnings: string[]): Promise<string[]> {
  const changes: string[] = [];
  const known = await tx.find(Medium, { serialNumber: { $in: storages.map((storage) => storage.serialNumber) } });
  for (const storage of storages) {
    const medium = known.find((candidate) => candidate.serialNumber === storage.serialNumber);
    if (medium && medium.device.id === device.id) {
      // not a change of the device: the same disk, its interface named (or renamed) by the agent
      if (storage.interface && medium.interface !== storage.interface.slice(0, 40)) medium.interface = storage.interface.slice(0, 40);
      continue;
    }
    if (medium) {
      changes.push(await moveMedium(tx, medium, device, actor));
      continue;
    }
    if (!isAtWipingStage(device)) {
      warnings.push(`Disque ${storage.serialNumber} non ajouté : ${device.assetTag} est déjà « ${device.status} » (certificat émis) ; vérifiez ce disque.`);
      continue;
    }
    tx.create(Medium, { device, kind: storage.kind, serialNumber: storage.serialNumber, model: storage.model?.slice(0, 120) ?? null, capacityGb: storage.capacityGb, interface: storage.interface?.slice(0, 40) ?? null, createdBy: tx.getReference(User, actor.id) });
    device.noStorage = false;
    recordEvent(tx, device, actor.id, { type: 'medium_added', details: { serialNumber: storage.serialNumber, kind: storage.kind, model: storage.model, interface: storage.interface, source: 'glpi_inventory' } });
    changes.push(`Disque ajouté : ${storage.serialNumber}${storage.model ? ` (${storage.model})` : ''}`);
  }
  if (storages.length === 0) return changes;
  for (const medium of await tx.find(Medium, { device })) {
    if (storages.some((storage) => storage.serialNumber === medium.serialNumber)) continue;
    if (!isAtWipingStage(device) || (await tx.count(Sanitization, { medium }))) {
      warnings.push(`Le disque ${medium.serialNumber} n'est plus dans l'inventaire mais reste enregistré (effacement enregistré ou appareil certifié) : vérifiez où il se trouve.`);
      continue;
    }
    recordEvent(tx, device, actor.id, { type: 'medium_removed', details: { serialNumber: medium.serialNumber, source: 'glpi_inventory' } });
    tx.remove(medium);
    changes.push(`Disque retiré : ${medium.serialNumber}`);
  }
  return changes;
}

/** A disk recorded in another device: moved if nothing was recorded on it yet, else the inventory is refused. */
async function moveMedium(tx: EntityManager, medium: Medium, device: Device, actor: AuthenticatedUser): Promise<string> {
  const from = await lockDevice(tx, medium.device.id);
  if ((await tx.count(Sanitization, { medium })) || !isAtWipingStage(from) || !isAtWipingStage(device)) {
    throw conflict(
      'MEDIUM_ELSEWHERE',
      `Le disque ${medium.serialNumber} est enregistré dans ${from.assetTag} avec un effacement (ou un certificat) : il ne change pas d'appareil par un inventaire. Vérifiez où il se trouve.`,
      { serialNumber: medium.serialNumber, assetTag: from.assetTag },
    );
  }
  recordEvent(tx, from, actor.id, { type: 'medium_removed', details: { serialNumber: medium.serialNumber, movedTo: device.assetTag, source: 'glpi_inventory' } });
  recordEvent(tx, device, actor.id, { type: 'medium_added', details: { serialNumber: medium.serialNumber, movedFrom: from.assetTag, source: 'glpi_inventory' } });
  medium.device = device;
  return `Disque ${medium.serialNumber} déplacé depuis ${from.assetTag}`;
}

async function previousSummary(tx: EntityManager, deviceId: number): Promise<InventorySummary | null> {
  const [row] = await tx.execute<{ summary: InventorySummary }[]>(`select summary from device_inventories where device_id = ?`, [deviceId]);
  return row?.summary ?? null;
}

function batteryChanges(previous: InventorySummary | null, next: InventorySummary): string[] {
  if (!previous) return [];
  const health = (summary: InventorySummary) => summary.batteries.map((battery) => (battery.healthPct === null ? '?' : `${battery.healthPct} %`)).join(', ') || '—';
  return health(previous) === health(next) ? [] : [`Batterie : ${health(previous)} → ${health(next)}`];
}
