import { Link } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import DoneIcon from '@mui/icons-material/CheckCircle';
import WarningIcon from '@mui/icons-material/Warning';
import type { PickupResult } from '../batches/types.js';

/** What the API recorded: everything handed over, or a disputed pickup with the devices left behind. */
export const PickupDone = ({ result }: { result: PickupResult }) => {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.pickup.${key}`, options);
  const { batch, handedOver, missing } = result;
  const disputed = missing.length > 0;
  return (
    <Box sx={{ py: 2, maxWidth: 800 }}>
      <Title title={t('done_title')} />
      <Card
        data-testid="pickup-result"
        data-status={batch.status}
        sx={{ bgcolor: disputed ? '#fff4e5' : '#eaf6ec', border: 2, borderColor: disputed ? '#b35c00' : '#1b6e2a' }}
      >
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
            {disputed ? <WarningIcon sx={{ fontSize: 48, color: '#8a4600' }} aria-hidden /> : <DoneIcon sx={{ fontSize: 48, color: '#1b6e2a' }} aria-hidden />}
            <Typography variant="h5" component="h1" sx={{ fontWeight: 800 }}>
              {t('done_title')} — {batch.reference}
            </Typography>
          </Stack>
          <Typography sx={{ fontSize: '1.2rem', mb: 2 }}>
            {disputed
              ? t('done_disputed', { handed: handedOver.length, missing: missing.length })
              : t('done_all', { smart_count: handedOver.length, partner: batch.partner })}
          </Typography>
          {disputed && (
            <>
              <Typography sx={{ fontWeight: 700 }}>{translate('resources.batches.fields.missingAssetTags')}</Typography>
              <Box component="ul" sx={{ mt: 0.5, pl: 3 }}>
                {missing.map((tag) => (
                  <li key={tag}>
                    <Typography sx={{ fontWeight: 700 }}>{tag}</Typography>
                  </li>
                ))}
              </Box>
              {batch.discrepancy && <Typography sx={{ fontStyle: 'italic', mb: 2 }}>« {batch.discrepancy} »</Typography>}
            </>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <Button component={Link} to="/refurbishment" variant="contained" size="large" sx={{ minHeight: 52 }}>
              {t('to_queue')}
            </Button>
            <Button component={Link} to={`/batches/${batch.id}/show`} variant="outlined" size="large" sx={{ minHeight: 52 }}>
              {t('to_batch')}
            </Button>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
