import type { FocusEvent, FormEvent, RefObject } from 'react';
import { Button, Card, CardContent, Stack } from '@mui/material';
import CameraIcon from '@mui/icons-material/PhotoCamera';
import { ScanField } from '../scanner/ScanField.js';
import { usePickupTranslate } from './usePickupTranslate.js';

interface PickupScanCardProps {
  inputRef: RefObject<HTMLInputElement | null>;
  code: string;
  onCodeChange: (code: string) => void;
  onSubmit: (event: FormEvent) => void;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  touch: boolean;
  onCamera: () => void;
}

/** The scan field (USB or Bluetooth scanner) and the phone camera's button. */
export const PickupScanCard = ({ inputRef, code, onCodeChange, onSubmit, onBlur, touch, onCamera }: PickupScanCardProps) => {
  const t = usePickupTranslate();
  return (
    <Card variant="outlined">
      <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Stack spacing={1.5}>
          <ScanField
            inputRef={inputRef}
            id="pickup-scan"
            label={t('field_label')}
            helperText={t('field_helper')}
            value={code}
            onChange={onCodeChange}
            onSubmit={onSubmit}
            onBlur={onBlur}
            submitLabel={t('field_label')}
            autoFocus={!touch}
          />
          <Button variant="outlined" size="large" startIcon={<CameraIcon />} onClick={onCamera} sx={{ minHeight: 56, fontSize: '1.1rem', alignSelf: { xs: 'stretch', sm: 'flex-start' } }}>
            {t('camera')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
