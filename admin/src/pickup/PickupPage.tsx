import { lazy, Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Title, useGetOne, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, CircularProgress, LinearProgress, Stack, Typography, useMediaQuery } from '@mui/material';
import CameraIcon from '@mui/icons-material/PhotoCamera';
import ConfirmIcon from '@mui/icons-material/LocalShipping';
import ResetIcon from '@mui/icons-material/RestartAlt';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import { useFormat } from '../i18n/useFormat.js';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import { ScanCounter as Counter } from '../scanner/ScanCounter.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { formatDay } from '../batches/format.js';
import type { Batch, PickupResult } from '../batches/types.js';
import { useBatchDevices, useInvalidateBatch } from '../batches/useBatchDevices.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import { ConfirmPickupDialog } from './ConfirmPickupDialog.js';
import { ExpectedList, FlaggedList } from './ExpectedList.js';
import { PickupDone } from './PickupDone.js';
import { usePersistentScans } from './usePersistentScans.js';

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
  const format = useFormat();
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.pickup.${key}`, options);
  const { data: batch, error: batchError, refetch } = useGetOne<Batch>('batches', { id: batchId }, { enabled: Number.isInteger(batchId) });
  const { data: devices } = useBatchDevices(batch?.status === 'ready' ? batchId : undefined);
  const invalidate = useInvalidateBatch();
  const { banner, announce } = useScanAnnouncer();
  const [result, setResult] = useState<PickupResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [code, setCode] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  // on a phone the on-screen keyboard would cover half the screen: no automatic focus there
  const touch = useMediaQuery('(pointer: coarse)');
  const { focusInput, onBlur } = useScanFocus(inputRef, touch || confirming || cameraOpen);

  const expected = useMemo(() => (devices ?? []).filter((device) => device.status === 'in_batch'), [devices]);
  const expectedTags = useMemo(() => new Set(expected.map((device) => device.assetTag)), [expected]);
  const { scanned, flagged, addScanned, addFlagged, reset, restoredCount, scannedCount } = usePersistentScans(batchId, devices ? expectedTags : null);

  useEffect(() => {
    if (restoredCount) announce('warning', t('restored', { smart_count: restoredCount }), undefined, 'ok');
    // announce once, when the saved scans come back
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restoredCount]);

  const handleCode = (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    const check = checkAssetTag(text);
    if (!check.valid) {
      if (check.reason === 'check_digit') announce('error', t('check_digit'));
      else announce('error', t('bad_format', { code: text.toUpperCase() }), text.toUpperCase());
      return;
    }
    const tag = check.tag;
    if (!expectedTags.has(tag)) {
      addFlagged(tag);
      announce('error', t('foreign', { assetTag: tag }), tag, 'foreign');
    } else if (!addScanned(tag)) {
      announce('warning', t('duplicate', { assetTag: tag }), tag);
    } else {
      announce('success', t('ok', { assetTag: tag, count: scannedCount(), total: expected.length }), tag);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    handleCode(code);
    setCode('');
    if (!touch) focusInput();
  };

  const onConfirmed = (pickup: PickupResult) => {
    setResult(pickup);
    setConfirming(false);
    reset();
    void invalidate(batchId);
  };

  if (batchError) return <Alert severity="error" sx={{ mt: 2 }}>{(batchError as Error).message}</Alert>;
  if (!batch) return <CircularProgress sx={{ mt: 4 }} aria-label={t('loading')} />;
  if (result) return <PickupDone result={result} />;

  const title = t('title', { reference: batch.reference });
  const [titleStart] = title.split(batch.reference);
  const missingCount = expected.length - scanned.length;

  return (
    <Box sx={{ pt: { xs: 1, sm: 2 }, maxWidth: 1000 }}>
      <Title title={title} />
      <Typography variant="h5" component="h1" sx={{ fontWeight: 800, fontSize: { xs: '1.35rem', sm: '1.75rem' } }}>
        {titleStart}
        <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
          {batch.reference}
        </Box>
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {[batch.site, batch.plannedAt ? formatDay(batch.plannedAt, format.locale) : null].filter(Boolean).join(' · ')}
      </Typography>

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
          <Stack direction="row" spacing={{ xs: 1, sm: 2 }} aria-live="polite">
            <Counter label={t('scanned')} value={scanned.length} tone="success" testId="pickup-scanned" />
            <Counter label={t('expected')} value={expected.length} tone="primary" testId="pickup-expected" />
            {flagged.length > 0 && <Counter label={t('flagged')} value={flagged.length} tone="error" testId="pickup-flagged" />}
          </Stack>
          <LinearProgress
            variant="determinate"
            color="success"
            value={expected.length ? (scanned.length / expected.length) * 100 : 0}
            aria-label={`${t('scanned')} : ${scanned.length} / ${expected.length}`}
            sx={{ height: 10, borderRadius: 5 }}
          />
          <Card variant="outlined">
            <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
              <Stack spacing={1.5}>
                <ScanField
                  inputRef={inputRef}
                  id="pickup-scan"
                  label={t('field_label')}
                  helperText={t('field_helper')}
                  value={code}
                  onChange={setCode}
                  onSubmit={onSubmit}
                  onBlur={onBlur}
                  submitLabel={t('field_label')}
                  autoFocus={!touch}
                />
                <Button
                  variant="outlined"
                  size="large"
                  startIcon={<CameraIcon />}
                  onClick={() => setCameraOpen(true)}
                  sx={{ minHeight: 56, fontSize: '1.1rem', alignSelf: { xs: 'stretch', sm: 'flex-start' } }}
                >
                  {t('camera')}
                </Button>
              </Stack>
            </CardContent>
          </Card>
          <ScanBanner banner={banner} idleText={t('idle')} />
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
        // always within reach of the thumb while the list scrolls
        <Box
          sx={{
            position: 'sticky',
            bottom: 0,
            zIndex: 2,
            mt: 2,
            mx: { xs: -1, sm: 0 },
            p: 1.5,
            bgcolor: 'background.paper',
            borderTop: 1,
            borderColor: 'divider',
            display: 'flex',
            justifyContent: 'center',
          }}
        >
          <Button
            variant="contained"
            size="large"
            startIcon={<ConfirmIcon />}
            disabled={!scanned.length}
            onClick={() => setConfirming(true)}
            sx={{ minHeight: 56, fontSize: '1.15rem', width: { xs: '100%', sm: 'auto' }, px: 4 }}
          >
            {t('confirm')}
          </Button>
        </Box>
      )}

      {confirming && (
        <ConfirmPickupDialog
          batch={batch}
          scanned={scanned}
          missing={expected.filter((device) => !scanned.includes(device.assetTag)).map((device) => device.assetTag)}
          missingCount={missingCount}
          total={expected.length}
          onCancel={() => setConfirming(false)}
          onDone={onConfirmed}
          onStale={() => {
            setConfirming(false);
            void refetch();
            void invalidate(batchId);
          }}
        />
      )}
      {cameraOpen && (
        <Suspense fallback={null}>
          <CameraScanner
            onCode={handleCode}
            onClose={() => setCameraOpen(false)}
            banner={banner}
            progress={`${scanned.length} / ${expected.length}`}
          />
        </Suspense>
      )}
    </Box>
  );
};
