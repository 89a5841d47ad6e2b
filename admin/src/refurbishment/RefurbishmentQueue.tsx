import { Box, Stack, Typography } from '@mui/material';
import { HandedOverList } from './HandedOverList.js';
import { KeepOfflineCopy } from '../offline/OfflineCopy.js';
import { OutcomeDialog } from './OutcomeDialog.js';
import { ScannedPileCard } from './ScannedPileCard.js';
import { useRefurbishment } from './useRefurbishment.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

/**
 * The partner's workbench: devices handed over and not yet diagnosed. One device at a time from
 * the list, a selection, or a scanned pile that gets the same outcome; each outcome is kept on the
 * phone and sent device by device, so it works without network.
 */
export const RefurbishmentQueue = () => {
  const t = useRefurbishmentTranslate();
  const { banner, pile, pending, what, busy, dialogError, ask, apply, cancel, inputRef, touch, onBlur } = useRefurbishment();
  return (
    <Box sx={{ pt: 2, minWidth: 0, maxWidth: '100%' }}>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
        {t('title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('intro')}
      </Typography>
      <Stack spacing={2}>
        <ScannedPileCard pile={pile} banner={banner} inputRef={inputRef} onBlur={onBlur} touch={touch} onAsk={ask} />
        {/* the list opens without network too: its last copy, dated */}
        <KeepOfflineCopy name="refurbishment-pile">
          <HandedOverList onAsk={ask} outcomesWaiting={pile.outcomesWaiting} />
        </KeepOfflineCopy>
      </Stack>
      {pending && <OutcomeDialog to={pending.to} what={what} busy={busy} error={dialogError} onCancel={cancel} onConfirm={apply} />}
    </Box>
  );
};
