import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Alert, Button, Chip, Stack } from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { OFFLINE_WRITE_MAX_DAYS } from '../../../api/core/idempotency-window.js';
import { useFormat } from '../i18n/useFormat.js';
import type { QueuedScan } from './scanQueue.js';

/** Whether the browser believes it has a network (updated on the `online` / `offline` events). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

interface PendingScansProps {
  pending: QueuedScan[];
  conflicts: QueuedScan[];
  onDismiss: (seq: number) => void;
}

/** « en attente (3) » while scans (or outcomes) wait for the network, and each one the server refused or that waited too long, one by one. */
export const PendingScans = ({ pending, conflicts, onDismiss }: PendingScansProps) => {
  const translate = useTranslate();
  const format = useFormat();
  const online = useOnline();
  const outcomeLabel = (scan: QueuedScan) => translate(`reemploi.handover.refurbishment.${scan.outcome!.to}`);
  /** Why this scan was not recorded: held back for its age, or the server's refusal. */
  const notSent = (scan: QueuedScan) => {
    if (scan.tooOld) {
      const what = scan.outcome ? translate('reemploi.offline.outcome_of', { code: scan.code, outcome: outcomeLabel(scan) }) : scan.code;
      return translate('reemploi.offline.too_old', { what, date: format.dateTime(scan.scannedAt), days: OFFLINE_WRITE_MAX_DAYS });
    }
    if (scan.outcome) return translate('reemploi.offline.outcome_conflict', { code: scan.code, outcome: outcomeLabel(scan), message: scan.conflict });
    return translate('reemploi.offline.conflict', { code: scan.code, message: scan.conflict });
  };
  if (!pending.length && !conflicts.length && online) return null;
  return (
    <Stack spacing={1} data-testid="offline-queue">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        {!online && (
          <Chip icon={<CloudOffIcon />} label={translate('reemploi.offline.offline')} color="warning" sx={{ height: 'auto', minHeight: 32, '& .MuiChip-label': { whiteSpace: 'normal', py: 0.5 } }} />
        )}
        {pending.length > 0 && (
          <Chip data-testid="pending-scans" icon={<CloudUploadIcon />} label={translate('reemploi.offline.pending', { count: pending.length })} color="info" variant="outlined" />
        )}
      </Stack>
      {conflicts.map((scan) => (
        <Alert
          key={scan.seq}
          severity="error"
          data-testid="scan-conflict"
          action={
            <Button color="inherit" size="small" onClick={() => onDismiss(scan.seq!)}>
              {translate('reemploi.offline.dismiss')}
            </Button>
          }
        >
          {notSent(scan)}
        </Alert>
      ))}
    </Stack>
  );
};
