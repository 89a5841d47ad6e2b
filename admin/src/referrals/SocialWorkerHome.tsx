import { Link } from 'react-router-dom';
import { useDataProvider, useGetIdentity, useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Box, Button, Card, CardActionArea, CardContent, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/PersonAdd';
import ListIcon from '@mui/icons-material/ListAlt';
import { getSessionUser } from '../providers/session.js';
import { useFormat } from '../i18n/useFormat.js';
import { ReferralStatusChip } from './ReferralStatusChip.js';
import { REFERRAL_STATUSES } from './types.js';

/**
 * The social worker's home: the shortcut to a new referral and their referrals by status, each
 * count a link to the filtered list. Counts come from /referrals/counts: no one's data is read for them.
 */
export const SocialWorkerHome = () => {
  const translate = useTranslate();
  const format = useFormat();
  const dataProvider = useDataProvider();
  const { identity } = useGetIdentity();
  const territory = getSessionUser()?.territory;
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.referrals.home.${key}`, options);
  const counts = useQuery({ queryKey: ['referrals', 'counts'], queryFn: () => dataProvider.getReferralCounts() });
  return (
    <Stack spacing={3} sx={{ py: 2 }}>
      <Box>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700 }}>
          {t('title', { name: identity?.fullName ?? '' })}
        </Typography>
        {territory && <Typography color="text.secondary">{t('territory', { territory })}</Typography>}
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap>
        <Button component={Link} to="/referrals/create" variant="contained" size="large" startIcon={<AddIcon />} sx={{ minHeight: 56, fontSize: '1.1rem' }}>
          {t('new')}
        </Button>
        <Button component={Link} to="/referrals" variant="outlined" size="large" startIcon={<ListIcon />} sx={{ minHeight: 56 }}>
          {t('mine')}
        </Button>
      </Stack>
      <Box>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('by_status')}
        </Typography>
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(3, 1fr)', lg: 'repeat(6, 1fr)' } }}>
          {REFERRAL_STATUSES.map((status) => (
            <Box component="li" key={status}>
              <Card variant="outlined" sx={{ height: '100%' }}>
                <CardActionArea
                  component={Link}
                  to={`/referrals?filter=${encodeURIComponent(JSON.stringify({ status }))}`}
                  sx={{ height: '100%' }}
                  data-testid={`count-${status}`}
                >
                  <CardContent>
                    <ReferralStatusChip status={status} />
                    <Typography component="p" sx={{ fontSize: '2.25rem', fontWeight: 800, mt: 1 }}>
                      {counts.data === undefined ? '…' : format.number(counts.data.byStatus[status] ?? 0)}
                    </Typography>
                  </CardContent>
                </CardActionArea>
              </Card>
            </Box>
          ))}
        </Box>
      </Box>
    </Stack>
  );
};
