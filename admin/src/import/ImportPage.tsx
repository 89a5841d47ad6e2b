import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import PreviewIcon from '@mui/icons-material/Visibility';
import ImportIcon from '@mui/icons-material/CloudUpload';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { ImportReport } from '../types.js';
import { useFormat } from '../i18n/useFormat.js';
import { SiteAutocomplete } from '../devices/SiteAutocomplete.js';
import { FilePicker } from './FilePicker.js';
import { ImportReportView } from './ImportReportView.js';
import type { HttpError } from 'react-admin';

type Phase = { step: 'idle' } | { step: 'uploading'; fraction: number } | { step: 'processing' };

/** Preview first (dry run), then import all or nothing. */
export const ImportPage = () => {
  const translate = useTranslate();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  const [file, setFile] = useState<File | null>(null);
  const [site, setSite] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const working = phase.step !== 'idle';

  const send = async (dryRun: boolean) => {
    if (!file) return setError(translate('reemploi.import.no_file'));
    setError(null);
    setPhase({ step: 'uploading', fraction: 0 });
    try {
      const report = await dataProvider.importDevices(file, {
        dryRun,
        site: site.trim().length >= 2 ? site.trim() : undefined,
        onUploadProgress: (fraction) => setPhase(fraction >= 1 ? { step: 'processing' } : { step: 'uploading', fraction }),
      });
      if (dryRun) setPreview(report);
      else setResult(report);
    } catch (failure) {
      setError((failure as Error).message);
      // all or nothing: the server answers with the same report, so show what to fix
      if (errorCode(failure) === 'IMPORT_REJECTED') setPreview((failure as HttpError).body?.details as ImportReport);
    } finally {
      setPhase({ step: 'idle' });
    }
  };

  const chooseFile = (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const startOver = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const blocked = !!preview && preview.rejected.length > 0;

  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('reemploi.import.title')} />
      <Stack spacing={3}>
        <Card>
          <CardContent>
            <Typography variant="h5" component="h1" gutterBottom>
              {translate('reemploi.import.title')}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
              {translate('reemploi.import.intro')}
            </Typography>
            {result ? (
              <Stack spacing={2}>
                <Alert severity="success" role="status">
                  <strong>{translate('reemploi.import.done')}</strong> —{' '}
                  {translate('reemploi.import.done_counts', {
                    created: format.number(result.created),
                    updated: format.number(result.updated),
                    unchanged: format.number(result.unchanged),
                  })}
                </Alert>
                <Stack direction="row" spacing={2}>
                  <Button component={Link} to="/devices" variant="contained" size="large">
                    {translate('reemploi.import.see_devices')}
                  </Button>
                  <Button onClick={startOver} size="large">
                    {translate('reemploi.import.start_over')}
                  </Button>
                </Stack>
              </Stack>
            ) : (
              <Stack spacing={2}>
                <FilePicker file={file} onChange={chooseFile} locale={format.locale} disabled={working} />
                <Box sx={{ maxWidth: 480 }}>
                  <SiteAutocomplete
                    id="import-site"
                    label={translate('reemploi.import.default_site')}
                    helperText={translate('reemploi.import.default_site_helper')}
                    value={site}
                    onChange={(value) => {
                      setSite(value);
                      setPreview(null);
                    }}
                  />
                </Box>
                <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap' }}>
                  <Button
                    variant={preview ? 'outlined' : 'contained'}
                    size="large"
                    startIcon={<PreviewIcon />}
                    onClick={() => send(true)}
                    disabled={!file || working}
                  >
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
                {phase.step !== 'idle' && (
                  <Box role="status" aria-live="polite">
                    <Typography variant="body2" sx={{ mb: 0.5 }}>
                      {phase.step === 'uploading'
                        ? translate('reemploi.import.uploading', { percent: Math.round(phase.fraction * 100) })
                        : translate('reemploi.import.processing')}
                    </Typography>
                    <LinearProgress
                      variant={phase.step === 'uploading' ? 'determinate' : 'indeterminate'}
                      value={phase.step === 'uploading' ? phase.fraction * 100 : undefined}
                      aria-label={translate('reemploi.import.processing')}
                    />
                  </Box>
                )}
                {error && (
                  <Alert severity="error" role="alert">
                    {error}
                  </Alert>
                )}
              </Stack>
            )}
          </CardContent>
        </Card>
        {(result || preview) && (
          <Card>
            <CardContent>
              <ImportReportView report={(result ?? preview)!} showDetails={!result} />
            </CardContent>
          </Card>
        )}
      </Stack>
    </Box>
  );
};
