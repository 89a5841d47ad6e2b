import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { agreementStatus, type Agreement, type AgreementStatus } from './types.js';

/** Dark text on light backgrounds (WCAG AA), the word always shown: never colour alone. */
const COLORS: Record<AgreementStatus, { background: string; color: string }> = {
  active: { background: '#d3eedb', color: '#114d1f' },
  upcoming: { background: '#dce7f7', color: '#0f3a6b' },
  ended: { background: '#e3e6ea', color: '#1b1f24' },
};

export const AgreementStatusChip = ({ agreement, size = 'small' }: { agreement: Pick<Agreement, 'startsOn' | 'endsOn'>; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  const status = agreementStatus(agreement);
  return <Chip size={size} label={translate(`resources.agreements.statuses.${status}`)} data-testid="agreement-status" sx={{ ...COLORS[status], fontWeight: 600 }} />;
};
