import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { REFUSAL_REASONS, type RefusalReason } from './types.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

export const RefuseDialog = ({ code, onCancel, onConfirm }: { code: string; onCancel: () => void; onConfirm: (reason: RefusalReason, note?: string) => void }) => {
  const translate = useTranslate();
  const [reason, setReason] = useState<RefusalReason | ''>('');
  const [note, setNote] = useState('');
  const t = useReceptionTranslate();
  return (
    <Dialog open onClose={onCancel} aria-labelledby="refuse-title" maxWidth="sm" fullWidth>
      <DialogTitle id="refuse-title">{t('refuse_title', { code })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <FormControl required>
            <FormLabel id="refuse-reason-label">{t('refuse_reason')}</FormLabel>
            <RadioGroup aria-labelledby="refuse-reason-label" value={reason} onChange={(event) => setReason(event.target.value as RefusalReason)}>
              {REFUSAL_REASONS.map((value) => (
                <FormControlLabel key={value} value={value} control={<Radio />} label={translate(`resources.referrals.refusal_reasons.${value}`)} sx={{ minHeight: 44 }} />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField id="refuse-note" label={t('refuse_note')} value={note} onChange={(event) => setNote(event.target.value)} helperText={translate('reemploi.referrals.list.note_erased')} multiline minRows={2} fullWidth slotProps={{ htmlInput: { maxLength: 500 } }} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} size="large">
          {t('cancel')}
        </Button>
        <Button color="error" variant="contained" size="large" disabled={!reason} onClick={() => reason && onConfirm(reason, note.trim() || undefined)}>
          {t('refuse_confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
