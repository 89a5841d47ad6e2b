import { useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, ListSubheader, MenuItem, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import DownloadIcon from '@mui/icons-material/Download';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { downloadZpl, openLabels, type LabelProfile, type LabelProfiles, type Symbology } from './labels.js';
import { SheetPositions } from './SheetPositions.js';

interface PrintLabelsDialogProps {
  open: boolean;
  ids: readonly (number | string)[];
  onClose: () => void;
  /** After a PDF or a ZPL file was made (the devices now carry their print date). */
  onPrinted: (message: string) => void;
}

/**
 * Where the labels go: an A4 sheet (possibly part-used: the first free position is chosen on a
 * picture of the sheet) or a thermal roll (PDF for Brother QL / Dymo drivers, ZPL for Zebra).
 * The profile last used is proposed again (the server remembers it for each user).
 */
export const PrintLabelsDialog = ({ open, ids, onClose, onPrinted }: PrintLabelsDialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const [profiles, setProfiles] = useState<LabelProfiles | null>(null);
  const [profileId, setProfileId] = useState('');
  const [symbology, setSymbology] = useState<Symbology>('code128');
  const [firstPosition, setFirstPosition] = useState(1);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    dataProvider
      .getLabelProfiles()
      .then((answer) => {
        if (cancelled) return;
        setProfiles(answer);
        setProfileId(answer.current);
      })
      .catch((error: Error) => notify(error.message, { type: 'error' }));
    return () => {
      cancelled = true;
    };
  }, [open, dataProvider, notify]);

  const profile = profiles?.profiles.find((candidate) => candidate.id === profileId);
  const perSheet = profile ? profile.columns * profile.rows : 1;
  const start = profile?.printer === 'sheet' ? Math.min(firstPosition, perSheet) - 1 : 0;
  const print = { ids, profile: profileId, symbology, start };

  const run = async (action: 'pdf' | 'zpl') => {
    setBusy(true);
    try {
      if (action === 'zpl') await downloadZpl(dataProvider, print);
      else await openLabels(dataProvider, print);
      onPrinted(translate(action === 'zpl' ? 'reemploi.labels.zpl_ready' : 'reemploi.labels.pdf_ready', { smart_count: ids.length }));
      onClose();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const group = (printer: LabelProfile['printer']) => profiles?.profiles.filter((candidate) => candidate.printer === printer) ?? [];

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="print-labels-title">
      <DialogTitle id="print-labels-title">{translate('reemploi.labels.title', { smart_count: ids.length })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField select id="label-profile" label={translate('reemploi.labels.profile')} value={profile ? profileId : ''} onChange={(event) => setProfileId(event.target.value)} fullWidth>
            <ListSubheader>{translate('reemploi.labels.sheets')}</ListSubheader>
            {group('sheet').map((candidate) => (
              <MenuItem key={candidate.id} value={candidate.id}>{candidate.name}</MenuItem>
            ))}
            <ListSubheader>{translate('reemploi.labels.rolls')}</ListSubheader>
            {group('thermal').map((candidate) => (
              <MenuItem key={candidate.id} value={candidate.id}>{candidate.name}</MenuItem>
            ))}
          </TextField>
          <RadioGroup row value={symbology} onChange={(event) => setSymbology(event.target.value as Symbology)} aria-label={translate('reemploi.labels.symbology')}>
            <FormControlLabel value="code128" control={<Radio />} label={translate('reemploi.labels.code128')} />
            <FormControlLabel value="qrcode" control={<Radio />} label={translate('reemploi.labels.qrcode')} />
          </RadioGroup>
          {profile?.printer === 'sheet' && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
              <TextField
                id="label-first-position"
                type="number"
                label={translate('reemploi.labels.first_position')}
                helperText={translate('reemploi.labels.first_position_help', { count: perSheet })}
                value={firstPosition}
                onChange={(event) => setFirstPosition(Math.max(1, Math.min(perSheet, Number(event.target.value) || 1)))}
                slotProps={{ htmlInput: { min: 1, max: perSheet } }}
                sx={{ width: 230, flexShrink: 0 }}
              />
              <SheetPositions profile={profile} start={start} count={ids.length} onChoose={(position) => setFirstPosition(position)} />
            </Stack>
          )}
          {profile?.printer === 'thermal' && (
            <Alert severity="info">{translate('reemploi.labels.thermal_help', { size: `${profile.labelWidthMm} × ${profile.labelHeightMm} mm`, dpi: profile.dpi })}</Alert>
          )}
          {!profiles && <Typography color="text.secondary">{translate('ra.page.loading')}</Typography>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        {profile?.printer === 'thermal' && (
          <Button onClick={() => run('zpl')} disabled={busy} variant="outlined" startIcon={<DownloadIcon />}>
            {translate('reemploi.labels.download_zpl')}
          </Button>
        )}
        <Button onClick={() => run('pdf')} disabled={busy || !profile} variant="contained" startIcon={<PrintIcon />}>
          {translate('reemploi.labels.print_pdf')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
