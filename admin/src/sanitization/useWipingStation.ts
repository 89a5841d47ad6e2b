import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { WIPING_STATUSES } from './choices.js';
import type { WipeTimes } from './DefaultMethodPanel.js';
import type { LogImportReport } from './types.js';
import { useDefaultMethod } from './useDefaultMethod.js';
import { useMediumActions } from './useMediumActions.js';
import { useWipedDevice } from './useWipedDevice.js';
import { useWipingBanner } from './useWipingBanner.js';
import { timesNow } from './wipeTimes.js';

/** The wiping bench's state: the scan field and its focus, the device on the bench, its disks and what is done to them. */
export function useWipingStation() {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const [searchParams, setSearchParams] = useSearchParams();
  const scanRef = useRef<HTMLInputElement>(null);
  const serialRef = useRef<HTMLInputElement>(null);
  const focusTarget = useRef<HTMLInputElement | null>(null);
  const [code, setCode] = useState('');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [method, updateMethod] = useDefaultMethod();
  const [times, setTimes] = useState<WipeTimes>(timesNow);
  const banner = useWipingBanner();
  const { announce } = banner;
  const bench = useWipedDevice({ announce, times, setTimes });
  const { device, showDevice, clear } = bench;
  const wiping = !!device && WIPING_STATUSES.includes(device.status);

  // the scanner types into the disk serial field while the device takes media, else into the device field
  useLayoutEffect(() => {
    focusTarget.current = (wiping ? serialRef.current : null) ?? scanRef.current;
  });
  const { focusInput, onBlur } = useScanFocus(focusTarget, dialogOpen);
  const actions = useMediumActions({ device, loadMedia: bench.loadMedia, refresh: bench.refresh, announce, focusInput, method, times });

  const lookUp = async (raw: string) => {
    const normalized = raw.trim().toUpperCase();
    if (!normalized) return;
    try {
      const result = await dataProvider.scan(raw.trim());
      if (result.kind !== 'device') {
        announce('error', translate('reemploi.scanner.unknown_code', { code: normalized }), normalized);
        return;
      }
      const found = result.device;
      announce('success', translate('reemploi.wiping.found', { assetTag: found.assetTag }), found.assetTag, !!found.certificateNumber);
      await showDevice(found);
    } catch (error) {
      const codeOfError = errorCode(error);
      if (codeOfError === 'UNKNOWN_CODE') announce('error', translate('reemploi.scanner.unknown_code', { code: normalized }), normalized);
      else if (codeOfError === 'INVALID_CHECK_DIGIT') announce('error', translate('reemploi.scanner.check_digit'));
      else announce('error', (error as Error).message || translate('reemploi.scanner.forbidden'));
      clear();
    }
    focusInput();
  };

  const scan = async (event?: FormEvent) => {
    event?.preventDefault();
    scanRef.current?.select(); // the next scan types over it
    await lookUp(code);
  };

  // "Ouvrir au poste d'effacement" links (quarantine list, device page, log reports) carry ?code=
  const linkedCode = searchParams.get('code');
  useEffect(() => {
    if (!linkedCode) return;
    setCode(linkedCode);
    void lookUp(linkedCode);
    setSearchParams({}, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the link changes
  }, [linkedCode]);

  const onLogImported = (report: LogImportReport) => {
    if (!device) return;
    const tags = new Set([...report.devicesSanitized, ...report.devicesQuarantined, ...report.recorded.map((row) => row.assetTag), ...report.mediaCreated.map((row) => row.assetTag), report.hostAssetTag]);
    if (tags.has(device.assetTag)) void bench.refresh(device);
  };

  const scanField = { scanRef, serialRef, code, setCode, scan, lookUp, onBlur, focusInput, setDialogOpen };
  return { scanField, banner, bench, actions, method, updateMethod, times, setTimes, onLogImported };
}
