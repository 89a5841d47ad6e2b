import { useCallback, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { DeviceCard } from '../types.js';
import type { WipeTimes } from './DefaultMethodPanel.js';
import type { Medium } from './types.js';
import type { WipingAnnounce } from './useWipingBanner.js';
import { timesNow } from './wipeTimes.js';

interface WipedDeviceOptions {
  announce: WipingAnnounce;
  times: WipeTimes;
  setTimes: (times: WipeTimes) => void;
}

/** The device on the bench and its disks, re-read after each change. */
export function useWipedDevice({ announce, times, setTimes }: WipedDeviceOptions) {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const [device, setDevice] = useState<DeviceCard | null>(null);
  const [media, setMedia] = useState<Medium[]>([]);
  const [mediaLoading, setMediaLoading] = useState(false);

  const loadMedia = useCallback(
    async (deviceId: number) => {
      setMediaLoading(true);
      try {
        const { data } = await dataProvider.getList<Medium>('media', {
          filter: { device: deviceId },
          sort: { field: 'id', order: 'ASC' },
          pagination: { page: 1, perPage: 100 },
        });
        setMedia(data);
      } finally {
        setMediaLoading(false);
      }
    },
    [dataProvider],
  );

  const showDevice = useCallback(
    async (next: DeviceCard) => {
      setDevice(next);
      setMedia([]);
      if (times.auto) setTimes(timesNow());
      await loadMedia(next.id);
    },
    [loadMedia, times.auto, setTimes],
  );

  /** Re-reads the device after a change and says so when it left the wiping stage. */
  const refresh = async (before: DeviceCard): Promise<DeviceCard> => {
    const { data } = await dataProvider.getOne<DeviceCard>('devices', { id: before.id });
    setDevice(data);
    await loadMedia(data.id);
    if (times.auto) setTimes(timesNow());
    if (data.status !== before.status && data.status === 'sanitized' && data.certificateNumber) {
      announce('success', translate('reemploi.wiping.sanitized', { assetTag: data.assetTag, number: data.certificateNumber }), [data.assetTag, data.certificateNumber], true);
    } else if (data.status !== before.status && data.status === 'quarantined') {
      announce('error', translate('reemploi.wiping.quarantined', { assetTag: data.assetTag }), data.assetTag);
    }
    return data;
  };

  const clear = () => {
    setDevice(null);
    setMedia([]);
  };

  return { device, setDevice, media, mediaLoading, loadMedia, showDevice, refresh, clear };
}
