import { z } from '../../core/zod.js';
import { invalid } from '../../core/errors.js';
import type { MediaKind } from '../../sanitization/nist.js';
import { normaliseSerial } from '../device.schemas.js';
import { deviceTypeOfChassis, type AddedChassisTypes } from '../chassis-types.js';
import type { DeviceType } from '../lifecycle.js';

/**
 * The parts of the GLPI agent's JSON inventory we read (github.com/glpi-project/inventory_format,
 * inventory.schema.json): `deviceid` and `content` are required there, `content.versionclient`
 * too; other keys are passed over (the schema has dozens). Sizes are in MB, capacities in mWh.
 */
const text = z.string().max(500);
const count = z.number().int().min(0).max(10_000_000);

const GlpiInventorySchema = z.object({
  deviceid: z.string().min(1).max(255),
  itemtype: z.enum(['Unmanaged', 'Computer', 'Phone', 'NetworkEquipment', 'Printer']).optional(),
  action: z.string().max(40).optional(),
  content: z.object({
    versionclient: z.string().min(1).max(255),
    bios: z.object({ ssn: text.optional(), smanufacturer: text.optional(), smodel: text.optional() }).optional(),
    hardware: z.object({ chassis_type: text.optional(), memory: count.optional(), name: text.optional() }).optional(),
    cpus: z.array(z.object({ name: text.optional(), core: count.optional(), speed: count.optional() })).max(256).optional(),
    memories: z.array(z.object({ capacity: count.optional() })).max(256).optional(),
    storages: z
      .array(z.object({ serial: text.optional(), model: text.optional(), disksize: count.optional(), interface: text.optional(), type: text.optional(), name: text.optional() }))
      .max(256)
      .optional(),
    batteries: z.array(z.object({ name: text.optional(), serial: text.optional(), capacity: count.optional(), real_capacity: count.optional() })).max(16).optional(),
  }),
});
type GlpiInventory = z.infer<typeof GlpiInventorySchema>;

export interface InventoryStorage {
  serialNumber: string;
  model: string | null;
  capacityGb: number | null;
  interface: string | null;
  kind: MediaKind;
}

export interface InventoryBattery {
  name: string | null;
  designMwh: number | null;
  realMwh: number | null;
  /** real / design capacity in %, null when the inventory does not give both. */
  healthPct: number | null;
}

/** What we keep of an inventory: the device's specs as our fields, its disks as media, its batteries. */
export interface InventorySummary {
  serialNumber: string | null;
  brand: string | null;
  model: string | null;
  type: DeviceType;
  cpu: string | null;
  ramGb: number | null;
  storageSummary: string | null;
  storages: InventoryStorage[];
  /** Disks the agent saw without a serial number: they cannot be matched to wipe logs. */
  storagesWithoutSerial: { model: string | null; capacityGb: number | null }[];
  batteries: InventoryBattery[];
}

/** Reads the JSON the GLPI agent wrote, or says in French why it is not one. `added`: the chassis names admins mapped. */
export function readGlpiInventory(body: unknown, added?: AddedChassisTypes): InventorySummary {
  const parsed = GlpiInventorySchema.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || 'document').join(', ');
    throw invalid(
      `Ce document n'est pas un inventaire de l'agent GLPI (format glpi-project/inventory_format : « deviceid » et « content.versionclient » attendus) ; champs en cause : ${where}.`,
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return summarise(parsed.data, added);
}

const clean = (value: string | undefined) => value?.trim() || null;

function summarise(inventory: GlpiInventory, added?: AddedChassisTypes): InventorySummary {
  const { bios, hardware, cpus = [], memories = [], storages = [], batteries = [] } = inventory.content;
  // the modules installed (what a refurbisher sells), else what the system sees (a little less: video memory)
  const installedMb = memories.reduce((sum, memory) => sum + (memory.capacity ?? 0), 0);
  const ramMb = installedMb > 0 ? installedMb : (hardware?.memory ?? null);
  const disks = storages.filter((storage) => !isRemovable(storage));
  const withSerial = disks.flatMap((storage) => {
    const serialNumber = normaliseSerial(storage.serial ?? null);
    return serialNumber ? [{ serialNumber, model: clean(storage.model), capacityGb: gigabytes(storage.disksize), interface: clean(storage.interface), kind: kindOf(storage) }] : [];
  });
  const cpu = cpus[0] ? clean(cpus[0].name) : null;
  return {
    serialNumber: normaliseSerial(bios?.ssn ?? null),
    brand: clean(bios?.smanufacturer)?.slice(0, 64) ?? null,
    model: clean(bios?.smodel)?.slice(0, 120) ?? null,
    type: deviceTypeOfChassis(inventory.itemtype === 'Phone' ? 'Phone' : hardware?.chassis_type, added) ?? deviceTypeOfChassis(inventory.itemtype) ?? 'other',
    cpu: cpu ? `${cpu}${cpus.length > 1 ? ` ×${cpus.length}` : ''}`.slice(0, 120) : null,
    ramGb: ramMb === null ? null : Math.round(ramMb / 1024),
    storageSummary: withSerial.length ? withSerial.map((disk) => `${disk.capacityGb ?? '?'} Go ${disk.kind.toUpperCase()}`).join(' + ').slice(0, 120) : null,
    storages: withSerial,
    storagesWithoutSerial: disks.filter((storage) => !normaliseSerial(storage.serial ?? null)).map((storage) => ({ model: clean(storage.model), capacityGb: gigabytes(storage.disksize) })),
    batteries: batteries.map((battery) => ({
      name: clean(battery.name),
      designMwh: battery.capacity ?? null,
      realMwh: battery.real_capacity ?? null,
      healthPct: battery.capacity && battery.real_capacity !== undefined ? Math.min(100, Math.round((battery.real_capacity / battery.capacity) * 100)) : null,
    })),
  };
}

type GlpiStorage = NonNullable<GlpiInventory['content']['storages']>[number];

/** CD/DVD drives and card readers are listed with the disks; they hold nothing to wipe. */
function isRemovable(storage: GlpiStorage): boolean {
  return /^(cd|dvd|rom|removable|sr\d)/i.test(storage.type ?? '') || /^sr\d/.test(storage.name ?? '');
}

/** GLPI writes MB (10^6 bytes as the agents compute it); our media are in GB. */
function gigabytes(megabytes: number | undefined): number | null {
  return megabytes === undefined ? null : Math.round(megabytes / 1000);
}

function kindOf(storage: GlpiStorage): MediaKind {
  const text = `${storage.name ?? ''} ${storage.interface ?? ''} ${storage.model ?? ''} ${storage.type ?? ''}`.toLowerCase();
  if (text.includes('nvme')) return 'nvme';
  if (text.includes('mmc')) return 'emmc';
  if (/ssd|solid/.test(text)) return 'ssd';
  return 'hdd';
}
