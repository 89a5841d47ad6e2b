import type { Device } from './device.entity.js';

/** The device types in French, as every document and screen names them. */
export const TYPE_LABELS: Record<string, string> = {
  laptop: 'Portable',
  desktop: 'Unité centrale',
  monitor: 'Écran',
  tablet: 'Tablette',
  smartphone: 'Smartphone',
  printer: 'Imprimante',
  other: 'Autre',
};

/** What names a device on a label, a certificate or a manifest. */
export type LabelDevice = Pick<Device, 'assetTag' | 'type' | 'brand' | 'model'>;

export function describeDevice(device: LabelDevice): string {
  return [TYPE_LABELS[device.type] ?? device.type, device.brand, device.model].filter(Boolean).join(' · ');
}
