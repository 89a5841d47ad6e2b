import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { Box, Button, Stack, useMediaQuery } from '@mui/material';
import NextIcon from '@mui/icons-material/RestartAlt';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { ReceptionDeviceCard } from './ReceptionDeviceCard.js';
import { ReceptionDoneCard } from './ReceptionDoneCard.js';
import { ReceptionHeader } from './ReceptionHeader.js';
import { ReceptionReferralCard } from './ReceptionReferralCard.js';
import { ReceptionScanCard } from './ReceptionScanCard.js';
import { RefuseDialog } from './RefuseDialog.js';
import { useReception } from './useReception.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

// the camera (and the ZXing decoder behind it) loads only when someone opens it
const CameraScanner = lazy(() => import('../pickup/CameraScanner.js').then((module) => ({ default: module.CameraScanner })));

/**
 * Emmaüs Connect's reception desk, on a phone or at the counter: the resident's voucher (scanned or
 * typed) → accept or refuse → the refurbished device scanned → the solidarity price → allocated,
 * receipt printed. The partner sees the first name, the need and the training wish, nothing more.
 */
export const ReceptionPage = () => {
  const t = useReceptionTranslate();
  const { banner, referral, refusing, setRefusing, busy, choosingDevice, priceHint, allocation, reset, handleCode, accept, refuse } = useReception();
  const { device, allocation: allocated } = allocation;
  const [cameraOpen, setCameraOpen] = useState(false);
  const [code, setCode] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const touch = useMediaQuery('(pointer: coarse)');
  const scanning = !referral || choosingDevice;
  const { focusInput, onBlur } = useScanFocus(inputRef, refusing || cameraOpen || !scanning || !!device, { autoFocus: !touch });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void handleCode(code);
    setCode('');
    if (!touch) focusInput();
  };

  return (
    <Box sx={{ pt: { xs: 1, sm: 2 }, pb: 4, maxWidth: referral ? 1240 : 820 }}>
      <ReceptionHeader />

      {/* on a wide screen the person stays on the left while the device is chosen on the right */}
      <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: referral ? 'minmax(0, 5fr) minmax(0, 6fr)' : 'minmax(0, 1fr)' } }}>
        {referral && <ReceptionReferralCard referral={referral} allocated={!!allocated} busy={busy} onAccept={() => accept(referral.id)} onRefuse={() => setRefusing(true)} />}

        <Stack spacing={2} sx={{ minWidth: 0 }}>
          {scanning && (
            <ReceptionScanCard choosingDevice={choosingDevice} inputRef={inputRef} code={code} onCodeChange={setCode} onSubmit={onSubmit} onBlur={onBlur} touch={touch} onCamera={() => setCameraOpen(true)} />
          )}

          <ScanBanner banner={banner} idleText={t('idle')} />

          {choosingDevice && device && (
            <ReceptionDeviceCard
              device={device}
              need={referral!.need}
              price={allocation.price}
              onPriceChange={allocation.setPrice}
              priceError={allocation.priceError}
              priceHint={priceHint(device.type)}
              busy={busy}
              onAllocate={() => void allocation.allocate()}
            />
          )}

          {allocated && <ReceptionDoneCard firstName={referral?.firstName ?? ''} onPrint={allocation.printReceipt} onNext={reset} />}

          {referral && !scanning && !allocated && (
            <Button variant="text" size="large" startIcon={<NextIcon />} onClick={reset} sx={{ alignSelf: 'flex-start', minHeight: 48 }}>
              {t('next')}
            </Button>
          )}
        </Stack>
      </Box>

      {refusing && referral && <RefuseDialog code={referral.voucherCode} onCancel={() => setRefusing(false)} onConfirm={(reason, note) => refuse(referral.id, reason, note)} />}
      {cameraOpen && (
        <Suspense fallback={null}>
          <CameraScanner
            onCode={(scanned) => {
              setCameraOpen(false);
              void handleCode(scanned);
            }}
            onClose={() => setCameraOpen(false)}
            banner={banner}
            progress=""
          />
        </Suspense>
      )}
    </Box>
  );
};
