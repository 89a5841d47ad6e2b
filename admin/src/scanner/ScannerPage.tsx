import { Title, useTranslate } from 'react-admin';
import { Box, Stack } from '@mui/material';
import { ScanBanner } from './ScanBanner.js';
import { ScannedDeviceCard } from './ScannedDeviceCard.js';
import { ScannedList } from './ScannedList.js';
import { ScannerControls } from './ScannerControls.js';
import { useScanner } from './useScanner.js';

/**
 * Built for a USB barcode scanner, which types the code then Enter: the field keeps the focus,
 * every scan answers with a big banner and a sound, and in continuous mode a pile of devices is
 * counted without touching the mouse.
 */
export const ScannerPage = () => {
  const translate = useTranslate();
  const { field, settings, banner, current, scanned, setDialogOpen, onActionDone, onActionError, clearList } = useScanner();
  const { continuous } = settings;

  return (
    <Box sx={{ py: 2, maxWidth: 1100 }}>
      <Title title={translate('reemploi.scanner.title')} />
      <Stack spacing={2}>
        <ScannerControls field={field} settings={settings} />
        <ScanBanner banner={banner} idleText={translate('reemploi.scanner.empty')} />
        {!continuous && current && <ScannedDeviceCard device={current} onDone={onActionDone} onError={onActionError} onDialogChange={setDialogOpen} />}
        {continuous && <ScannedList entries={scanned} onClear={clearList} />}
      </Stack>
    </Box>
  );
};
