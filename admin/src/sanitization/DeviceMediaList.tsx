import { useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { ResultChip } from './ResultChip.js';
import type { Medium } from './types.js';

/** The device's disks on its page, each with its kind, model, size, interface and last result: the one list of its media. */
export const DeviceMediaList = ({ media }: { media: Medium[] }) => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }} aria-label={translate('resources.media.name', { smart_count: 2 })}>
      {media.map((medium) => (
        <Box component="li" key={medium.id} sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }} data-testid="device-medium">
          <Typography sx={{ fontWeight: 700 }}>{medium.serialNumber}</Typography>
          <Typography color="text.secondary">
            {[translate(`resources.media.kinds.${medium.kind}`), medium.model, medium.capacityGb !== null ? translate('reemploi.wiping.capacity', { capacity: format.number(medium.capacityGb) }) : null, medium.interface]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
          <ResultChip result={medium.lastResult} />
        </Box>
      ))}
    </Box>
  );
};
