import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { Announce } from '../batches/useScanAnnouncer.js';
import type { DeviceCard } from '../types.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';
import { useOpenScannedBatch } from '../scanner/useOpenScannedBatch.js';

/** The pile of devices scanned one after the other, waiting for the same outcome. */
export function useScannedPile(announce: Announce, onAdded: () => void) {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  const dataProvider = useReemploiDataProvider();
  const [pile, setPile] = useState<DeviceCard[]>([]);
  const [code, setCode] = useState('');
  const openScannedBatch = useOpenScannedBatch();

  const scan = async (event: FormEvent) => {
    event.preventDefault();
    const raw = code.trim();
    setCode('');
    if (!raw) return;
    try {
      if (await openScannedBatch(raw)) return;
    } catch (error) {
      announce('error', (error as Error).message);
      return;
    }
    const check = checkAssetTag(raw);
    if (!check.valid) {
      announce('error', check.reason === 'check_digit' ? translate('reemploi.scanner.check_digit') : t('unknown_code', { code: raw.toUpperCase() }));
      return;
    }
    if (pile.some((device) => device.assetTag === check.tag)) {
      announce('warning', t('already_in_pile', { assetTag: check.tag }), check.tag);
      return;
    }
    try {
      const { device } = await dataProvider.scan(check.tag);
      if (device.status !== 'handed_over') {
        announce('error', t('not_waiting', { assetTag: device.assetTag, status: translate(`resources.devices.statuses.${device.status}`) }), device.assetTag);
        return;
      }
      setPile((devices) => (devices.some((other) => other.id === device.id) ? devices : [device, ...devices]));
      onAdded();
      announce('success', t('added_to_pile', { assetTag: device.assetTag }), device.assetTag);
    } catch (error) {
      if (errorCode(error) === 'UNKNOWN_CODE') announce('error', t('unknown_code', { code: check.tag }), check.tag);
      else announce('error', (error as Error).message);
    }
  };

  const remove = (id: number) => setPile((devices) => devices.filter((other) => other.id !== id));

  return { pile, setPile, remove, code, setCode, scan };
}
