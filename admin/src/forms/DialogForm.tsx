import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Button, DialogActions, DialogContent, Stack } from '@mui/material';
import { ErrorAlert } from './ErrorAlert.js';

interface DialogFormProps {
  /** The fields. */
  children: ReactNode;
  /** Why the last try failed, shown under the fields. */
  error: string | null;
  submitLabel: string;
  onSubmit: () => void;
  /** False while saving or while a required field is missing. */
  canSubmit: boolean;
  onCancel: () => void;
}

/** The body of a small dialog that asks for a few fields: the fields, the error of the last try, then Cancel and the action. */
export const DialogForm = ({ children, error, submitLabel, onSubmit, canSubmit, onCancel }: DialogFormProps) => {
  const translate = useTranslate();
  return (
    <>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {children}
          <ErrorAlert message={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={onSubmit} disabled={!canSubmit}>
          {submitLabel}
        </Button>
      </DialogActions>
    </>
  );
};
