import { Link } from 'react-router-dom';
import { Title } from 'react-admin';
import { Button, Stack, Typography } from '@mui/material';
import ListIcon from '@mui/icons-material/ListAlt';
import { useReceptionTranslate } from './useReceptionTranslate.js';

/** The desk's title, and the way back to the referrals waiting for their resident. */
export const ReceptionHeader = () => {
  const t = useReceptionTranslate();
  return (
    <>
      <Title title={t('title')} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 800, fontSize: { xs: '1.35rem', sm: '1.75rem' } }}>
          {t('title')}
        </Typography>
        <Button component={Link} to="/referrals" startIcon={<ListIcon />}>
          {t('waiting')}
        </Button>
      </Stack>
    </>
  );
};
