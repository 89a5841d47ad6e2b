import { useState, type FocusEvent, type Ref } from 'react';
import { useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import NoStorageIcon from '@mui/icons-material/DoNotDisturbAlt';
import type { DeviceCard } from '../types.js';
import { AddMediumForm, type NewMedium } from './AddMediumForm.js';
import { FLASH_KINDS, TECHNIQUE_CATEGORY, WIPING_STATUSES } from './choices.js';
import { MediumDialogs, type PendingDialog } from './MediumDialogs.js';
import { MediumRow } from './MediumRow.js';
import type { DefaultMethod } from './useDefaultMethod.js';
import type { Medium } from './types.js';

export type MediumOutcome = { result: 'success' } | { result: 'failure'; errors: string } | { result: 'destroyed'; tool: string };

interface MediaPanelProps {
  device: DeviceCard;
  media: Medium[];
  loading: boolean;
  method: DefaultMethod;
  busy: boolean;
  serialRef: Ref<HTMLInputElement>;
  onSerialBlur: (event: FocusEvent<HTMLInputElement>) => void;
  onAdd: (medium: NewMedium) => Promise<string | null>;
  onDeviceCode: (code: string) => void;
  onRecord: (medium: Medium, outcome: MediumOutcome) => void;
  onRemove: (medium: Medium) => void;
  onNoStorage: () => void;
  onDialogChange: (open: boolean) => void;
}

/** The device's disks, each with its last result and the two-click buttons; then the form to add one. */
export const MediaPanel = (props: MediaPanelProps) => {
  const { device, media, loading, method, busy, onRecord, onRemove, onNoStorage, onDialogChange } = props;
  const translate = useTranslate();
  const [dialog, setDialog] = useState<PendingDialog | null>(null);
  const wiping = WIPING_STATUSES.includes(device.status);
  const overwrite = TECHNIQUE_CATEGORY[method.technique] === 'clear';
  const flashOverwritten = overwrite && media.some((medium) => FLASH_KINDS.includes(medium.kind) && medium.lastResult !== 'success');
  // NIST SP 800-88 accepts an overwrite as Clear on an SSD (the warning above says Purge is better),
  // not on eMMC, where Clear is a factory reset: recording one takes a second, deliberate click
  const wiped = (medium: Medium) => (overwrite && medium.kind === 'emmc' ? open({ kind: 'flash_overwrite', medium }) : onRecord(medium, { result: 'success' }));

  const open = (next: PendingDialog) => {
    setDialog(next);
    onDialogChange(true);
  };
  const close = () => {
    setDialog(null);
    onDialogChange(false);
  };

  return (
    <Card component="section" aria-labelledby="media-title" data-testid="media-panel">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h2" id="media-title">
            {translate('reemploi.wiping.media_title')} ({media.length})
          </Typography>

          {!wiping && (
            <Alert severity="info">
              {translate('reemploi.wiping.locked', { status: translate(`resources.devices.statuses.${device.status}`) })}
            </Alert>
          )}

          {!loading && media.length === 0 && (
            <Typography color="text.secondary">
              {device.noStorage ? translate('reemploi.device_sanitization.no_storage') : translate('reemploi.wiping.no_media')}
            </Typography>
          )}

          {media.length > 0 && (
            <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }} aria-labelledby="media-title">
              {media.map((medium) => (
                <MediumRow
                  key={medium.id}
                  medium={medium}
                  wiping={wiping}
                  busy={busy}
                  onWiped={() => wiped(medium)}
                  onFailed={() => open({ kind: 'failure', medium })}
                  onDestroyed={() => open({ kind: 'destroy', medium })}
                  onRemove={() => onRemove(medium)}
                />
              ))}
            </Box>
          )}

          {wiping && flashOverwritten && <Alert severity="warning">{translate('reemploi.wiping.ssd_overwrite_warning')}</Alert>}

          {wiping && (
            <AddMediumForm device={device} inputRef={props.serialRef} onBlur={props.onSerialBlur} onAdd={props.onAdd} onDeviceCode={props.onDeviceCode} />
          )}

          {wiping && !loading && media.length === 0 && (
            <Box>
              <Button variant="outlined" size="large" startIcon={<NoStorageIcon />} onClick={() => open({ kind: 'no_storage' })} disabled={busy}>
                {translate('reemploi.wiping.no_storage')}
              </Button>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                {translate('reemploi.wiping.no_storage_helper')}
              </Typography>
            </Box>
          )}
        </Stack>
      </CardContent>

      <MediumDialogs dialog={dialog} device={device} defaultDestroyTool={method.destroyTool} close={close} onRecord={onRecord} onNoStorage={onNoStorage} />
    </Card>
  );
};
