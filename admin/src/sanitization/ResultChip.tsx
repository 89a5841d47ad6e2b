import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { RESULT_COLORS } from './choices.js';
import type { SanitizationResult } from './types.js';

/** A medium's last wipe (`null` = nothing recorded yet) or a record's result, in words and colour. */
export const ResultChip = ({ result, kind = 'medium', size = 'small' }: { result: SanitizationResult | null; kind?: 'medium' | 'record'; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  const label =
    kind === 'record' && result
      ? translate(`resources.sanitizations.results.${result}`)
      : translate(`resources.media.last_results.${result ?? 'none'}`);
  return (
    <Chip
      size={size}
      label={label}
      data-result={result ?? 'none'}
      sx={{ ...RESULT_COLORS[result ?? 'none'], fontWeight: 600, fontSize: size === 'medium' ? '1rem' : undefined }}
    />
  );
};
