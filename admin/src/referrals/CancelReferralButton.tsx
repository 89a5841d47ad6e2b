import { useState, type MouseEvent } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import CancelIcon from '@mui/icons-material/EventBusy';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { CANCELLATION_REASONS, type CancellationReason, type Referral } from './types.js';

/** The social worker withdraws a referral still open (the voucher stops being valid). */
export const CancelReferralButton = ({ referral, onDone }: { referral: Pick<Referral, 'id' | 'voucherCode'>; onDone?: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useReemploiDataProvider();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<CancellationReason | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.referrals.list.${key}`, options);
  const stop = (event: MouseEvent) => event.stopPropagation();

  const confirm = async () => {
    if (!reason) return;
    setBusy(true);
    try {
      await dataProvider.cancelReferral(referral.id, { reason, note: note.trim() || undefined });
      notify(t('cancelled', { code: referral.voucherCode }), { type: 'success' });
      setOpen(false);
      refresh();
      onDone?.();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<CancelIcon />}
        aria-label={`${t('cancel')} ${referral.voucherCode}`}
        onClick={(event) => {
          stop(event);
          setOpen(true);
        }}
      >
        {t('cancel')}
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} onClick={stop} aria-labelledby="cancel-referral-title" maxWidth="sm" fullWidth>
          <DialogTitle id="cancel-referral-title">{t('cancel_title', { code: referral.voucherCode })}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{t('cancel_text')}</DialogContentText>
            <Stack spacing={2}>
              <FormControl required>
                <FormLabel id="cancel-reason-label">{t('cancel_reason')}</FormLabel>
                <RadioGroup aria-labelledby="cancel-reason-label" value={reason} onChange={(event) => setReason(event.target.value as CancellationReason)}>
                  {CANCELLATION_REASONS.map((value) => (
                    <FormControlLabel key={value} value={value} control={<Radio />} label={translate(`resources.referrals.cancellation_reasons.${value}`)} sx={{ minHeight: 44 }} />
                  ))}
                </RadioGroup>
              </FormControl>
              <TextField id="cancel-note" label={t('cancel_note')} value={note} onChange={(event) => setNote(event.target.value)} helperText={t('note_erased')} fullWidth multiline minRows={2} slotProps={{ htmlInput: { maxLength: 500 } }} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t('keep')}</Button>
            <Button color="error" variant="contained" onClick={confirm} disabled={busy || !reason}>
              {t('cancel_confirm')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
};
