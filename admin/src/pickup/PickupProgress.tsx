import { LinearProgress, Stack } from '@mui/material';
import { ScanCounter as Counter } from '../scanner/ScanCounter.js';
import { usePickupTranslate } from './usePickupTranslate.js';

/** Scanned, expected and refused counts, and the progress bar. */
export const PickupProgress = ({ scanned, expected, flagged }: { scanned: number; expected: number; flagged: number }) => {
  const t = usePickupTranslate();
  return (
    <>
      <Stack direction="row" spacing={{ xs: 1, sm: 2 }} aria-live="polite">
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
