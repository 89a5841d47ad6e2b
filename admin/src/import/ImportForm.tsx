import { useTranslate } from 'react-admin';
import { Alert, Box, Button, Stack } from '@mui/material';
import PreviewIcon from '@mui/icons-material/Visibility';
import ImportIcon from '@mui/icons-material/CloudUpload';
import { useFormat } from '../i18n/useFormat.js';
import { SiteAutocomplete } from '../devices/SiteAutocomplete.js';
import { FilePicker } from './FilePicker.js';
import { ImportProgress } from './ImportProgress.js';
import type { useDeviceImport } from './useDeviceImport.js';
import { ErrorAlert } from '../forms/ErrorAlert.js';

/** The file, the default site, Preview then Import (blocked while the preview has rejected rows). */
export const ImportForm = ({ upload }: { upload: ReturnType<typeof useDeviceImport> }) => {
  const translate = useTranslate();
  const format = useFormat();
  const { file, site, phase, preview, error, send, chooseFile, chooseSite } = upload;
  const working = phase.step !== 'idle';
  const blocked = !!preview && preview.rejected.length > 0;
  return (
    <Stack spacing={2}>
      <FilePicker file={file} onChange={chooseFile} locale={format.locale} disabled={working} />
      <Box sx={{ maxWidth: 480 }}>
        <SiteAutocomplete id="import-site" label={translate('reemploi.import.default_site')} helperText={translate('reemploi.import.default_site_helper')} value={site} onChange={chooseSite} />
      </Box>
      <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
        <Button variant={preview ? 'outlined' : 'contained'} size="large" startIcon={<PreviewIcon />} onClick={() => send(true)} disabled={!file || working}>
          {translate('reemploi.import.preview')}
        </Button>
        <Button
          variant="contained"
          size="large"
          color="success"
          startIcon={<ImportIcon />}
          onClick={() => send(false)}
          disabled={!preview || blocked || working}
          aria-describedby={blocked ? 'import-blocked' : undefined}
        >
          {translate('reemploi.import.commit')}
        </Button>
      </Stack>
      {blocked && (
        <Alert severity="warning" id="import-blocked">
          {translate('reemploi.import.commit_blocked')}
        </Alert>
      )}
      {phase.step !== 'idle' && <ImportProgress phase={phase} />}
      <ErrorAlert message={error} />
    </Stack>
  );
};
