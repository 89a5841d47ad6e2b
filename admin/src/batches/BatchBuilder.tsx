import { useTranslate } from 'react-admin';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/AddCircle';
import { ScanBanner, type Banner } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import type { Batch } from './types.js';
import type { Device } from '../types.js';
import { useBatchScan } from './useBatchScan.js';
import type { Announce } from './useScanAnnouncer.js';

/** The scanning half of a draft batch's page: every scanned tag goes into the batch at once. */
export const BatchBuilder = ({
  batch,
  devices,
  onChanged,
  banner,
  announce,
  paused,
}: {
  batch: Batch;
  devices: Device[] | undefined;
  onChanged: () => void;
  banner: Banner | null;
  announce: Announce;
  /** A dialog is open: the field stops grabbing the keyboard. */
  paused: boolean;
}) => {
  const translate = useTranslate();
  const { inputRef, code, setCode, onBlur, scan } = useBatchScan({ batch, devices, onChanged, announce, paused });
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.batches.builder.${key}`, options);

  const count = devices?.length ?? batch.deviceCount;
  return (
    <Card variant="outlined" component="section" sx={{ borderWidth: 2, borderColor: 'primary.main' }}>
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" useFlexGap sx={{ justifyContent: 'space-between', alignItems: 'baseline', flexWrap: 'wrap', gap: 1 }}>
            <Typography variant="h6" component="h2">
              {translate('resources.batches.sections.builder')}
            </Typography>
            <Typography
              data-testid="batch-counter"
              aria-live="polite"
              sx={{ fontSize: '1.5rem', fontWeight: 800, color: 'primary.main' }}
            >
              {t('counter', { smart_count: count })}
            </Typography>
          </Stack>
          <ScanField
            inputRef={inputRef}
            id="batch-scan"
            label={t('field_label')}
            helperText={t('field_helper')}
            value={code}
            onChange={setCode}
            onSubmit={scan}
            onBlur={onBlur}
            submitLabel={translate('resources.batches.actions.add')}
            submitIcon={<AddIcon fontSize="large" />}
            autoFocus
          />
          <ScanBanner banner={banner} idleText={t('idle')} />
        </Stack>
      </CardContent>
    </Card>
  );
};
