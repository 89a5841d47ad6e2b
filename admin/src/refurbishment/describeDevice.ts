import type { Device } from '../types.js';

/** "Ordinateur portable · Dell · Latitude 5490": the line under an asset tag. */
export const describe = (device: Pick<Device, 'type' | 'brand' | 'model'>, translate: (key: string) => string) =>
  [translate(`resources.devices.types.${device.type}`), device.brand, device.model].filter(Boolean).join(' · ');
