import { useTranslate } from 'react-admin';
import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import NowIcon from '@mui/icons-material/Schedule';
import type { WipeTimes } from './DefaultMethodPanel.js';

/** When the wipe ran: "now" until the technician types other times, then a button back to "now". */
export const WipeTimesFields = ({ times, onTimesChange, onTimesNow }: { times: WipeTimes; onTimesChange: (times: WipeTimes) => void; onTimesNow: () => void }) => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2, fontWeight: 600 }}>
        {translate('reemploi.wiping.times_title')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, mt: 1, gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', alignItems: 'start' }}>
        <TextField
          id="wipe-started-at"
          type="datetime-local"
          label={translate('resources.sanitizations.fields.startedAt')}
          value={times.startedAt}
          onChange={(event) => onTimesChange({ ...times, startedAt: event.target.value, auto: false })}
          slotProps={{ inputLabel: { shrink: true } }}
          size="small"
        />
        <TextField
          id="wipe-finished-at"
          type="datetime-local"
          label={translate('resources.sanitizations.fields.finishedAt')}
          value={times.finishedAt}
          onChange={(event) => onTimesChange({ ...times, finishedAt: event.target.value, auto: false })}
          slotProps={{ inputLabel: { shrink: true } }}
          size="small"
        />
      </Box>
      <Stack direction="row" useFlexGap spacing={1} sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 200px' }}>
          {translate('reemploi.wiping.times_helper')}
        </Typography>
        {!times.auto && (
          <Button startIcon={<NowIcon />} onClick={onTimesNow} size="small">
            {translate('reemploi.wiping.times_now')}
          </Button>
        )}
      </Stack>
    </>
  );
};
