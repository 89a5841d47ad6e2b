import { useRef, useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/AddCircle';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import { errorCode } from '../providers/http.js';
import type { ApiErrorBody } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { ScanBanner, type Banner } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { explainRefusal } from './refusal.js';
import type { AddToBatchRefusal, AddToBatchResult, Batch } from './types.js';
import type { Device } from '../types.js';
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
  const dataProvider = useReemploiDataProvider();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const { focusInput, onBlur } = useScanFocus(inputRef, paused);
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.batches.builder.${key}`, options);

  const scan = async (event?: FormEvent) => {
    event?.preventDefault();
    const raw = code.trim();
    setCode('');
    if (!raw) return focusInput();
    focusInput();
    const check = checkAssetTag(raw);
    if (!check.valid) {
      if (check.reason === 'check_digit') announce('error', t('check_digit'));
      else announce('error', t('bad_format', { code: raw.toUpperCase() }), raw.toUpperCase());
      return;
    }
    const tag = check.tag;
    if (devices?.some((device) => device.assetTag === tag)) {
      announce('warning', t('already', { assetTag: tag }), tag);
      return;
    }
    try {
      const result: AddToBatchResult = await dataProvider.addToBatch(batch.id, { assetTags: [tag] });
      if (result.added.length) announce('success', t('added', { assetTag: tag }), tag);
      else announce('warning', t('already', { assetTag: tag }), tag);
      onChanged();
    } catch (error) {
      if (errorCode(error) === 'DEVICES_REFUSED') {
        const details = (error as { body?: ApiErrorBody }).body?.details as AddToBatchRefusal | undefined;
        const reason = await explainRefusal(dataProvider, translate, batch, tag, details?.refused?.[0]?.reason);
        announce('error', t('refused', { assetTag: tag, reason }), tag);
      } else {
        announce('error', (error as Error).message);
        onChanged();
      }
    }
  };

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
