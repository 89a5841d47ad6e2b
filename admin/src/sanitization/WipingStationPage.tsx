import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { Alert, AlertTitle, Box, Button, Card, CardContent, FormControlLabel, Grid, Stack, Switch, Typography } from '@mui/material';
import ListIcon from '@mui/icons-material/FactCheck';
import MediaIcon from '@mui/icons-material/Storage';
import QuarantineIcon from '@mui/icons-material/GppMaybe';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { DeviceCard } from '../types.js';
import { ScanBanner, type Banner, type BannerKind } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import { ScannedDeviceCard } from '../scanner/ScannedDeviceCard.js';
import { playScanSound } from '../scanner/sounds.js';
import { usePersistentFlag } from '../scanner/usePersistentFlag.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { CertificateActions } from './CertificateActions.js';
import { WIPING_STATUSES, fromLocalInput, toLocalInput } from './choices.js';
import { DefaultMethodPanel, type WipeTimes } from './DefaultMethodPanel.js';
import { LogImport } from './LogImport.js';
import { MediaPanel, type MediumOutcome } from './MediaPanel.js';
import type { NewMedium } from './AddMediumForm.js';
import { useDefaultMethod } from './useDefaultMethod.js';
import type { LogImportReport, Medium, SanitizationInput } from './types.js';

const HOUR = 60 * 60_000;

function timesNow(): WipeTimes {
  const now = new Date();
  return { startedAt: toLocalInput(new Date(now.getTime() - HOUR)), finishedAt: toLocalInput(now), auto: true };
}

/**
 * The wiping bench: scan the device, scan each disk's serial, then one click per disk records the
 * wipe with the bench's usual method. When every disk is wiped the API certifies the device; a
 * failure quarantines it. nwipe logs can be dropped here too.
 */
export const WipingStationPage = () => {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const [searchParams, setSearchParams] = useSearchParams();
  const scanRef = useRef<HTMLInputElement>(null);
  const serialRef = useRef<HTMLInputElement>(null);
  const focusTarget = useRef<HTMLInputElement | null>(null);
  const [code, setCode] = useState('');
  const [soundOn, setSoundOn] = usePersistentFlag('reemploi.scanner.sound', true);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [bannerCertificate, setBannerCertificate] = useState(false);
  const [device, setDevice] = useState<DeviceCard | null>(null);
  const [media, setMedia] = useState<Medium[]>([]);
  const [mediaLoading, setMediaLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [method, updateMethod] = useDefaultMethod();
  const [times, setTimes] = useState<WipeTimes>(timesNow);
  const bannerCount = useRef(0);
  const wiping = !!device && WIPING_STATUSES.includes(device.status);

  // the scanner types into the disk serial field while the device takes media, else into the device field
  useLayoutEffect(() => {
    focusTarget.current = (wiping ? serialRef.current : null) ?? scanRef.current;
  });
  const { focusInput, onBlur } = useScanFocus(focusTarget, dialogOpen);

  const announce = useCallback(
    (kind: BannerKind, text: string, tag?: string | string[], withCertificate = false) => {
      bannerCount.current += 1;
      setBanner({ kind, text, tag, id: bannerCount.current });
      setBannerCertificate(withCertificate);
      if (soundOn) playScanSound(kind === 'success' ? 'ok' : kind);
    },
    [soundOn],
  );

  const loadMedia = useCallback(
    async (deviceId: number) => {
      setMediaLoading(true);
      try {
        const { data } = await dataProvider.getList<Medium>('media', {
          filter: { device: deviceId },
          sort: { field: 'id', order: 'ASC' },
          pagination: { page: 1, perPage: 100 },
        });
        setMedia(data);
      } finally {
        setMediaLoading(false);
      }
    },
    [dataProvider],
  );

  const showDevice = useCallback(
    async (next: DeviceCard) => {
      setDevice(next);
      setMedia([]);
      if (times.auto) setTimes(timesNow());
      await loadMedia(next.id);
    },
    [loadMedia, times.auto],
  );

  /** Re-reads the device after a change and says so when it left the wiping stage. */
  const refresh = async (before: DeviceCard): Promise<DeviceCard> => {
    const { data } = await dataProvider.getOne<DeviceCard>('devices', { id: before.id });
    setDevice(data);
    await loadMedia(data.id);
    if (times.auto) setTimes(timesNow());
    if (data.status !== before.status && data.status === 'sanitized' && data.certificateNumber) {
      announce('success', translate('reemploi.wiping.sanitized', { assetTag: data.assetTag, number: data.certificateNumber }), [data.assetTag, data.certificateNumber], true);
    } else if (data.status !== before.status && data.status === 'quarantined') {
      announce('error', translate('reemploi.wiping.quarantined', { assetTag: data.assetTag }), data.assetTag);
    }
    return data;
  };
  const leftWipingStage = (before: DeviceCard, after: DeviceCard) => before.status !== after.status;

  const lookUp = async (raw: string) => {
    const normalized = raw.trim().toUpperCase();
    if (!normalized) return;
    try {
      const result = await dataProvider.scan(raw.trim());
      if (result.kind !== 'device') {
        announce('error', translate('reemploi.scanner.unknown_code', { code: normalized }), normalized);
        return;
      }
      const found = result.device;
      announce('success', translate('reemploi.wiping.found', { assetTag: found.assetTag }), found.assetTag, !!found.certificateNumber);
      await showDevice(found);
    } catch (error) {
      const codeOfError = errorCode(error);
      if (codeOfError === 'UNKNOWN_CODE') announce('error', translate('reemploi.scanner.unknown_code', { code: normalized }), normalized);
      else if (codeOfError === 'INVALID_CHECK_DIGIT') announce('error', translate('reemploi.scanner.check_digit'));
      else announce('error', (error as Error).message || translate('reemploi.scanner.forbidden'));
      setDevice(null);
      setMedia([]);
    }
    focusInput();
  };

  const scan = async (event?: FormEvent) => {
    event?.preventDefault();
    scanRef.current?.select(); // the next scan types over it
    await lookUp(code);
  };

  // "Ouvrir au poste d'effacement" links (quarantine list, device page, log reports) carry ?code=
  const linkedCode = searchParams.get('code');
  useEffect(() => {
    if (!linkedCode) return;
    setCode(linkedCode);
    void lookUp(linkedCode);
    setSearchParams({}, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the link changes
  }, [linkedCode]);

  const addMedium = async (input: NewMedium): Promise<string | null> => {
    if (!device) return null;
    try {
      await dataProvider.create('media', { data: { device: device.id, ...input } });
      announce('success', translate('reemploi.wiping.medium_added', { serial: input.serialNumber.toUpperCase() }), input.serialNumber.toUpperCase());
      await loadMedia(device.id);
      return null;
    } catch (error) {
      const message = (error as Error).message;
      announce('error', message);
      if (errorCode(error) === 'DEVICE_ALREADY_SANITIZED') await refresh(device);
      return message;
    }
  };

  const removeMedium = async (medium: Medium) => {
    if (!device) return;
    setBusy(true);
    try {
      await dataProvider.delete('media', { id: medium.id, previousData: medium });
      announce('success', translate('reemploi.wiping.medium_removed', { serial: medium.serialNumber }), medium.serialNumber);
      await refresh(device);
    } catch (error) {
      announce('error', (error as Error).message);
    } finally {
      setBusy(false);
      focusInput();
    }
  };

  const wipeTimes = (): { startedAt: string; finishedAt: string } | null => {
    if (times.auto) {
      const now = Date.now();
      return { startedAt: new Date(now - HOUR).toISOString(), finishedAt: new Date(now).toISOString() };
    }
    const startedAt = fromLocalInput(times.startedAt);
    const finishedAt = fromLocalInput(times.finishedAt);
    if (!startedAt || !finishedAt) return null;
    return { startedAt, finishedAt };
  };

  const record = async (medium: Medium, outcome: MediumOutcome) => {
    if (!device) return;
    const when = wipeTimes();
    if (!when) {
      announce('error', `${translate('reemploi.wiping.times_title')}${translate('reemploi.wiping.colon')} ${translate('ra.validation.required')}`);
      return;
    }
    const input: SanitizationInput =
      outcome.result === 'destroyed'
        ? { medium: medium.id, technique: 'shred', tool: outcome.tool, toolVersion: null, passes: null, verification: 'none', result: 'success', ...when }
        : {
            medium: medium.id,
            technique: method.technique,
            tool: method.tool.trim() || 'nwipe',
            toolVersion: method.toolVersion.trim() || null,
            passes: method.passes,
            verification: method.verification,
            result: outcome.result,
            errors: outcome.result === 'failure' ? outcome.errors : null,
            ...when,
          };
    setBusy(true);
    try {
      await dataProvider.create('sanitizations', { data: input });
      const after = await refresh(device);
      if (!leftWipingStage(device, after)) {
        const key = outcome.result === 'failure' ? 'recorded_failure' : outcome.result === 'destroyed' ? 'recorded_destroyed' : 'recorded_success';
        announce(outcome.result === 'failure' ? 'error' : 'success', translate(`reemploi.wiping.${key}`, { serial: medium.serialNumber }), medium.serialNumber);
      }
    } catch (error) {
      announce('error', (error as Error).message);
    } finally {
      setBusy(false);
      focusInput();
    }
  };

  const markNoStorage = async () => {
    if (!device) return;
    setBusy(true);
    try {
      const updated = await dataProvider.markNoStorage(device.id);
      await refresh({ ...device, ...updated, status: device.status });
    } catch (error) {
      announce('error', (error as Error).message);
    } finally {
      setBusy(false);
      focusInput();
    }
  };

  const onLogImported = (report: LogImportReport) => {
    if (!device) return;
    const tags = new Set([
      ...report.devicesSanitized,
      ...report.devicesQuarantined,
      ...report.recorded.map((row) => row.assetTag),
      ...report.mediaCreated.map((row) => row.assetTag),
      report.hostAssetTag,
    ]);
    if (tags.has(device.assetTag)) void refresh(device);
  };

  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('reemploi.wiping.title')} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Card>
            <CardContent>
              <Typography variant="h5" component="h1" sx={{ fontWeight: 700, mb: 0.5 }}>
                {translate('reemploi.wiping.title')}
              </Typography>
              <Typography color="text.secondary" sx={{ mb: 2 }}>
                {translate('reemploi.wiping.intro')}
              </Typography>
              <ScanField
                inputRef={scanRef}
                id="wiping-code"
                label={translate('reemploi.wiping.field_label')}
                helperText={translate('reemploi.wiping.field_helper')}
                value={code}
                onChange={setCode}
                onSubmit={scan}
                onBlur={onBlur}
                submitLabel={translate('reemploi.wiping.search')}
                autoFocus
              />
              <Stack direction="row" useFlexGap spacing={1} sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
                <FormControlLabel
                  control={<Switch checked={soundOn} onChange={(event) => setSoundOn(event.target.checked)} />}
                  label={translate('reemploi.wiping.sound')}
                  sx={{ mr: 'auto' }}
                />
                <Button component={Link} to="/sanitizations" startIcon={<ListIcon />} size="small">
                  {translate('reemploi.wiping.see_sanitizations')}
                </Button>
                <Button component={Link} to="/media" startIcon={<MediaIcon />} size="small">
                  {translate('reemploi.wiping.see_media')}
                </Button>
                <Button component={Link} to="/quarantine" startIcon={<QuarantineIcon />} size="small">
                  {translate('reemploi.wiping.see_quarantine')}
                </Button>
              </Stack>
            </CardContent>
          </Card>

          <ScanBanner
            banner={banner}
            idleText={translate('reemploi.wiping.empty')}
            action={
              bannerCertificate && device?.certificateNumber ? (
                <CertificateActions deviceId={device.id} certificateNumber={device.certificateNumber} onBanner showPublicLink={false} />
              ) : undefined
            }
          />

          {device && (
            <>
              <ScannedDeviceCard
                device={device}
                onDone={(updated, message) => {
                  setDevice(updated);
                  announce('success', message, updated.assetTag);
                  focusInput();
                }}
                onError={(message) => {
                  announce('error', message);
                  focusInput();
                }}
                onDialogChange={setDialogOpen}
              />
              <DeviceOutcome device={device} media={media} />
              <MediaPanel
                device={device}
                media={media}
                loading={mediaLoading}
                method={method}
                busy={busy}
                serialRef={serialRef}
                onSerialBlur={onBlur}
                onAdd={addMedium}
                onDeviceCode={(value) => {
                  setCode(value);
                  void lookUp(value);
                }}
                onRecord={record}
                onRemove={removeMedium}
                onNoStorage={markNoStorage}
                onDialogChange={setDialogOpen}
              />
            </>
          )}
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <DefaultMethodPanel method={method} onChange={updateMethod} times={times} onTimesChange={setTimes} onTimesNow={() => setTimes(timesNow())} />
          <LogImport onImported={onLogImported} />
        </Grid>
      </Grid>
    </Box>
  );
};

/** What the wipes led to: the certificate, or why the device is held back. */
const DeviceOutcome = ({ device, media }: { device: DeviceCard; media: Medium[] }) => {
  const translate = useTranslate();
  if (device.certificateNumber) {
    return (
      <Alert severity="success" variant="outlined" data-testid="device-certificate" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
        <AlertTitle sx={{ fontSize: '1.1rem' }}>{translate('reemploi.device_sanitization.certificate', { number: device.certificateNumber })}</AlertTitle>
        <CertificateActions deviceId={device.id} certificateNumber={device.certificateNumber} />
      </Alert>
    );
  }
  if (device.status === 'quarantined') {
    const failed = media.filter((medium) => medium.lastResult === 'failure').map((medium) => medium.serialNumber);
    return (
      <Alert severity="error" data-testid="device-quarantined">
        <AlertTitle sx={{ fontSize: '1.1rem' }}>{translate('reemploi.wiping.quarantined', { assetTag: device.assetTag })}</AlertTitle>
        {failed.length > 0 && <strong>{failed.join(', ')} — </strong>}
        {translate('reemploi.wiping.quarantined_hint')}
      </Alert>
    );
  }
  return null;
};
