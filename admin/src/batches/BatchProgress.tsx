import { Box, LinearProgress, Typography } from '@mui/material';
import { visuallyHidden } from '../accessibility/visuallyHidden.js';
import { useTranslate } from 'react-admin';
import type { BatchStatus } from './types.js';

const STEP: Record<BatchStatus, number> = { draft: 1, ready: 2, picked_up: 3, disputed: 3, closed: 4 };

/** Where the batch is on its way: prepared → ready → picked up → closed. */
export const BatchProgress = ({ status }: { status: BatchStatus }) => {
  const translate = useTranslate();
  const step = STEP[status];
  const label = translate('resources.batches.progress', { step, status: translate(`resources.batches.statuses.${status}`) });
  // hovering says what the four steps are (« 2/4 » alone told a technician nothing)
  const steps = (['draft', 'ready', 'picked_up', 'closed'] as const).map((name) => translate(`resources.batches.statuses.${name}`)).join(' → ');
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 110 }} title={`${label} (${steps})`}>
      <LinearProgress
        variant="determinate"
        value={(step / 4) * 100}
        aria-label={label}
        color={status === 'disputed' ? 'warning' : 'primary'}
        sx={{ flex: 1, height: 8, borderRadius: 4 }}
      />
      <Typography variant="body2" color="text.secondary" aria-hidden sx={{ whiteSpace: 'nowrap' }}>
        {step}/4
      </Typography>
      {/* the four steps as text too, not only in the hover title (RGAA 7.5) */}
      <Box component="span" sx={visuallyHidden} data-testid="batch-steps">
        {translate('reemploi.a11y.batch_steps', { steps })}
      </Box>
    </Box>
  );
};
