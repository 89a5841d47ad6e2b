import { Link } from 'react-router-dom';
import { Title, useGetList, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardActions, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import ScanIcon from '@mui/icons-material/QrCodeScanner';
import PlaceIcon from '@mui/icons-material/Place';
import EventIcon from '@mui/icons-material/Event';
import { useFormat } from '../i18n/useFormat.js';
import { CountsByType } from '../batches/CountsByType.js';
import { formatDay } from '../batches/format.js';
import type { Batch } from '../batches/types.js';

/** The partner's "to do": ready batches, soonest first, each one a big button to start scanning. */
export const PickupQueue = () => {
  const translate = useTranslate();
  const format = useFormat();
  const { data: batches, isPending, error } = useGetList<Batch>('batches', {
    filter: { status: 'ready' },
    sort: { field: 'plannedAt', order: 'ASC' },
    pagination: { page: 1, perPage: 50 },
  });
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.queue.${key}`, options);
  return (
    <Box sx={{ py: 2, maxWidth: 900 }}>
      <Title title={t('title')} />
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700, mb: 1 }}>
        {t('title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('intro')}
      </Typography>
      {isPending && <CircularProgress aria-label={translate('ra.page.loading')} />}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {batches && !batches.length && <Alert severity="info">{t('empty')}</Alert>}
      <Stack spacing={2}>
        {batches?.map((batch) => (
          <Card key={batch.id} variant="outlined" data-testid="pickup-batch" sx={{ borderWidth: 2 }}>
            <CardContent>
              <Typography variant="h6" component="h2" sx={{ fontWeight: 800, fontSize: '1.5rem' }}>
                {batch.reference}
              </Typography>
              <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, my: 1 }}>
                <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                  <PlaceIcon color="action" aria-hidden />
                  <Typography>{batch.site}</Typography>
                </Stack>
                <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                  <EventIcon color="action" aria-hidden />
                  <Typography>{batch.plannedAt ? t('planned', { date: formatDay(batch.plannedAt, format.locale) }) : t('not_planned')}</Typography>
                </Stack>
                <Typography sx={{ fontWeight: 700 }}>{t('devices', { smart_count: batch.deviceCount })}</Typography>
              </Stack>
              <CountsByType counts={batch.countsByType} />
            </CardContent>
            <CardActions sx={{ px: 2, pb: 2, gap: 1, flexWrap: 'wrap' }}>
              <Button
                component={Link}
                to={`/pickup/${batch.id}`}
                variant="contained"
                size="large"
                startIcon={<ScanIcon />}
                sx={{ minHeight: 56, fontSize: '1.1rem', flex: { xs: '1 1 100%', sm: '0 0 auto' } }}
              >
                {t('open')}
              </Button>
              <Button component={Link} to={`/batches/${batch.id}/show`} size="large" sx={{ minHeight: 48 }}>
                {translate('reemploi.handover.pickup.to_batch')}
              </Button>
            </CardActions>
          </Card>
        ))}
      </Stack>
    </Box>
  );
};
