import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { BatchStatus } from './types.js';

/** Dark text on light backgrounds, like the device statuses: all pass WCAG AA. */
export const BATCH_STATUS_COLORS: Record<BatchStatus, { background: string; color: string }> = {
  draft: { background: '#e3e6ea', color: '#1b1f24' },
  ready: { background: '#dce7f7', color: '#0f3a6b' },
  picked_up: { background: '#d3eedb', color: '#114d1f' },
  disputed: { background: '#fde3cc', color: '#7a3500' },
  closed: { background: '#ebdff7', color: '#4a1f73' },
};

export const BatchStatusChip = ({ status, size = 'small' }: { status: BatchStatus; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      label={translate(`resources.batches.statuses.${status}`)}
      data-testid="batch-status"
      sx={{ ...BATCH_STATUS_COLORS[status], fontWeight: 600, fontSize: size === 'medium' ? '1rem' : undefined }}
    />
  );
};
