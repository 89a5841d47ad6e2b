import { Alert, Box, TextField, Typography } from '@mui/material';
import { usePickupTranslate } from './usePickupTranslate.js';

interface DiscrepancyFieldsProps {
  missing: string[];
  missingCount: number;
  total: number;
  discrepancy: string;
  onChange: (discrepancy: string) => void;
}

/** Devices expected but not scanned: how many, which, and the partner's written explanation (required). */
export const DiscrepancyFields = ({ missing, missingCount, total, discrepancy, onChange }: DiscrepancyFieldsProps) => {
  const t = usePickupTranslate();
  return (
    <>
      <Alert severity="warning" sx={{ mb: 2, fontSize: '1rem' }}>
        {t('confirm_missing', { smart_count: missingCount, total })}
      </Alert>
      <Typography sx={{ fontWeight: 700 }}>{t('missing_list')}</Typography>
      {/* tabIndex: a long list scrolls, the keyboard must reach it (axe scrollable-region-focusable) */}
      <Box component="ul" aria-label={t('missing_list')} tabIndex={0} sx={{ mt: 0.5, mb: 2, pl: 3, maxHeight: 160, overflowY: 'auto' }}>
        {missing.map((tag) => (
          <li key={tag}>{tag}</li>
        ))}
      </Box>
      <TextField
        id="pickup-discrepancy"
        label={t('discrepancy')}
        helperText={t('discrepancy_helper')}
        value={discrepancy}
        onChange={(event) => onChange(event.target.value)}
        required
        multiline
        minRows={3}
        fullWidth
        autoFocus
      />
    </>
  );
};
