import { Chip } from '@mui/material';
import MissingIcon from '@mui/icons-material/ReportProblem';
import { useTranslate } from 'react-admin';
import { useFormat } from '../i18n/useFormat.js';

/** "Manquant depuis le 12/03/2026": a closed stock-take did not find the device. */
export const MissingChip = ({ since, size = 'small' }: { since: string | null | undefined; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  const format = useFormat();
  if (!since) return null;
  return (
    <Chip
      size={size}
      variant="outlined"
      icon={<MissingIcon aria-hidden />}
      label={translate('reemploi.audits.missing_chip', { date: format.date(since) })}
      data-testid="missing-chip"
      sx={{
        borderColor: '#b3261e',
        borderWidth: 2,
        color: '#8b1610',
        bgcolor: '#fff',
        fontWeight: 600,
        fontSize: size === 'medium' ? '1rem' : undefined,
        '& .MuiChip-icon': { color: '#b3261e' },
      }}
    />
  );
};
