import { useState } from 'react';
import { Button, useRefresh, useTranslate } from 'react-admin';
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import type { Station } from '../../../api/stations/station.service.js';
import { apiJson, API_URL } from '../providers/http.js';
import { SiteAutocomplete } from '../devices/SiteAutocomplete.js';
import { DialogForm } from '../forms/DialogForm.js';
import { CopyableText } from './CopyableText.js';

/** The lines of station.conf on the USB key (station/README.md). */
const configLines = (token: string) => `REEMPLOI_API_URL=${window.location.origin}\nREEMPLOI_STATION_TOKEN=${token}\nNWIPE_METHOD=dodshort`;

/** Creates a station: its token is shown here once, with the lines to put in the key's configuration. */
export const CreateStationButton = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [site, setSite] = useState('');
  const [created, setCreated] = useState<(Station & { token: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const create = async () => {
    setSaving(true);
    setError(null);
    try {
      setCreated(await apiJson<Station & { token: string }>(`${API_URL}/stations`, { method: 'POST', body: JSON.stringify({ name: name.trim(), site: site.trim() }) }));
    } catch (createError) {
      setError((createError as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const close = () => {
    setOpen(false);
    setCreated(null);
    setName('');
    setSite('');
    refresh();
  };

  return (
    <>
      <Button label="reemploi.stations.create" onClick={() => setOpen(true)} variant="contained">
        <AddIcon />
      </Button>
      <Dialog open={open} onClose={created ? undefined : close} fullWidth maxWidth="sm" aria-labelledby="station-dialog-title">
        <DialogTitle id="station-dialog-title">{translate(created ? 'reemploi.stations.created_title' : 'reemploi.stations.create_title', { name: created?.name ?? '' })}</DialogTitle>
        {created ? (
          <>
            <DialogContent>
              <Stack spacing={2}>
                <Alert severity="warning">{translate('reemploi.stations.token_once')}</Alert>
                <CopyableText id="station-token" text={created.token} label={translate('reemploi.stations.token')} />
                <Typography>{translate('reemploi.stations.config_help')}</Typography>
                <CopyableText id="station-config" text={configLines(created.token)} label={translate('reemploi.stations.config')} />
              </Stack>
            </DialogContent>
            <DialogActions>
              <MuiButton variant="contained" onClick={close}>
                {translate('reemploi.stations.done')}
              </MuiButton>
            </DialogActions>
          </>
        ) : (
          <DialogForm error={error} submitLabel={translate('reemploi.stations.create')} onSubmit={create} canSubmit={!saving && name.trim().length >= 2 && site.trim().length >= 2} onCancel={close}>
            <TextField label={translate('resources.stations.fields.name')} value={name} onChange={(event) => setName(event.target.value)} helperText={translate('reemploi.stations.name_help')} required autoFocus />
            <SiteAutocomplete label={translate('resources.stations.fields.site')} value={site} onChange={setSite} helperText={translate('reemploi.stations.site_help')} required />
          </DialogForm>
        )}
      </Dialog>
    </>
  );
};
