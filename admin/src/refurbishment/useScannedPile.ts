import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import { errorCode } from '../providers/http.js';
import { isRetryable } from '../providers/idempotency.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { Announce } from '../batches/useScanAnnouncer.js';
import type { DeviceCard } from '../types.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';
import { useOpenScannedBatch } from '../scanner/useOpenScannedBatch.js';
import { useScanQueue } from '../offline/useScanQueue.js';

/** The offline queue's target for the pile (one pile per phone). */
const PILE_TARGET = 'refurbishment-pile';

/** A scan refused once the network is back (the device was moved meanwhile): kept as that scan's conflict. */
class NotWaiting extends Error {}

/**
 * The pile of devices scanned one after the other, waiting for the same outcome. Without network,
 * each tag is stored at once in the shared offline queue and looked up, in order, when the network
 * is back: a device a colleague moved meanwhile is shown as that scan's conflict, the others join the pile.
 */
export function useScannedPile(announce: Announce, onAdded: () => void) {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  const dataProvider = useReemploiDataProvider();
  const [pile, setPile] = useState<DeviceCard[]>([]);
  const [code, setCode] = useState('');
  const openScannedBatch = useOpenScannedBatch();

  const notWaiting = (device: DeviceCard) => t('not_waiting', { assetTag: device.assetTag, status: translate(`resources.devices.statuses.${device.status}`) });

  const addToPile = (device: DeviceCard) => {
    setPile((devices) => (devices.some((other) => other.id === device.id) ? devices : [device, ...devices]));
    onAdded();
    announce('success', t('added_to_pile', { assetTag: device.assetTag }), device.assetTag);
  };

  const queue = useScanQueue<DeviceCard>(PILE_TARGET, {
    send: async (scan) => {
      const { device } = await dataProvider.scan(scan.code);
      if (device.status !== 'handed_over') throw new NotWaiting(notWaiting(device));
      return device;
    },
    onSent: (_scan, device) => addToPile(device),
    onConflict: (scan, error) => {
      announce('error', errorCode(error) === 'UNKNOWN_CODE' ? t('unknown_code', { code: scan.code }) : error.message, scan.code);
      return true;
    },
  });

  /** No network: the tag waits in the queue (« Scan enregistré hors ligne »). */
  const keepOffline = async (tag: string) => {
    await queue.add(tag);
    announce('warning', translate('reemploi.offline.saved_offline'), tag);
  };

  const lookUp = async (tag: string) => {
    try {
      const { device } = await dataProvider.scan(tag);
      if (device.status !== 'handed_over') announce('error', notWaiting(device), device.assetTag);
      else addToPile(device);
    } catch (error) {
      if (isRetryable(error)) await keepOffline(tag);
      else if (errorCode(error) === 'UNKNOWN_CODE') announce('error', t('unknown_code', { code: tag }), tag);
      else announce('error', (error as Error).message);
    }
  };

  const scan = async (event: FormEvent) => {
    event.preventDefault();
    const raw = code.trim();
    setCode('');
    if (!raw) return;
    const check = checkAssetTag(raw);
    if (!navigator.onLine && check.valid) return keepOffline(check.tag);
    try {
      if (await openScannedBatch(raw)) return;
    } catch (error) {
      announce('error', (error as Error).message);
      return;
    }
    if (!check.valid) {
      announce('error', check.reason === 'check_digit' ? translate('reemploi.scanner.check_digit') : t('unknown_code', { code: raw.toUpperCase() }));
      return;
    }
    if (pile.some((device) => device.assetTag === check.tag)) {
      announce('warning', t('already_in_pile', { assetTag: check.tag }), check.tag);
      return;
    }
    await lookUp(check.tag);
  };

  const remove = (id: number) => setPile((devices) => devices.filter((other) => other.id !== id));

  return { pile, setPile, remove, code, setCode, scan, queue };
}
