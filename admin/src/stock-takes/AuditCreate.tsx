import { Link } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import StartIcon from '@mui/icons-material/PlayArrow';
import { SiteAutocomplete } from '../devices/SiteAutocomplete.js';
import { useStartAudit } from './useStartAudit.js';
import { ErrorAlert } from '../forms/ErrorAlert.js';

/** "Nouvel inventaire": pick the site, the session opens at once. One running stock-take per site. */
export const AuditCreate = () => {
  const translate = useTranslate();
  const { site, chooseSite, busy, error, runningId, submit } = useStartAudit();
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.audits.create.${key}`, options);

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
                onChange={chooseSite}
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
              <ErrorAlert message={error} />
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
