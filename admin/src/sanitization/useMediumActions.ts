import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { DeviceCard } from '../types.js';
import type { NewMedium } from './AddMediumForm.js';
import type { WipeTimes } from './DefaultMethodPanel.js';
import type { MediumOutcome } from './MediaPanel.js';
import type { Medium } from './types.js';
import type { DefaultMethod } from './useDefaultMethod.js';
import type { WipingAnnounce } from './useWipingBanner.js';
import { sanitizationInput, wipeTimes } from './wipeTimes.js';

interface MediumActionsOptions {
  device: DeviceCard | null;
  loadMedia: (deviceId: number) => Promise<void>;
  refresh: (before: DeviceCard) => Promise<DeviceCard>;
  announce: WipingAnnounce;
  focusInput: () => void;
  method: DefaultMethod;
  times: WipeTimes;
}

const leftWipingStage = (before: DeviceCard, after: DeviceCard) => before.status !== after.status;

/** What the bench does to the device's disks: add, remove, record a wipe, or say it has none. */
export function useMediumActions({ device, loadMedia, refresh, announce, focusInput, method, times }: MediumActionsOptions) {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const [busy, setBusy] = useState(false);

  /** The buttons wait for the API; a refusal goes to the banner; the scanner gets its field back. */
  const whileBusy = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      announce('error', (error as Error).message);
    } finally {
      setBusy(false);
      focusInput();
    }
  };

  const addMedium = async (input: NewMedium): Promise<string | null> => {
    if (!device) return null;
    try {
      await dataProvider.create('media', { data: { device: device.id, ...input } });
      announce('success', translate('reemploi.wiping.medium_added', { serial: input.serialNumber.toUpperCase() }), input.serialNumber.toUpperCase());
      await loadMedia(device.id);
      return null;
    } catch (error) {
      const message = (error as Error).message;
      announce('error', message);
      if (errorCode(error) === 'DEVICE_ALREADY_SANITIZED') await refresh(device);
      return message;
    }
  };

  const removeMedium = async (medium: Medium) => {
    if (!device) return;
    await whileBusy(async () => {
      await dataProvider.delete('media', { id: medium.id, previousData: medium });
      announce('success', translate('reemploi.wiping.medium_removed', { serial: medium.serialNumber }), medium.serialNumber);
      await refresh(device);
    });
  };

  const record = async (medium: Medium, outcome: MediumOutcome) => {
    if (!device) return;
    const when = wipeTimes(times);
    if (!when) {
      announce('error', `${translate('reemploi.wiping.times_title')}${translate('reemploi.wiping.colon')} ${translate('ra.validation.required')}`);
      return;
    }
    const input = sanitizationInput(medium, outcome, method, when);
    await whileBusy(async () => {
      await dataProvider.create('sanitizations', { data: input });
      const after = await refresh(device);
      if (!leftWipingStage(device, after)) {
        const key = outcome.result === 'failure' ? 'recorded_failure' : outcome.result === 'destroyed' ? 'recorded_destroyed' : 'recorded_success';
        announce(outcome.result === 'failure' ? 'error' : 'success', translate(`reemploi.wiping.${key}`, { serial: medium.serialNumber }), medium.serialNumber);
      }
    });
  };

  const markNoStorage = async () => {
    if (!device) return;
    await whileBusy(async () => {
      const updated = await dataProvider.markNoStorage(device.id);
      await refresh({ ...device, ...updated, status: device.status });
    });
  };

  return { busy, addMedium, removeMedium, record, markNoStorage };
}
