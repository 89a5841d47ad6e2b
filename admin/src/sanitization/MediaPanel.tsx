import { useState, type FocusEvent, type Ref } from 'react';
import { useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import ShredIcon from '@mui/icons-material/ContentCut';
import NoStorageIcon from '@mui/icons-material/DoNotDisturbAlt';
import { useFormat } from '../i18n/useFormat.js';
import type { DeviceCard } from '../types.js';
import { AddMediumForm, type NewMedium } from './AddMediumForm.js';
import { FLASH_KINDS, TECHNIQUE_CATEGORY, WIPING_STATUSES } from './choices.js';
import { ResultChip } from './ResultChip.js';
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

type PendingDialog = { kind: 'failure'; medium: Medium } | { kind: 'destroy'; medium: Medium } | { kind: 'flash_overwrite'; medium: Medium } | { kind: 'no_storage' };

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

      <FailureDialog
        medium={dialog?.kind === 'failure' ? dialog.medium : null}
        onCancel={close}
        onConfirm={(medium, errors) => {
          close();
          onRecord(medium, { result: 'failure', errors });
        }}
      />
      <DestroyDialog
        medium={dialog?.kind === 'destroy' ? dialog.medium : null}
        defaultTool={method.destroyTool}
        onCancel={close}
        onConfirm={(medium, tool) => {
          close();
          onRecord(medium, { result: 'destroyed', tool });
        }}
      />
      <Dialog open={dialog?.kind === 'flash_overwrite'} onClose={close} aria-labelledby="flash-overwrite-title" fullWidth maxWidth="sm">
        <DialogTitle id="flash-overwrite-title">
          {translate('reemploi.wiping.flash_overwrite_title', { serial: dialog?.kind === 'flash_overwrite' ? dialog.medium.serialNumber : '' })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('reemploi.wiping.flash_overwrite_text')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} autoFocus>
            {translate('reemploi.wiping.flash_overwrite_cancel')}
          </Button>
          <Button
            variant="contained"
            color="warning"
            onClick={() => {
              if (dialog?.kind !== 'flash_overwrite') return;
              close();
              onRecord(dialog.medium, { result: 'success' });
            }}
          >
            {translate('reemploi.wiping.flash_overwrite_confirm')}
          </Button>
        </DialogActions>
      </Dialog>
      <Dialog open={dialog?.kind === 'no_storage'} onClose={close} aria-labelledby="no-storage-title">
        <DialogTitle id="no-storage-title">{translate('reemploi.wiping.no_storage_title', { assetTag: device.assetTag })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('reemploi.wiping.no_storage_text')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('reemploi.wiping.cancel')}</Button>
          <Button
            variant="contained"
            onClick={() => {
              close();
              onNoStorage();
            }}
          >
            {translate('reemploi.wiping.no_storage')}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
};

interface MediumRowProps {
  medium: Medium;
  wiping: boolean;
  busy: boolean;
  onWiped: () => void;
  onFailed: () => void;
  onDestroyed: () => void;
  onRemove: () => void;
}

const MediumRow = ({ medium, wiping, busy, onWiped, onFailed, onDestroyed, onRemove }: MediumRowProps) => {
  const translate = useTranslate();
  const format = useFormat();
  const serial = medium.serialNumber;
  const details = [
    translate(`resources.media.kinds.${medium.kind}`),
    medium.model,
    medium.capacityGb !== null ? translate('reemploi.wiping.capacity', { capacity: format.number(medium.capacityGb) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const canRecord = wiping && medium.lastResult !== 'success';

  return (
    <Box
      component="li"
      data-testid="medium-row"
      data-serial={serial}
      sx={{ border: 1, borderColor: 'grey.300', borderRadius: 2, p: { xs: 1.5, sm: 2 }, display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 800, fontSize: '1.25rem', letterSpacing: '0.03em', overflowWrap: 'anywhere' }}>{serial}</Typography>
        <ResultChip result={medium.lastResult} size="medium" />
        <Typography color="text.secondary" sx={{ flex: '1 1 200px' }}>
          {details}
        </Typography>
        {wiping && medium.lastResult === null && (
          <IconButton onClick={onRemove} disabled={busy} aria-label={translate('reemploi.wiping.remove', { serial })} title={translate('reemploi.wiping.remove', { serial })}>
            <DeleteIcon />
          </IconButton>
        )}
      </Stack>
      {canRecord && (
        <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            color="success"
            size="large"
            onClick={onWiped}
            disabled={busy}
            aria-label={translate('reemploi.wiping.wiped_for', { serial })}
            sx={{ fontSize: '1.15rem', px: 3, minWidth: 150, flex: { xs: '1 1 45%', sm: '0 0 auto' } }}
          >
            {translate('reemploi.wiping.wiped')}
          </Button>
          <Button
            variant="contained"
            color="error"
            size="large"
            onClick={onFailed}
            disabled={busy}
            aria-label={translate('reemploi.wiping.failed_for', { serial })}
            sx={{ fontSize: '1.15rem', px: 3, minWidth: 150, flex: { xs: '1 1 45%', sm: '0 0 auto' } }}
          >
            {translate('reemploi.wiping.failed')}
          </Button>
          <Button
            variant="outlined"
            size="large"
            startIcon={<ShredIcon />}
            onClick={onDestroyed}
            disabled={busy}
            aria-label={translate('reemploi.wiping.destroyed_for', { serial })}
            sx={{ flex: { xs: '1 1 100%', sm: '0 0 auto' } }}
          >
            {translate('reemploi.wiping.destroyed')}
          </Button>
        </Stack>
      )}
    </Box>
  );
};

const FailureDialog = ({ medium, onCancel, onConfirm }: { medium: Medium | null; onCancel: () => void; onConfirm: (medium: Medium, errors: string) => void }) => {
  const translate = useTranslate();
  const [errors, setErrors] = useState('');
  const submit = () => {
    if (medium && errors.trim()) {
      onConfirm(medium, errors.trim());
      setErrors('');
    }
  };
  return (
    <Dialog open={!!medium} onClose={onCancel} aria-labelledby="failure-title" fullWidth maxWidth="sm">
      <DialogTitle id="failure-title">{translate('reemploi.wiping.failure_title', { serial: medium?.serialNumber ?? '' })}</DialogTitle>
      <DialogContent>
        <TextField
          id="failure-errors"
          label={translate('reemploi.wiping.failure_errors')}
          helperText={translate('reemploi.wiping.failure_helper')}
          value={errors}
          onChange={(event) => setErrors(event.target.value)}
          autoFocus
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              submit();
            }
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('reemploi.wiping.cancel')}</Button>
        <Button variant="contained" color="error" onClick={submit} disabled={!errors.trim()}>
          {translate('reemploi.wiping.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const DestroyDialog = ({
  medium,
  defaultTool,
  onCancel,
  onConfirm,
}: {
  medium: Medium | null;
  defaultTool: string;
  onCancel: () => void;
  onConfirm: (medium: Medium, tool: string) => void;
}) => {
  const translate = useTranslate();
  const [tool, setTool] = useState(defaultTool);
  return (
    <Dialog
      open={!!medium}
      onClose={onCancel}
      aria-labelledby="destroy-title"
      fullWidth
      maxWidth="sm"
      slotProps={{ transition: { onEnter: () => setTool(defaultTool) } }}
    >
      <DialogTitle id="destroy-title">{translate('reemploi.wiping.destroy_title', { serial: medium?.serialNumber ?? '' })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('reemploi.wiping.destroy_text')}</DialogContentText>
        <TextField
          id="destroy-tool"
          label={translate('reemploi.wiping.destroy_tool')}
          value={tool}
          onChange={(event) => setTool(event.target.value)}
          autoFocus
          fullWidth
          margin="normal"
          required
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('reemploi.wiping.cancel')}</Button>
        <Button variant="contained" onClick={() => medium && tool.trim() && onConfirm(medium, tool.trim())} disabled={!tool.trim()}>
          {translate('reemploi.wiping.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
