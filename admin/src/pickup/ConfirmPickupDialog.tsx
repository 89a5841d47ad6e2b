import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Typography, useMediaQuery, useTheme } from '@mui/material';
import { errorCode, type ApiErrorBody } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { Batch, PickupResult } from '../batches/types.js';
import { DiscrepancyFields } from './DiscrepancyFields.js';
import { ErrorAlert } from '../forms/ErrorAlert.js';

interface ConfirmPickupDialogProps {
  batch: Batch;
  scanned: string[];
  missing: string[];
  missingCount: number;
  total: number;
  onCancel: () => void;
  onDone: (result: PickupResult) => void;
  /** The batch changed meanwhile (someone else confirmed it): reload it. */
  onStale: () => void;
}

/** The one irreversible step: custody moves to the partner, with a written discrepancy if devices are missing. */
export const ConfirmPickupDialog = ({ batch, scanned, missing, missingCount, total, onCancel, onDone, onStale }: ConfirmPickupDialogProps) => {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const [discrepancy, setDiscrepancy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.pickup.${key}`, options);
  const needsDiscrepancy = missingCount > 0;
  const canSubmit = !busy && !stale && (!needsDiscrepancy || discrepancy.trim().length > 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await dataProvider.confirmPickup(batch.id, { scanned, discrepancy: needsDiscrepancy ? discrepancy.trim() : undefined }));
    } catch (caught) {
      const body = (caught as { body?: ApiErrorBody }).body;
      if (errorCode(caught) === 'FOREIGN_TAGS') {
        const details = body?.details as { invalid?: string[]; foreign?: { assetTag: string }[] } | undefined;
        const tags = [...(details?.invalid ?? []), ...(details?.foreign ?? []).map((foreign) => foreign.assetTag)];
        setError(t('foreign_server', { tags: tags.join(', ') }));
      } else {
        setError((caught as Error).message);
        if ((caught as { status?: number }).status === 409) setStale(true);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onCancel} fullScreen={phone} fullWidth maxWidth="sm" aria-labelledby="pickup-confirm-title">
      <Box component="form" onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', height: phone ? '100%' : undefined }}>
        <DialogTitle id="pickup-confirm-title">{t('confirm_title', { reference: batch.reference })}</DialogTitle>
        <DialogContent sx={{ flex: phone ? 1 : undefined }}>
          {needsDiscrepancy ? (
            <DiscrepancyFields missing={missing} missingCount={missingCount} total={total} discrepancy={discrepancy} onChange={setDiscrepancy} />
          ) : (
            <Typography sx={{ fontSize: '1.1rem' }}>{t('confirm_all', { smart_count: total, partner: batch.partner })}</Typography>
          )}
          <ErrorAlert message={error} sx={{ mt: 2 }} />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2, gap: 1, flexWrap: 'wrap' }}>
          <Button onClick={stale ? onStale : onCancel} disabled={busy} size="large" sx={{ minHeight: 48 }}>
            {t('cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={!canSubmit}
            startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
            sx={{ minHeight: 48 }}
          >
            {t('submit')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
};
