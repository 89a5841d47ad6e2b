import { useRef, useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { DeviceCard } from '../types.js';
import { usePersistentFlag } from './usePersistentFlag.js';
import { useScanFocus } from './useScanFocus.js';
import { useScannerBanner } from './useScannerBanner.js';
import { useOpenScannedBatch } from './useOpenScannedBatch.js';

export interface ScannedEntry {
  device: DeviceCard;
  scannedAt: number;
}

/** The Scanner page's state: the field, the device last scanned, the continuous mode's list, and the scan itself. */
export function useScanner() {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [continuous, setContinuous] = usePersistentFlag('reemploi.scanner.continuous', false);
  const { soundOn, setSoundOn, banner, announce } = useScannerBanner();
  const [current, setCurrent] = useState<DeviceCard | null>(null);
  const [scanned, setScanned] = useState<ScannedEntry[]>([]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const lastCode = useRef<string | null>(null);
  const lastDeviceId = useRef<number | null>(null);
  const { focusInput, onBlur } = useScanFocus(inputRef, dialogOpen);
  const openScannedBatch = useOpenScannedBatch();

  const showDevice = (device: DeviceCard) => {
    setCurrent(device);
    setScanned((entries) => entries.map((entry) => (entry.device.id === device.id ? { ...entry, device } : entry)));
  };

  const scan = async (event?: FormEvent) => {
    event?.preventDefault();
    const raw = code.trim();
    if (!raw) return focusInput();
    const normalized = raw.toUpperCase();
    if (continuous) setCode('');
    else inputRef.current?.select(); // the next scan types over it

    if (normalized === lastCode.current) {
      announce('warning', translate('reemploi.scanner.already_scanned', { assetTag: current?.assetTag ?? normalized }), current?.assetTag ?? normalized);
      return focusInput();
    }
    try {
      const batch = await openScannedBatch(raw);
      if (batch) return announce('success', translate('reemploi.labels.batch_opened', { reference: batch.batch.reference }), batch.batch.reference);
      const { device } = await dataProvider.scan(raw);
      const sameDevice = device.id === lastDeviceId.current;
      const alreadyInList = continuous && scanned.some((entry) => entry.device.id === device.id);
      lastCode.current = normalized;
      lastDeviceId.current = device.id;
      setCurrent(device);
      if (sameDevice || alreadyInList) {
        announce('warning', translate('reemploi.scanner.already_scanned', { assetTag: device.assetTag }), device.assetTag);
        showDevice(device);
      } else {
        announce('success', translate('reemploi.scanner.found', { assetTag: device.assetTag }), device.assetTag);
        if (continuous) setScanned((entries) => [{ device, scannedAt: Date.now() }, ...entries]);
      }
    } catch (error) {
      lastCode.current = null;
      lastDeviceId.current = null;
      const codeOfError = errorCode(error);
      if (codeOfError === 'UNKNOWN_CODE') announce('error', translate('reemploi.scanner.unknown_code', { code: normalized }), normalized);
      else if (codeOfError === 'INVALID_CHECK_DIGIT') announce('error', translate('reemploi.scanner.check_digit'));
      else announce('error', (error as Error).message || translate('reemploi.scanner.forbidden'));
      if (!continuous) setCurrent(null);
    }
    focusInput();
  };

  const onActionDone = (device: DeviceCard, message: string) => {
    showDevice(device);
    announce('success', message, device.assetTag);
    focusInput();
  };

  const onActionError = (message: string) => {
    announce('error', message);
    focusInput();
  };

  const clearList = () => {
    setScanned([]);
    lastCode.current = null;
    lastDeviceId.current = null;
    focusInput();
  };

  const field = { inputRef, code, setCode, scan, onBlur, focusInput };
  const settings = { continuous, setContinuous, soundOn, setSoundOn };
  return { field, settings, banner, current, scanned, setDialogOpen, onActionDone, onActionError, clearList };
}
