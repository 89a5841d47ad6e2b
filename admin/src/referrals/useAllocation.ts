import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import type { Announce } from '../batches/useScanAnnouncer.js';
import { openPdf } from '../devices/labels.js';
import type { PricedDeviceCard } from '../pricing/types.js';
import { allocationErrorMessage } from './allocationErrorMessage.js';
import { formatEuros, parseEuros } from './money.js';
import type { Allocation, PartnerReferral } from './types.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

interface AllocationSteps {
  referral: PartnerReferral | null;
  announce: Announce;
  /** the desk's buttons wait while the API answers (shared with accept and refuse) */
  setBusy: (busy: boolean) => void;
  onAllocated: () => void;
}

/**
 * The second half of the reception desk, once the referral is accepted: the refurbished device
 * scanned, its solidarity price, the allocation and its receipt.
 */
export function useAllocation({ referral, announce, setBusy, onAllocated }: AllocationSteps) {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  const t = useReceptionTranslate();
  const [device, setDevice] = useState<PricedDeviceCard | null>(null);
  const [price, setPrice] = useState('');
  const [priceError, setPriceError] = useState<string | null>(null);
  const [allocation, setAllocation] = useState<Allocation | null>(null);

  const clear = () => {
    setDevice(null);
    setPrice('');
    setPriceError(null);
    setAllocation(null);
  };

  const takeDevice = (scanned: PricedDeviceCard) => {
    if (scanned.status !== 'refurbished') {
      setDevice(null);
      announce('error', t('device_not_available', { assetTag: scanned.assetTag, status: translate(`resources.devices.statuses.${scanned.status}`) }), scanned.assetTag);
    } else {
      setDevice(scanned);
      setPriceError(null);
      announce('success', t('device_found', { assetTag: scanned.assetTag }), scanned.assetTag);
    }
  };

  const allocate = async () => {
    if (!referral || !device) return;
    const euros = parseEuros(price);
    if (euros === null) {
      setPriceError(t('price_invalid'));
      return;
    }
    setPriceError(null);
    setBusy(true);
    try {
      const created = await dataProvider.allocateDevice({ device: device.id, referral: referral.id, price: euros });
      setAllocation(created);
      onAllocated();
      announce('success', t('allocated', { assetTag: created.assetTag, name: referral.firstName ?? '', price: formatEuros(created.price, format.locale) }), created.assetTag);
    } catch (error) {
      const { message, aboveCap } = allocationErrorMessage(error, device.assetTag, t, format.locale);
      if (aboveCap) setPriceError(message);
      announce('error', message);
    } finally {
      setBusy(false);
    }
  };

  const printReceipt = async () => {
    if (!allocation) return;
    try {
      await openPdf(dataProvider, `/allocations/${allocation.id}/receipt.pdf`, `recu-${allocation.id}.pdf`);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  return { device, price, setPrice, priceError, allocation, clear, takeDevice, allocate, printReceipt };
}
