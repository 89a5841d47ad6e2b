import type { FocusEvent, FormEvent, RefObject } from 'react';
import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import CameraIcon from '@mui/icons-material/PhotoCamera';
import { ScanField } from '../scanner/ScanField.js';
import { BIG_BUTTON } from './bigButton.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

interface ReceptionScanCardProps {
  /** false: the resident's voucher is awaited; true: the device for them */
  choosingDevice: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  code: string;
  onCodeChange: (code: string) => void;
  onSubmit: (event: FormEvent) => void;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  touch: boolean;
  onCamera: () => void;
}

/** The scan field (a USB scanner or typed) and the camera button, for the voucher then for the device. */
export const ReceptionScanCard = ({ choosingDevice, inputRef, code, onCodeChange, onSubmit, onBlur, touch, onCamera }: ReceptionScanCardProps) => {
  const t = useReceptionTranslate();
  return (
    <Card variant="outlined">
      <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Stack spacing={1.5}>
          {choosingDevice && (
            <Typography variant="h6" component="h2" sx={{ fontWeight: 700 }}>
              {t('choose_device')}
            </Typography>
          )}
          <ScanField
            key={choosingDevice ? 'device' : 'voucher'}
            inputRef={inputRef}
            id={choosingDevice ? 'reception-device' : 'reception-voucher'}
            label={t(choosingDevice ? 'device_label' : 'voucher_label')}
            helperText={t(choosingDevice ? 'device_helper' : 'voucher_helper')}
            value={code}
            onChange={onCodeChange}
            onSubmit={onSubmit}
            onBlur={onBlur}
            submitLabel={t(choosingDevice ? 'device_label' : 'voucher_label')}
            autoFocus={!touch}
            size={choosingDevice ? 'medium' : 'large'}
          />
          <Button variant="outlined" size="large" startIcon={<CameraIcon />} onClick={onCamera} sx={{ ...BIG_BUTTON, alignSelf: { xs: 'stretch', sm: 'flex-start' } }}>
            {t('camera')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
