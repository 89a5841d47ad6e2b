import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import type { Outcome, RefurbishGrade } from '../batches/types.js';

const GRADES: RefurbishGrade[] = ['A', 'B', 'C'];

interface OutcomeDialogProps {
  to: Outcome['to'];
  /** "CD59-000123-7" or "5 appareils". */
  what: string;
  busy: boolean;
  error?: string | null;
  onCancel: () => void;
  onConfirm: (outcome: Outcome) => void;
}

/** Refurbished needs a grade (notes optional); recycled needs a reason, kept in the chain of custody. */
export const OutcomeDialog = ({ to, what, busy, error, onCancel, onConfirm }: OutcomeDialogProps) => {
  const translate = useTranslate();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const [grade, setGrade] = useState<RefurbishGrade | ''>('');
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.refurbishment.${key}`, options);
  const valid = to === 'refurbished' ? grade !== '' : reason.trim().length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || busy) return;
    if (to === 'refurbished') onConfirm({ to, grade: grade as RefurbishGrade, notes: notes.trim() || undefined });
    else onConfirm({ to, reason: reason.trim() });
  };

  return (
    <Dialog open onClose={busy ? undefined : onCancel} fullScreen={phone} fullWidth maxWidth="sm" aria-labelledby="outcome-title">
      <form onSubmit={submit}>
        <DialogTitle id="outcome-title">{t(to === 'refurbished' ? 'dialog_refurbished' : 'dialog_recycled', { what })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {to === 'refurbished' ? (
              <>
                <FormControl required>
                  <FormLabel id="outcome-grade-label">{t('grade')}</FormLabel>
                  <RadioGroup aria-labelledby="outcome-grade-label" value={grade} onChange={(event) => setGrade(event.target.value as RefurbishGrade)}>
                    {GRADES.map((value) => (
                      <FormControlLabel
                        key={value}
                        value={value}
                        control={<Radio />}
                        label={translate(`resources.devices.grades.${value}`)}
                        sx={{ minHeight: 44 }}
                      />
                    ))}
                  </RadioGroup>
                </FormControl>
                <TextField id="outcome-notes" label={t('notes')} value={notes} onChange={(event) => setNotes(event.target.value)} multiline minRows={2} fullWidth />
              </>
            ) : (
              <TextField
                id="outcome-reason"
                label={t('reason')}
                helperText={t('reason_helper')}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                required
                autoFocus
                fullWidth
              />
            )}
            {error && <Alert severity="error">{error}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onCancel} disabled={busy} size="large">
            {t('cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            size="large"
            color={to === 'recycled' ? 'error' : 'primary'}
            disabled={!valid || busy}
            startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
          >
            {t('confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
