import { Title } from 'react-admin';
import { Box, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { formatDay } from '../batches/format.js';
import type { Batch } from '../batches/types.js';
import { usePickupTranslate } from './usePickupTranslate.js';

/** The batch's reference (never cut across two lines), its site and planned day. */
export const PickupHeader = ({ batch }: { batch: Batch }) => {
  const t = usePickupTranslate();
  const format = useFormat();
  const title = t('title', { reference: batch.reference });
  const [titleStart] = title.split(batch.reference);
  return (
    <>
      <Title title={title} />
      <Typography variant="h5" component="h1" sx={{ fontWeight: 800, fontSize: { xs: '1.35rem', sm: '1.75rem' } }}>
        {titleStart}
        <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
          {batch.reference}
        </Box>
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {[batch.site, batch.plannedAt ? formatDay(batch.plannedAt, format.locale) : null].filter(Boolean).join(' · ')}
      </Typography>
    </>
  );
};
