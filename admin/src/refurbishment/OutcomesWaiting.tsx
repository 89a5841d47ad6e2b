import { Box, Chip, List as MuiList, ListItem, Typography } from '@mui/material';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import type { QueuedScan } from '../offline/scanQueue.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

/** The outcomes recorded on the phone and not sent yet: each device with its outcome. */
export const OutcomesWaiting = ({ writes }: { writes: QueuedScan[] }) => {
  const t = useRefurbishmentTranslate();
  if (!writes.length) return null;
  const title = t('outcomes_waiting', { smart_count: writes.length });
  return (
    <Box data-testid="outcomes-waiting" sx={{ border: 1, borderColor: 'info.main', borderRadius: 1, p: 1.5 }}>
      <Typography sx={{ fontWeight: 700 }}>{title}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t('outcomes_waiting_helper')}
      </Typography>
      <MuiList dense aria-label={title}>
        {writes.map((write) => (
          <ListItem key={write.seq} divider sx={{ gap: 1.5, flexWrap: 'wrap', px: 0 }}>
            <Typography sx={{ fontWeight: 700 }}>{write.code}</Typography>
            <Chip size="small" icon={<CloudUploadIcon />} variant="outlined" color={write.outcome!.to === 'recycled' ? 'error' : 'primary'} label={t(write.outcome!.to)} />
          </ListItem>
        ))}
      </MuiList>
    </Box>
  );
};
