import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { Alert, Box, Button, CircularProgress, Stack, useMediaQuery } from '@mui/material';
import ResetIcon from '@mui/icons-material/RestartAlt';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { PendingScans, useOnline } from '../offline/PendingScans.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { ConfirmPickupBar } from './ConfirmPickupBar.js';
import { ConfirmPickupDialog } from './ConfirmPickupDialog.js';
import { ExpectedList, FlaggedList } from './ExpectedList.js';
import { PickupDone } from './PickupDone.js';
import { PickupHeader } from './PickupHeader.js';
import { PickupProgress } from './PickupProgress.js';
import { PickupScanCard } from './PickupScanCard.js';
import { usePickup } from './usePickup.js';
import { usePickupTranslate } from './usePickupTranslate.js';

// the camera (and the ZXing decoder behind it) loads only when someone opens it
const CameraScanner = lazy(() => import('./CameraScanner.js').then((module) => ({ default: module.CameraScanner })));

/**
 * The partner at the depot, loading the van: every device is scanned (USB/Bluetooth scanner or
 * the phone's camera) against the frozen list of the batch, foreign tags are refused on the spot,
 * and the pickup is confirmed once — with a written discrepancy if some are missing.
 */
export const PickupPage = () => {
  const { id } = useParams();
  const batchId = Number(id);
  const translate = useTranslate();
  const t = usePickupTranslate();
  const { batch, batchError, devices, banner, result, confirming, setConfirming, expected, scanned, flagged, pending, reset, handleCode, onConfirmed, onStale } = usePickup(batchId);
  const online = useOnline();
  const [cameraOpen, setCameraOpen] = useState(false);
  const [code, setCode] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  // on a phone the on-screen keyboard would cover half the screen: no automatic focus there
  const touch = useMediaQuery('(pointer: coarse)');
  const { focusInput, onBlur } = useScanFocus(inputRef, confirming || cameraOpen, { autoFocus: !touch });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    handleCode(code);
    setCode('');
    if (!touch) focusInput();
  };

  if (batchError) return <Alert severity="error" sx={{ mt: 2 }}>{(batchError as Error).message}</Alert>;
  if (!batch) return <CircularProgress sx={{ mt: 4 }} aria-label={t('loading')} />;
  if (result) return <PickupDone result={result} />;

  return (
    <Box sx={{ pt: { xs: 1, sm: 2 }, maxWidth: 1000 }}>
      <PickupHeader batch={batch} />
      {batch.status !== 'ready' ? (
        <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Alert severity="info">{t('not_ready', { status: translate(`resources.batches.statuses.${batch.status}`) })}</Alert>
          <Button component={Link} to={`/batches/${batch.id}/show`} variant="outlined" size="large">
            {t('to_batch')}
          </Button>
        </Stack>
      ) : !devices ? (
        <CircularProgress aria-label={t('loading')} />
      ) : (
        <Stack spacing={2}>
          <PickupProgress scanned={scanned.length} expected={expected.length} flagged={flagged.length} />
          <PickupScanCard inputRef={inputRef} code={code} onCodeChange={setCode} onSubmit={onSubmit} onBlur={onBlur} touch={touch} onCamera={() => setCameraOpen(true)} />
          <ScanBanner banner={banner} idleText={t('idle')} />
          <PendingScans pending={pending} conflicts={[]} onDismiss={() => undefined} />
          {flagged.length > 0 && <FlaggedList tags={flagged} />}
          <ExpectedList devices={expected} scanned={scanned} />
          <Button
            variant="text"
            startIcon={<ResetIcon />}
            disabled={!scanned.length && !flagged.length}
            onClick={() => {
              if (window.confirm(t('reset_confirm', { smart_count: scanned.length + flagged.length }))) reset();
            }}
            sx={{ alignSelf: 'flex-start', minHeight: 48 }}
          >
            {t('reset')}
          </Button>
        </Stack>
      )}

      {batch.status === 'ready' && devices && (
        // the confirmation carries the scans to the server: it waits for the network, the scans wait on the phone
        <ConfirmPickupBar disabled={!scanned.length || !online} note={online ? undefined : translate('reemploi.offline.confirm_when_online')} onClick={() => setConfirming(true)} />
      )}

      {confirming && (
        <ConfirmPickupDialog
          batch={batch}
          scanned={scanned}
          missing={expected.filter((device) => !scanned.includes(device.assetTag)).map((device) => device.assetTag)}
          missingCount={expected.length - scanned.length}
          total={expected.length}
          onCancel={() => setConfirming(false)}
          onDone={onConfirmed}
          onStale={onStale}
        />
      )}
      {cameraOpen && (
        <Suspense fallback={null}>
          <CameraScanner onCode={handleCode} onClose={() => setCameraOpen(false)} banner={banner} progress={`${scanned.length} / ${expected.length}`} />
        </Suspense>
      )}
    </Box>
  );
};
