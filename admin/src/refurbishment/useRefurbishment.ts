import { useRef, useState } from 'react';
import { useTranslate, useUnselectAll } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { useMediaQuery } from '@mui/material';
import { errorCode, type ApiErrorBody } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import type { Outcome } from '../batches/types.js';
import type { PendingOutcome, Refused } from './pendingOutcome.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';
import { useScannedPile } from './useScannedPile.js';

/** The workbench's state: the scanned pile, the outcome being confirmed, and the call that records it. */
export function useRefurbishment() {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  const dataProvider = useReemploiDataProvider();
  const queryClient = useQueryClient();
  const unselectAll = useUnselectAll('devices', 'refurbishment');
  const { banner, announce } = useScanAnnouncer();
  const [pending, setPending] = useState<PendingOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refused>([]);
  const pile = useScannedPile(announce, () => setRefused([]));
  const inputRef = useRef<HTMLInputElement>(null);
  const touch = useMediaQuery('(pointer: coarse)');
  const { focusInput, onBlur } = useScanFocus(inputRef, !!pending, { autoFocus: !touch });

  const ask = (outcome: PendingOutcome) => {
    setDialogError(null);
    setPending(outcome);
  };

  const apply = async (outcome: Outcome) => {
    if (!pending) return;
    setBusy(true);
    const tags = pending.devices.map((device) => device.assetTag);
    try {
      if (pending.devices.length === 1 && pending.source === 'row') {
        const [device] = pending.devices;
        await dataProvider.transitionDevice(device.id, { ...outcome, version: device.version });
      } else {
        await dataProvider.recordOutcomes(tags, outcome);
      }
      // the big banner says what just happened (it still showed the last scan, « ajouté à la pile »)
      announce('success', t('done', { smart_count: tags.length, outcome: t(outcome.to) }), tags.length === 1 ? tags[0] : undefined);
      if (pending.source === 'pile') pile.setPile([]);
      if (pending.source === 'selection') unselectAll();
      setRefused([]);
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: ['devices'] });
    } catch (error) {
      if (errorCode(error) === 'DEVICES_REFUSED') {
        const details = (error as { body?: ApiErrorBody }).body?.details as { refused?: Refused } | undefined;
        setRefused(details?.refused ?? []);
        setPending(null);
        announce('error', t('refused_title', { smart_count: details?.refused?.length ?? 0 }));
      } else {
        setDialogError((error as Error).message);
      }
    } finally {
      setBusy(false);
      if (!touch) focusInput();
    }
  };

  const cancel = () => {
    setPending(null);
    if (!touch) focusInput();
  };

  const what = pending ? (pending.devices.length === 1 ? pending.devices[0].assetTag : translate('reemploi.handover.queue.devices', { smart_count: pending.devices.length })) : '';

  return { banner, pile, refused, pending, what, busy, dialogError, ask, apply, cancel, inputRef, touch, onBlur };
}
