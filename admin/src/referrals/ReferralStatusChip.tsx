import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ReferralStatus } from './types.js';

/** Dark text on light backgrounds (WCAG AA), the words always shown: never colour alone. */
export const REFERRAL_STATUS_COLORS: Record<ReferralStatus, { background: string; color: string }> = {
  submitted: { background: '#dce7f7', color: '#0f3a6b' },
  accepted: { background: '#fff1c2', color: '#5c4200' },
  equipped: { background: '#d3eedb', color: '#114d1f' },
  refused: { background: '#fbdad7', color: '#7a1610' },
  cancelled: { background: '#e3e6ea', color: '#1b1f24' },
  expired: { background: '#ebdff7', color: '#4a1f73' },
};

export const ReferralStatusChip = ({ status, size = 'small' }: { status: ReferralStatus; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      label={translate(`resources.referrals.statuses.${status}`)}
      data-testid="referral-status"
      sx={{ ...REFERRAL_STATUS_COLORS[status], fontWeight: 600, fontSize: size === 'medium' ? '1rem' : undefined }}
    />
  );
};
