import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import MoveIcon from '@mui/icons-material/LocalShipping';
import OpenIcon from '@mui/icons-material/OpenInNew';
import type { DeviceCard } from '../types.js';
import { DESTRUCTIVE_STATUSES } from './choices.js';
import { SiteAutocomplete } from './SiteAutocomplete.js';
import { useDeviceActions, type PendingAction } from './useDeviceActions.js';

interface DeviceActionsProps {
  device: DeviceCard;
  size?: 'medium' | 'large';
  /** "Voir la fiche", on the Scanner. */
  showLink?: boolean;
  onDone: (device: DeviceCard, message: string) => void;
  /** Without it, errors are shown as notifications. */
  onError?: (message: string) => void;
  /** The Scanner stops grabbing the focus while a dialog is open. */
  onDialogChange?: (open: boolean) => void;
}

/** The buttons for what this user may do to this device now: allowed transitions and "Déplacer". */
export const DeviceActions = ({ device, size = 'medium', showLink, onDone, onError, onDialogChange }: DeviceActionsProps) => {
  const translate = useTranslate();
  const { pending, busy, closeDialog, openDialog, run, onTransitionClick } = useDeviceActions(device, { onDone, onError, onDialogChange });

  const large = size === 'large';
  const buttonSx = large ? { minHeight: 56, fontSize: '1.1rem', px: 3 } : undefined;

  return (
    <>
      <Stack direction="row" useFlexGap spacing={large ? 2 : 1} sx={{ flexWrap: 'wrap' }}>
        {device.allowedTransitions.map((transition) => (
          <Button
            key={transition.to}
            variant="contained"
            size={large ? 'large' : 'medium'}
            color={DESTRUCTIVE_STATUSES.includes(transition.to) ? 'error' : 'primary'}
            disabled={busy}
            onClick={() => onTransitionClick(transition)}
            sx={buttonSx}
          >
            {translate(`resources.devices.actions.${transition.to}`)}
          </Button>
        ))}
        {device.canMove && (
          <Button
            variant="contained"
            size={large ? 'large' : 'medium'}
            startIcon={<MoveIcon />}
            disabled={busy}
            onClick={() => openDialog({ kind: 'move' })}
            sx={buttonSx}
          >
            {translate('resources.devices.actions.move')}
          </Button>
        )}
        {showLink && (
          <Button
            component={Link}
            to={`/devices/${device.id}/show`}
            variant="outlined"
            size={large ? 'large' : 'medium'}
            startIcon={<OpenIcon />}
            sx={buttonSx}
          >
            {translate('resources.devices.actions.show')}
          </Button>
        )}
      </Stack>
      {pending && (
        <ActionDialog device={device} action={pending} busy={busy} onCancel={closeDialog} onConfirm={(input) => run(pending, input)} />
      )}
    </>
  );
};

interface ActionDialogProps {
  device: DeviceCard;
  action: PendingAction;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (input: { reason?: string; site?: string }) => void;
}

const ActionDialog = ({ device, action, busy, onCancel, onConfirm }: ActionDialogProps) => {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const [site, setSite] = useState('');
  const isMove = action.kind === 'move';
  const reasonRequired = action.kind === 'transition' && action.transition.reasonRequired;
  const canConfirm = !busy && (!reasonRequired || reason.trim().length > 0) && (!isMove || site.trim().length >= 2);
  const title = isMove
    ? translate('resources.devices.dialog.move_title', { assetTag: device.assetTag })
    : translate('resources.devices.dialog.transition_title', {
        assetTag: device.assetTag,
        action: translate(`resources.devices.actions.${action.transition.to}`),
      });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canConfirm) onConfirm({ reason, site });
  };

  return (
    <Dialog open onClose={busy ? undefined : onCancel} fullWidth maxWidth="sm" aria-labelledby="device-action-title">
      <form onSubmit={submit}>
        <DialogTitle id="device-action-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {isMove && (
              <SiteAutocomplete
                id="move-site"
                label={translate('resources.devices.dialog.site')}
                value={site}
                onChange={setSite}
                exclude={device.site}
                helperText={translate('resources.devices.dialog.site_helper')}
                required
                autoFocus
              />
            )}
            <TextField
              id="action-reason"
              label={translate(reasonRequired ? 'resources.devices.dialog.reason_required' : 'resources.devices.dialog.reason')}
              helperText={translate('resources.devices.dialog.reason_helper')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              required={reasonRequired}
              autoFocus={!isMove}
              fullWidth
            />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onCancel} disabled={busy} size="large">
            {translate('resources.devices.dialog.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            size="large"
            color={action.kind === 'transition' && DESTRUCTIVE_STATUSES.includes(action.transition.to) ? 'error' : 'primary'}
            disabled={!canConfirm}
            startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
          >
            {translate('resources.devices.dialog.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
