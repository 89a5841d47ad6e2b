import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from '../core/zod.js';
import type { MediaKind } from '../sanitization/nist.js';
import type { InventorySummary } from './inventory/glpi-inventory.js';
import type { DeviceType } from './lifecycle.js';

/**
 * A device's specs as people read them (issue #15 §1): the device page, the partner's
 * refurbishment screen and the batch manifest (PDF and Excel) all show this wording, from here.
 * Storage comes from the device's media (what is wiped and certified), else from the summary
 * typed by hand; battery health from the latest GLPI inventory.
 */
export interface DeviceSpecs {
  /** « Intel Core i5-6200U @ 2,30 GHz » (the agent's « (R) », « (TM) » and « CPU » left out). */
  cpu: string | null;
  ramGb: number | null;
  /** « 8 Go ». */
  ram: string | null;
  /** « 1 × 256 Go SSD NVMe », « 2 × 500 Go HDD + 1 × 128 Go SSD ». */
  storage: string | null;
  /** Lowest health of the device's batteries, in % of their design capacity; null when unknown or not a battery device. */
  batteryHealthPct: number | null;
  /** « 88 % », « 88 % et 71 % » (two batteries), « non mesurée »; null for a device without a battery. */
  battery: string | null;
  /** The above on one line: « Intel Core i5-6200U @ 2,30 GHz · RAM 8 Go · 1 × 256 Go SSD NVMe · batterie 88 % ». */
  summary: string;
}

export const DeviceSpecsSchema = z
  .object({
    cpu: z.string().nullable(),
    ramGb: z.number().nullable(),
    ram: z.string().nullable(),
    storage: z.string().nullable(),
    batteryHealthPct: z.number().nullable(),
    battery: z.string().nullable(),
    summary: z.string(),
  })
  .openapi('DeviceSpecs');

/** Column and field titles, in every output. */
export const SPEC_LABELS = { cpu: 'Processeur', ram: 'Mémoire vive', storage: 'Stockage', battery: 'Batterie', specs: 'Caractéristiques' } as const;

/** Types that run on a battery: their battery health is said, even when it is not known. */
export const BATTERY_TYPES: readonly DeviceType[] = ['laptop', 'tablet', 'smartphone'];

const MEDIA_KIND_SHORT: Record<MediaKind, string> = { hdd: 'HDD', ssd: 'SSD', nvme: 'SSD NVMe', emmc: 'eMMC', other: 'autre support' };

const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, useGrouping: false });

export interface SpecsInput {
  type: DeviceType;
  cpu: string | null;
  ramGb: number | null;
  storageSummary: string | null;
  media: { kind: MediaKind; capacityGb: number | null }[];
  /** Each battery's health in % (null: the inventory did not give both capacities); null: no inventory received. */
  batteryHealth: (number | null)[] | null;
}

export function describeSpecs(input: SpecsInput): DeviceSpecs {
  const cpu = tidyCpu(input.cpu);
  const ram = input.ramGb === null ? null : `${NUMBER.format(input.ramGb)} Go`;
  const storage = input.media.length ? describeMedia(input.media) : (input.storageSummary?.trim() || null);
  const known = measuredBatteries(input.batteryHealth);
  const hasBattery = BATTERY_TYPES.includes(input.type);
  const battery = !hasBattery ? null : known.length ? known.map((health) => `${NUMBER.format(health)} %`).join(' et ') : 'non mesurée';
  const specs = { cpu, ramGb: input.ramGb, ram, storage, batteryHealthPct: hasBattery ? weakestBattery(input.batteryHealth) : null, battery };
  const parts = [cpu, ramPart(specs), storage, battery && `batterie ${battery}`].filter(Boolean);
  return { ...specs, summary: parts.length ? parts.join(' · ') : 'caractéristiques non relevées' };
}

const measuredBatteries = (batteryHealth: SpecsInput['batteryHealth']) => (batteryHealth ?? []).filter((health): health is number => health !== null);

/** The health of the device's weakest battery, in %; null when no battery's was measured. */
export function weakestBattery(batteryHealth: SpecsInput['batteryHealth']): number | null {
  const known = measuredBatteries(batteryHealth);
  return known.length ? Math.min(...known) : null;
}

const ramPart = (specs: Pick<DeviceSpecs, 'ram'>) => specs.ram && `RAM ${specs.ram}`;

/** The same specs on three short lines (the manifest's cell): processor; memory and storage; battery, for the devices that have one. */
export function specsLines(specs: DeviceSpecs): string[] {
  const memory = [ramPart(specs), specs.storage].filter(Boolean).join(' · ');
  return [specs.cpu ?? '—', memory || '—', ...(specs.battery ? [`${SPEC_LABELS.battery} ${specs.battery}`] : [])];
}

/** « 2 × 500 Go HDD + 1 × 256 Go SSD »: the media grouped by size and kind, largest first. */
export function describeMedia(media: { kind: MediaKind; capacityGb: number | null }[]): string {
  const groups = new Map<string, { count: number; capacityGb: number | null; kind: MediaKind }>();
  for (const medium of media) {
    const key = `${medium.capacityGb}|${medium.kind}`;
    const group = groups.get(key) ?? { count: 0, capacityGb: medium.capacityGb, kind: medium.kind };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (b.capacityGb ?? -1) - (a.capacityGb ?? -1) || a.kind.localeCompare(b.kind))
    .map((group) => `${group.count} × ${capacity(group.capacityGb)} ${MEDIA_KIND_SHORT[group.kind]}`)
    .join(' + ');
}

/** « 256 Go », « 1 To », « 1,5 To », « taille inconnue ». */
function capacity(gigabytes: number | null): string {
  if (gigabytes === null) return 'taille inconnue';
  return gigabytes >= 1000 ? `${NUMBER.format(Math.round(gigabytes / 100) / 10)} To` : `${NUMBER.format(gigabytes)} Go`;
}

/** The agent's « Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz » as « Intel Core i5-6200U @ 2,30 GHz ». */
function tidyCpu(cpu: string | null): string | null {
  if (!cpu?.trim()) return null;
  return cpu
    .replace(/\((R|TM|C)\)|®|™/gi, '')
    .replace(/\bCPU\b/g, '')
    .replace(/(\d+)\.(\d+)\s*GHz/gi, '$1,$2 GHz')
    .replace(/\s+/g, ' ')
    .trim();
}

type SpecsDevice = { id: number; type: DeviceType; cpu?: string | null; ramGb?: number | null; storageSummary?: string | null };

/** What the specs of several devices are made of, read in two queries (their media, their latest inventory). */
export async function loadSpecsInputs(em: EntityManager, devices: SpecsDevice[]): Promise<Map<number, SpecsInput>> {
  if (!devices.length) return new Map();
  const ids = `{${devices.map((device) => device.id).join(',')}}`;
  const [media, inventories] = await Promise.all([
    em.execute<{ device_id: number; kind: MediaKind; capacity_gb: number | null }[]>(`select device_id, kind, capacity_gb from media where device_id = any(?::int[]) order by id`, [ids]),
    em.execute<{ device_id: number; batteries: InventorySummary['batteries'] | null }[]>(
      `select device_id, summary -> 'batteries' as batteries from device_inventories where device_id = any(?::int[])`,
      [ids],
    ),
  ]);
  return new Map(
    devices.map((device) => [
      device.id,
      {
        type: device.type,
        cpu: device.cpu ?? null,
        ramGb: device.ramGb ?? null,
        storageSummary: device.storageSummary ?? null,
        media: media.filter((medium) => medium.device_id === device.id).map((medium) => ({ kind: medium.kind, capacityGb: medium.capacity_gb })),
        batteryHealth: inventories.find((inventory) => inventory.device_id === device.id)?.batteries?.map((battery) => battery.healthPct) ?? null,
      },
    ]),
  );
}

/** The specs of several devices as people read them. */
export async function loadDeviceSpecs(em: EntityManager, devices: SpecsDevice[]): Promise<Map<number, DeviceSpecs>> {
  const inputs = await loadSpecsInputs(em, devices);
  return new Map([...inputs].map(([id, input]) => [id, describeSpecs(input)]));
}
