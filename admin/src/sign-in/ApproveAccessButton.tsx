import { useState, type MouseEvent } from 'react';
import { Button, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { Dialog, DialogTitle, MenuItem, TextField } from '@mui/material';
import CheckIcon from '@mui/icons-material/HowToReg';
import BlockIcon from '@mui/icons-material/Block';
import { ROLES, type Role } from '../../../api/core/permissions.js';
import { apiJson, API_URL } from '../providers/http.js';
import { DialogForm } from '../forms/DialogForm.js';
import type { AccessRequest } from './types.js';

/** An admin gives the waiting agent a role (and a territory for a social worker): the agent can sign in. */
export const ApproveAccessButton = () => {
  const request = useRecordContext<AccessRequest>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>('it_staff');
  const [territory, setTerritory] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (!request || request.status === 'approved') return null;

  const approve = async () => {
    setSaving(true);
    setError(null);
    try {
      await apiJson(`${API_URL}/access-requests/${request.id}/approve`, { method: 'POST', body: JSON.stringify({ role, territory: territory.trim() || null }) });
      setOpen(false);
      notify('reemploi.oidc.approved', { type: 'success', messageArgs: { name: request.name } });
      refresh();
    } catch (approveError) {
      setError((approveError as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const stop = (event: MouseEvent) => event.stopPropagation();

  return (
    <span onClick={stop}>
      <Button label="reemploi.oidc.approve" onClick={() => setOpen(true)} variant="contained">
        <CheckIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('reemploi.oidc.approve_title', { name: request.name })}</DialogTitle>
        <DialogForm error={error} submitLabel={translate('reemploi.oidc.approve')} onSubmit={approve} canSubmit={!saving && (role !== 'social_worker' || !!territory.trim())} onCancel={() => setOpen(false)}>
          <TextField select label={translate('resources.access-requests.fields.role')} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((id) => (
              <MenuItem key={id} value={id}>
                {translate(`resources.users.roles.${id}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={translate('resources.access-requests.fields.territory')}
            value={territory}
            required={role === 'social_worker'}
            helperText={translate('resources.users.helpers.territory')}
            onChange={(event) => setTerritory(event.target.value)}
          />
        </DialogForm>
      </Dialog>
    </span>
  );
};

export const RefuseAccessButton = () => {
  const request = useRecordContext<AccessRequest>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!request || request.status !== 'pending') return null;
  const refuse = async (event: MouseEvent) => {
    event.stopPropagation();
    try {
      await apiJson(`${API_URL}/access-requests/${request.id}/refuse`, { method: 'POST' });
      notify('reemploi.oidc.refused', { type: 'info' });
      refresh();
    } catch (refuseError) {
      notify((refuseError as Error).message, { type: 'error' });
    }
  };
  return (
    <Button label="reemploi.oidc.refuse" onClick={refuse} color="error" variant="outlined">
      <BlockIcon />
    </Button>
  );
};
