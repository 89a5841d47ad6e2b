import type { Device } from './device.entity.js';
import type { DeviceType } from './lifecycle.js';

/** The device types in French, as every document and screen names them (the back office's French messages too). */
const TYPE_NAMES = {
  laptop: 'Portable',
  desktop: 'Unité centrale',
  monitor: 'Écran',
  tablet: 'Tablette',
  smartphone: 'Smartphone',
  printer: 'Imprimante',
  other: 'Autre',
} satisfies Record<DeviceType, string>;
/** Indexed by a type read from the database or a file, it may miss: `TYPE_LABELS[type] ?? type`. */
export const TYPE_LABELS: Record<DeviceType, string> & Record<string, string | undefined> = TYPE_NAMES;

/** What names a device on a label, a certificate or a manifest. */
export type LabelDevice = Pick<Device, 'assetTag' | 'type' | 'brand' | 'model'>;

export function describeDevice(device: LabelDevice): string {
  return [TYPE_LABELS[device.type] ?? device.type, device.brand, device.model].filter(Boolean).join(' · ');
}
