import { useEffect, useMemo, useState } from 'react';
import { useGetOne, useTranslate } from 'react-admin';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import type { Batch, PickupResult } from '../batches/types.js';
import { useBatchDevices, useInvalidateBatch } from '../batches/useBatchDevices.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import { usePersistentScans } from './usePersistentScans.js';
import { usePickupTranslate } from './usePickupTranslate.js';
import { normaliseBatchReference } from '../../../api/batches/batch-reference.js';
import { useOpenScannedBatch } from '../scanner/useOpenScannedBatch.js';

/** The pickup of one batch: its frozen list, the tags scanned against it (kept across a reload), the confirmation. */
export function usePickup(batchId: number) {
  const t = usePickupTranslate();
  const translate = useTranslate();
  // the manifest's barcode (LOT-2026-0001) opens the pickup of that batch
  const openScannedBatch = useOpenScannedBatch((id) => `/pickup/${id}`);
  const { data: batch, error: batchError, refetch } = useGetOne<Batch>('batches', { id: batchId }, { enabled: Number.isInteger(batchId) });
  const { data: devices } = useBatchDevices(batch?.status === 'ready' ? batchId : undefined);
  const invalidate = useInvalidateBatch();
  const { banner, announce } = useScanAnnouncer();
  const [result, setResult] = useState<PickupResult | null>(null);
  const [confirming, setConfirming] = useState(false);

  const expected = useMemo(() => (devices ?? []).filter((device) => device.status === 'in_batch'), [devices]);
  const expectedTags = useMemo(() => new Set(expected.map((device) => device.assetTag)), [expected]);
  const { scanned, flagged, pending, addScanned, addFlagged, reset, restoredCount, scannedCount } = usePersistentScans(batchId, devices ? expectedTags : null);

  useEffect(() => {
    if (restoredCount) announce('warning', t('restored', { smart_count: restoredCount }), undefined, 'ok');
    // announce once, when the saved scans come back
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restoredCount]);

  const handleCode = (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    if (normaliseBatchReference(text)) {
      openScannedBatch(text).catch((error: Error) => announce('error', error.message));
      return;
    }
    const check = checkAssetTag(text);
    if (!check.valid) {
      if (check.reason === 'check_digit') announce('error', t('check_digit'));
      else announce('error', t('bad_format', { code: text.toUpperCase() }), text.toUpperCase());
      return;
    }
    const tag = check.tag;
    if (!expectedTags.has(tag)) {
      addFlagged(tag);
      announce('error', t('foreign', { assetTag: tag }), tag, 'foreign');
    } else if (!addScanned(tag)) {
      announce('warning', t('duplicate', { assetTag: tag }), tag);
    } else {
      const ok = t('ok', { assetTag: tag, count: scannedCount(), total: expected.length });
      // checked against the list kept on the phone; the server gets it with the confirmation
      announce('success', navigator.onLine ? ok : `${ok} · ${translate('reemploi.offline.saved_offline')}`, tag);
    }
  };

  const onConfirmed = (pickup: PickupResult) => {
    setResult(pickup);
    setConfirming(false);
    reset();
    void invalidate(batchId);
  };

  /** The batch changed meanwhile (another phone, the depot): read it again. */
  const onStale = () => {
    setConfirming(false);
    void refetch();
    void invalidate(batchId);
  };

  return { batch, batchError, devices, banner, result, confirming, setConfirming, expected, scanned, flagged, pending, reset, handleCode, onConfirmed, onStale };
}
