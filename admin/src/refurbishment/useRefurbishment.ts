import { useRef, useState } from 'react';
import { useTranslate, useUnselectAll } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { useMediaQuery } from '@mui/material';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import type { Outcome } from '../batches/types.js';
import type { PendingOutcome } from './pendingOutcome.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';
import { useScannedPile } from './useScannedPile.js';

/**
 * The workbench's state: the scanned pile, the outcome being confirmed, and its recording: stored
 * on the phone at once (the dialog closes), then sent, one device at a time, when the network allows.
 */
export function useRefurbishment() {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  const queryClient = useQueryClient();
  const unselectAll = useUnselectAll('devices', 'refurbishment');
  const { banner, announce } = useScanAnnouncer();
  const [pending, setPending] = useState<PendingOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const pile = useScannedPile(announce, () => void queryClient.invalidateQueries({ queryKey: ['devices'] }));
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
    let written;
    try {
      written = await pile.record(pending.assetTags, outcome);
    } catch (error) {
      // IndexedDB refused (storage full, private mode): nothing was stored, the dialog stays open
      setDialogError((error as Error).message);
      setBusy(false);
      return;
    }
    if (pending.source === 'selection') unselectAll();
    setPending(null);
    setBusy(false);
    if (!touch) focusInput();
    // what was sent or refused is said by the queue at the end of its pass; what waits, here
    const waiting = await pile.send(written);
    if (waiting) announce('warning', t('outcomes_kept', { smart_count: waiting, outcome: t(outcome.to) }));
  };

  const cancel = () => {
    setPending(null);
    if (!touch) focusInput();
  };

  const what = pending ? (pending.assetTags.length === 1 ? pending.assetTags[0] : translate('reemploi.handover.queue.devices', { smart_count: pending.assetTags.length })) : '';

  return { banner, pile, pending, what, busy, dialogError, ask, apply, cancel, inputRef, touch, onBlur };
}
