import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { AuditStatus } from './types.js';

/** Dark text on light backgrounds, like the device and batch statuses: all pass WCAG AA. */
const COLORS: Record<AuditStatus, { background: string; color: string }> = {
  open: { background: '#dce7f7', color: '#0f3a6b' },
  paused: { background: '#fde3cc', color: '#7a3500' },
  closed: { background: '#e3e6ea', color: '#1b1f24' },
};

export const AuditStatusChip = ({ status, size = 'small' }: { status: AuditStatus; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      label={translate(`resources.audits.statuses.${status}`)}
      data-testid="audit-status"
      sx={{ ...COLORS[status], fontWeight: 600, fontSize: size === 'medium' ? '1rem' : undefined }}
    />
  );
};
