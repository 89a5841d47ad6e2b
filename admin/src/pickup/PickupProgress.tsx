import { Box, LinearProgress, Stack } from '@mui/material';
import { visuallyHidden } from '../accessibility/visuallyHidden.js';
import { useTranslate } from 'react-admin';
import { ScanCounter as Counter } from '../scanner/ScanCounter.js';
import { usePickupTranslate } from './usePickupTranslate.js';

/** Scanned, expected and refused counts, and the progress bar. */
export const PickupProgress = ({ scanned, expected, flagged }: { scanned: number; expected: number; flagged: number }) => {
  const t = usePickupTranslate();
  const translate = useTranslate();
  // read as a sentence (« 1 scanné sur 12 attendus »), not « 1Scannés12Attendus » (RGAA 7.5)
  const spoken = [
    `${translate('reemploi.a11y.counter_scanned', { smart_count: scanned })} ${translate('reemploi.a11y.counter_expected', { smart_count: expected })}`,
    flagged > 0 ? translate('reemploi.a11y.counter_flagged', { smart_count: flagged }) : '',
  ].filter(Boolean).join(', ');
  return (
    <>
      <Box sx={visuallyHidden} role="status" data-testid="pickup-count-spoken">
        {spoken}
      </Box>
      <Stack direction="row" spacing={{ xs: 1, sm: 2 }} aria-hidden>
        <Counter label={t('scanned')} value={scanned} tone="success" testId="pickup-scanned" />
        <Counter label={t('expected')} value={expected} tone="primary" testId="pickup-expected" />
        {flagged > 0 && <Counter label={t('flagged')} value={flagged} tone="error" testId="pickup-flagged" />}
      </Stack>
      <LinearProgress
        variant="determinate"
        color="success"
        value={expected ? (scanned / expected) * 100 : 0}
        aria-label={`${t('scanned')} : ${scanned} / ${expected}`}
        sx={{ height: 10, borderRadius: 5 }}
      />
    </>
  );
};
