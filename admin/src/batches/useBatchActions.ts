import { useState } from 'react';
import { useNotify } from 'react-admin';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { openPdf } from '../devices/labels.js';
import { downloadFile } from './download.js';
import type { Batch } from './types.js';

export type PendingBatchAction = 'ready' | 'close' | null;

/** Marking the batch ready or closing it (after a confirmation), and its manifest and certificates. */
export function useBatchActions(batch: Batch, onChanged: () => void, onDialogChange: (open: boolean) => void) {
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const [pending, setPending] = useState<PendingBatchAction>(null);
  const [busy, setBusy] = useState(false);
  const open = (what: PendingBatchAction) => {
    setPending(what);
    onDialogChange(what !== null);
  };

  const run = async () => {
    setBusy(true);
    try {
      if (pending === 'ready') {
        await dataProvider.markBatchReady(batch.id);
        notify('resources.batches.notifications.ready', { type: 'success', messageArgs: { reference: batch.reference } });
      } else if (pending === 'close') {
        await dataProvider.closeBatch(batch.id);
        notify('resources.batches.notifications.closed', { type: 'success', messageArgs: { reference: batch.reference } });
      }
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      open(null);
      onChanged();
    }
  };

  const manifest = async (format: 'pdf' | 'xlsx', document: 'manifest' | 'certificates' = 'manifest') => {
    const path = `/batches/${batch.id}/${document}.${format}`;
    const fileName = `${document === 'manifest' ? 'manifeste' : 'certificats'}-${batch.reference}.${format}`;
    try {
      if (format === 'pdf') {
        const opened = await openPdf(dataProvider, path, fileName);
        if (!opened) notify('resources.devices.notifications.popup_blocked', { type: 'info' });
      } else await downloadFile(dataProvider, path, fileName);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  return { pending, busy, open, run, manifest };
}
