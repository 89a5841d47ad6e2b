import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Title, useNotify, useRedirect, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import StartIcon from '@mui/icons-material/PlayArrow';
import { SiteAutocomplete } from '../devices/SiteAutocomplete.js';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { AuditDetail } from './types.js';

/** "Nouvel inventaire": pick the site, the session opens at once. One running stock-take per site. */
export const AuditCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useReemploiDataProvider();
  const [site, setSite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runningId, setRunningId] = useState<number | null>(null);
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.audits.create.${key}`, options);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (site.trim().length < 2 || busy) return;
    setBusy(true);
    setError(null);
    setRunningId(null);
    try {
      const { data } = await dataProvider.create<AuditDetail>('audits', { data: { site: site.trim() } });
      notify(t('started', { id: data.id }), { type: 'success' });
      redirect('show', 'audits', data.id);
    } catch (caught) {
      const details = (caught as { body?: { details?: { auditId?: number } } }).body?.details;
      if (errorCode(caught) === 'AUDIT_ALREADY_OPEN' && details?.auditId) setRunningId(details.auditId);
      else setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ pt: 2, maxWidth: 720 }}>
      <Title title="resources.audits.new" />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1" sx={{ fontWeight: 700, mb: 1 }}>
            {translate('resources.audits.new')}
          </Typography>
          <Typography sx={{ mb: 3 }}>{t('intro')}</Typography>
          <form onSubmit={submit}>
            <Stack spacing={2}>
              <SiteAutocomplete
                id="audit-site"
                label={translate('resources.audits.fields.site')}
                value={site}
                onChange={(value) => {
                  setSite(value);
                  setRunningId(null);
                }}
                helperText={t('site_helper')}
                required
                autoFocus
              />
              {runningId !== null && (
                <Alert
                  severity="warning"
                  data-testid="audit-already-open"
                  action={
                    <Button component={Link} to={`/audits/${runningId}/show`} variant="contained" color="warning" size="small">
                      {t('resume', { id: runningId })}
                    </Button>
                  }
                >
                  {t('already_open', { id: runningId })}
                </Alert>
              )}
              {error && <Alert severity="error">{error}</Alert>}
              <Button
                type="submit"
                variant="contained"
                size="large"
                disabled={busy || site.trim().length < 2}
                startIcon={busy ? <CircularProgress size={18} color="inherit" /> : <StartIcon />}
                sx={{ alignSelf: 'flex-start', minHeight: 52, px: 3 }}
              >
                {t('start')}
              </Button>
            </Stack>
          </form>
        </CardContent>
      </Card>
    </Box>
  );
};
