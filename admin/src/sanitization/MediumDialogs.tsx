import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import type { DeviceCard } from '../types.js';
import type { MediumOutcome } from './MediaPanel.js';
import type { Medium } from './types.js';

export type PendingDialog = { kind: 'failure'; medium: Medium } | { kind: 'destroy'; medium: Medium } | { kind: 'flash_overwrite'; medium: Medium } | { kind: 'no_storage' };

interface MediumDialogsProps {
  dialog: PendingDialog | null;
  device: DeviceCard;
  defaultDestroyTool: string;
  close: () => void;
  onRecord: (medium: Medium, outcome: MediumOutcome) => void;
  onNoStorage: () => void;
}

/** The second click the wiping bench asks for: a failure's errors, a shredding's tool, an eMMC overwrite, a device without storage. */
export const MediumDialogs = ({ dialog, device, defaultDestroyTool, close, onRecord, onNoStorage }: MediumDialogsProps) => {
  const translate = useTranslate();
  return (
    <>
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
        defaultTool={defaultDestroyTool}
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
    </>
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
