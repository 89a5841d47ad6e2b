import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { InventorySummary } from '../../../api/devices/inventory/glpi-inventory.js';
import { useFormat } from '../i18n/useFormat.js';
import { Facts } from '../layout/Facts.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { DeviceSection } from './DeviceFacts.js';

/** `GET /api/devices/:id/inventory`. */
export interface DeviceInventory {
  device: number;
  receivedAt: string;
  rawSize: number;
  summary: InventorySummary;
}

/**
 * What the GLPI agent found in the device: when, and its batteries with their capacities. Its disks
 * are the device's media, listed once under « Supports et effacements »; only those it saw without a
 * serial number (not media: nothing can match them to a wipe) are named here. Nothing when no
 * inventory was received.
 */
export const DeviceInventorySection = ({ deviceId }: { deviceId: number }) => {
  const translate = useTranslate();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  const [inventory, setInventory] = useState<DeviceInventory | null>(null);
  useEffect(() => {
    let current = true;
    dataProvider.getDeviceInventory(deviceId).then((found) => current && setInventory(found), () => current && setInventory(null));
    return () => {
      current = false;
    };
  }, [dataProvider, deviceId]);
  if (!inventory) return null;
  const h = (key: string, options?: Record<string, unknown>) => translate(`reemploi.hardware.${key}`, options);
  const { batteries, storagesWithoutSerial } = inventory.summary;
  const batteryRows: [string, string][] = batteries.map((battery, index) => [
    h('battery', { index: index + 1 }) + (battery.name ? ` — ${battery.name}` : ''),
    battery.healthPct === null
      ? h('battery_unknown')
      : h('battery_health', { health: format.number(battery.healthPct), real: format.number(battery.realMwh), design: format.number(battery.designMwh) }),
  ]);
  const disksWithoutSerial = storagesWithoutSerial.map((disk) => `${disk.model ?? '—'} · ${disk.capacityGb === null ? '?' : format.number(disk.capacityGb)} Go · ${h('disk_without_serial')}`);
  return (
    <DeviceSection title={h('title')}>
      <div data-testid="device-inventory">
        <Facts
          labelWidth={230}
          rows={[
            [h('received'), format.dateTime(inventory.receivedAt)],
            ...(batteryRows.length ? batteryRows : [[h('no_battery'), '—'] as [string, string]]),
            ...(disksWithoutSerial.length ? [[h('disks_without_serial'), disksWithoutSerial.join(' ; ')] as [string, string]] : []),
          ]}
        />
      </div>
    </DeviceSection>
  );
};
