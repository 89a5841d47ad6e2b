import { Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DEVICE_TYPES } from '../../../api/devices/lifecycle.js';
import type { Batch } from './types.js';

/** "12 Portables · 3 Écrans…" in the order of the device types. */
export const CountsByType = ({ counts }: { counts: Batch['countsByType'] }) => {
  const translate = useTranslate();
  const present = DEVICE_TYPES.filter((type) => (counts[type] ?? 0) > 0);
  if (!present.length) return <Typography color="text.secondary">{translate('resources.batches.counts_empty')}</Typography>;
  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap' }} data-testid="counts-by-type">
      {present.map((type) => (
        <Chip
          key={type}
          variant="outlined"
          label={`${counts[type]} × ${translate(`resources.devices.types.${type}`)}`}
          sx={{ fontSize: '1rem', fontWeight: 600 }}
        />
      ))}
    </Stack>
  );
};
