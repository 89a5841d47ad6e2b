import { useEffect, useState, type FormEvent } from 'react';
import { looksLikeAssetTag } from '../../../api/devices/asset-tag.js';
import type { DeviceCard } from '../types.js';
import type { NewMedium } from './AddMediumForm.js';
import { defaultKindFor } from './choices.js';
import type { MediaKind } from './types.js';

/** The new disk's fields, emptied for each device; the submit sends it (or opens the device when an asset tag was scanned). */
export function useNewMedium(device: DeviceCard, onAdd: (medium: NewMedium) => Promise<string | null>, onDeviceCode: (code: string) => void) {
  const [serial, setSerial] = useState('');
  const [kind, setKind] = useState<MediaKind>(defaultKindFor(device.type));
  const [model, setModel] = useState('');
  const [capacity, setCapacity] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setKind(defaultKindFor(device.type));
    setSerial('');
    setModel('');
    setCapacity('');
    setError(null);
  }, [device.id, device.type]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const serialNumber = serial.trim();
    if (!serialNumber || busy) return;
    if (looksLikeAssetTag(serialNumber)) {
      setSerial('');
      onDeviceCode(serialNumber);
      return;
    }
    const capacityGb = capacity.trim() ? Math.round(Number(capacity.replace(',', '.'))) : null;
    setBusy(true);
    const failure = await onAdd({ kind, serialNumber, model: model.trim() || null, capacityGb: Number.isFinite(capacityGb) ? capacityGb : null });
    setBusy(false);
    setError(failure);
    if (!failure) {
      setSerial('');
      setModel('');
      setCapacity('');
    }
  };

  return { serial, setSerial, kind, setKind, model, setModel, capacity, setCapacity, error, setError, submit };
}
