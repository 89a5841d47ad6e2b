import type { FocusEvent, FormEvent, RefObject } from 'react';
import { Button, Card, CardContent, Stack } from '@mui/material';
import CameraIcon from '@mui/icons-material/PhotoCamera';
import { ScanField } from '../scanner/ScanField.js';
import { useAuditTranslate } from './useAuditTranslate.js';

interface AuditScanCardProps {
  inputRef: RefObject<HTMLInputElement | null>;
  code: string;
  onCodeChange: (code: string) => void;
  onSubmit: (event: FormEvent) => void;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  /** a paused session takes no scan */
  open: boolean;
  touch: boolean;
  onCamera: () => void;
}

/** The scan field, and on a phone the camera button. */
export const AuditScanCard = ({ inputRef, code, onCodeChange, onSubmit, onBlur, open, touch, onCamera }: AuditScanCardProps) => {
  const t = useAuditTranslate();
  return (
    <Card variant="outlined">
      <CardContent sx={{ p: { xs: 1.5, sm: 2 }, '&:last-child': { pb: { xs: 1.5, sm: 2 } } }}>
        <Stack spacing={1.5}>
          <ScanField
            inputRef={inputRef}
            id="audit-scan"
            label={t('field_label')}
            helperText={t('field_helper')}
            value={code}
            onChange={onCodeChange}
            onSubmit={onSubmit}
            onBlur={onBlur}
            submitLabel={t('field_label')}
            autoFocus={!touch && open}
            disabled={!open}
          />
          {touch && (
            <Button variant="outlined" size="large" startIcon={<CameraIcon />} onClick={onCamera} disabled={!open} sx={{ minHeight: 56, fontSize: '1.1rem' }}>
              {t('camera')}
            </Button>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
