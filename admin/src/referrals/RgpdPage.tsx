import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardActions, CardContent, Stack, Typography } from '@mui/material';
import RunIcon from '@mui/icons-material/PlayArrow';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import type { JobName } from './types.js';

const JOBS: JobName[] = ['expire-referrals', 'anonymise-inactive', 'purge-access-log'];
const COUNT_KEYS = ['expired', 'anonymised', 'purged'] as const;

type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; message: string };

const JobCard = ({ name }: { name: JobName }) => {
  const translate = useTranslate();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.referrals.rgpd.${key}`, options);
  const run = async () => {
    setRunning(true);
    try {
      setOutcome({ ok: true, result: await dataProvider.runJob(name) });
    } catch (error) {
      setOutcome({ ok: false, message: (error as Error).message });
    } finally {
      setRunning(false);
    }
  };
  // {expired: 3} → "3 orientations expirées"; anything else the job says is shown as is
  const describe = (result: Record<string, unknown>) => {
    if (result.ran === false) return t('skipped');
    const source = (result.result as Record<string, unknown> | undefined) ?? result;
    const parts = COUNT_KEYS.filter((key) => typeof source[key] === 'number').map((key) => `${format.number(source[key] as number)} ${t(`counts.${key}`)}`);
    return parts.length ? parts.join(', ') : JSON.stringify(result);
  };
  return (
    <Card variant="outlined" data-testid={`job-${name}`}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {t(`jobs.${name}.title`)}
        </Typography>
        <Typography color="text.secondary">{t(`jobs.${name}.text`)}</Typography>
        {outcome && (
          <Alert severity={outcome.ok ? 'success' : 'error'} sx={{ mt: 2 }} role="status">
            {outcome.ok ? t('result', { result: describe(outcome.result) }) : outcome.message}
          </Alert>
        )}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button variant="contained" startIcon={<RunIcon />} disabled={running} onClick={run}>
          {t(running ? 'running' : 'run')}
        </Button>
      </CardActions>
    </Card>
  );
};

/** Admin: the retention jobs (expiry, anonymisation, access-log purge) run now, with what they did. */
export const RgpdPage = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ py: 2, maxWidth: 860 }}>
      <Title title={translate('reemploi.referrals.rgpd.title')} />
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
        {translate('reemploi.referrals.rgpd.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('reemploi.referrals.rgpd.intro')}
      </Typography>
      <Stack spacing={2}>
        {JOBS.map((name) => (
          <JobCard key={name} name={name} />
        ))}
      </Stack>
    </Box>
  );
};
