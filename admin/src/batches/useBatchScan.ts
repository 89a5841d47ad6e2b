import { useRef, useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import { errorCode, type ApiErrorBody } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { explainRefusal } from './refusal.js';
import type { AddToBatchRefusal, AddToBatchResult, Batch } from './types.js';
import type { Device } from '../types.js';
import type { Announce } from './useScanAnnouncer.js';

interface BatchScanOptions {
  batch: Batch;
  devices: Device[] | undefined;
  onChanged: () => void;
  announce: Announce;
  /** A dialog is open: the field stops grabbing the keyboard. */
  paused: boolean;
}

/** The builder's scan field: each tag checked, sent to the batch at once, and the answer announced (a refusal explained). */
export function useBatchScan({ batch, devices, onChanged, announce, paused }: BatchScanOptions) {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const { focusInput, onBlur } = useScanFocus(inputRef, paused);
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.batches.builder.${key}`, options);

  const scan = async (event?: FormEvent) => {
    event?.preventDefault();
    const raw = code.trim();
    setCode('');
    if (!raw) return focusInput();
    focusInput();
    const check = checkAssetTag(raw);
    if (!check.valid) {
      if (check.reason === 'check_digit') announce('error', t('check_digit'));
      else announce('error', t('bad_format', { code: raw.toUpperCase() }), raw.toUpperCase());
      return;
    }
    const tag = check.tag;
    if (devices?.some((device) => device.assetTag === tag)) {
      announce('warning', t('already', { assetTag: tag }), tag);
      return;
    }
    try {
      const result: AddToBatchResult = await dataProvider.addToBatch(batch.id, { assetTags: [tag] });
      if (result.added.length) announce('success', t('added', { assetTag: tag }), tag);
      else announce('warning', t('already', { assetTag: tag }), tag);
      onChanged();
    } catch (error) {
      if (errorCode(error) === 'DEVICES_REFUSED') {
        const details = (error as { body?: ApiErrorBody }).body?.details as AddToBatchRefusal | undefined;
        const reason = await explainRefusal(dataProvider, translate, batch, tag, details?.refused?.[0]?.reason);
        announce('error', t('refused', { assetTag: tag, reason }), tag);
      } else {
        announce('error', (error as Error).message);
        onChanged();
      }
    }
  };

  return { inputRef, code, setCode, onBlur, scan };
}
