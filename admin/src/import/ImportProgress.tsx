import { useTranslate } from 'react-admin';
import { Box, LinearProgress, Typography } from '@mui/material';
import type { ImportPhase } from './useDeviceImport.js';

/** The upload's percentage, then the server's processing. */
export const ImportProgress = ({ phase }: { phase: Exclude<ImportPhase, { step: 'idle' }> }) => {
  const translate = useTranslate();
  return (
    <Box role="status" aria-live="polite">
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        {phase.step === 'uploading' ? translate('reemploi.import.uploading', { percent: Math.round(phase.fraction * 100) }) : translate('reemploi.import.processing')}
      </Typography>
      <LinearProgress
        variant={phase.step === 'uploading' ? 'determinate' : 'indeterminate'}
        value={phase.step === 'uploading' ? phase.fraction * 100 : undefined}
        aria-label={translate('reemploi.import.processing')}
      />
    </Box>
  );
};
