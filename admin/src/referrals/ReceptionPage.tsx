import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Title, useNotify, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
  useMediaQuery,
} from '@mui/material';
import CameraIcon from '@mui/icons-material/PhotoCamera';
import AcceptIcon from '@mui/icons-material/HowToReg';
import RefuseIcon from '@mui/icons-material/DoNotDisturb';
import AllocateIcon from '@mui/icons-material/VolunteerActivism';
import PrintIcon from '@mui/icons-material/Print';
import NextIcon from '@mui/icons-material/RestartAlt';
import ListIcon from '@mui/icons-material/ListAlt';
import { errorCode, type ApiErrorBody } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import { StatusChip } from '../devices/StatusChip.js';
import { openPdf } from '../devices/labels.js';
import type { DeviceCard, ScanResult } from '../types.js';
import { ReferralStatusChip } from './ReferralStatusChip.js';
import { formatEuros, parseEuros } from './money.js';
import { REFUSAL_REASONS, type Allocation, type PartnerReferral, type RefusalReason } from './types.js';

// the camera (and the ZXing decoder behind it) loads only when someone opens it
const CameraScanner = lazy(() => import('../pickup/CameraScanner.js').then((module) => ({ default: module.CameraScanner })));

/** `GET /api/scan/:code` at the reception desk: a device, or the voucher the resident brought. */
type ScanAnswer = ScanResult | { kind: 'referral'; id: number; referral: PartnerReferral };

const BIG_BUTTON = { minHeight: 56, fontSize: '1.1rem', width: { xs: '100%', sm: 'auto' }, whiteSpace: 'nowrap' } as const;

const RefuseDialog = ({ code, onCancel, onConfirm }: { code: string; onCancel: () => void; onConfirm: (reason: RefusalReason, note?: string) => void }) => {
  const translate = useTranslate();
  const [reason, setReason] = useState<RefusalReason | ''>('');
  const [note, setNote] = useState('');
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.referrals.reception.${key}`, options);
  return (
    <Dialog open onClose={onCancel} aria-labelledby="refuse-title" maxWidth="sm" fullWidth>
      <DialogTitle id="refuse-title">{t('refuse_title', { code })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <FormControl required>
            <FormLabel id="refuse-reason-label">{t('refuse_reason')}</FormLabel>
            <RadioGroup aria-labelledby="refuse-reason-label" value={reason} onChange={(event) => setReason(event.target.value as RefusalReason)}>
              {REFUSAL_REASONS.map((value) => (
                <FormControlLabel key={value} value={value} control={<Radio />} label={translate(`resources.referrals.refusal_reasons.${value}`)} sx={{ minHeight: 44 }} />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField id="refuse-note" label={t('refuse_note')} value={note} onChange={(event) => setNote(event.target.value)} multiline minRows={2} fullWidth />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} size="large">
          {t('cancel')}
        </Button>
        <Button color="error" variant="contained" size="large" disabled={!reason} onClick={() => reason && onConfirm(reason, note.trim() || undefined)}>
          {t('refuse_confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * Emmaüs Connect's reception desk, on a phone or at the counter: the resident's voucher (scanned or
 * typed) → accept or refuse → the refurbished device scanned → the solidarity price → allocated,
 * receipt printed. The partner sees the first name, the need and the training wish, nothing more.
 */
export const ReceptionPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  const [searchParams, setSearchParams] = useSearchParams();
  const { banner, announce } = useScanAnnouncer();
  const [referral, setReferral] = useState<PartnerReferral | null>(null);
  const [device, setDevice] = useState<DeviceCard | null>(null);
  const [price, setPrice] = useState('');
  const [priceError, setPriceError] = useState<string | null>(null);
  const [allocation, setAllocation] = useState<Allocation | null>(null);
  const [refusing, setRefusing] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const touch = useMediaQuery('(pointer: coarse)');
  const choosingDevice = referral?.status === 'accepted' && !allocation;
  // the cap is shown before a price is typed, not only in the refusal of one above it
  const caps = useQuery({ queryKey: ['allocations', 'price-caps'], queryFn: () => dataProvider.getPriceCaps(), enabled: choosingDevice });
  const priceHint = (type: string) => {
    const cap = caps.data?.priceCaps[type];
    if (caps.data && cap === undefined) return t('price_no_cap');
    return cap === undefined ? t('price_helper') : t('price_cap', { cap: formatEuros(cap, format.locale) });
  };
  const scanning = !referral || choosingDevice;
  const { focusInput, onBlur } = useScanFocus(inputRef, touch || refusing || cameraOpen || !scanning || !!device);
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.referrals.reception.${key}`, options);
  const typeName = (type: string) => translate(`resources.devices.types.${type}`);

  const reset = () => {
    setReferral(null);
    setDevice(null);
    setPrice('');
    setPriceError(null);
    setAllocation(null);
  };

  const handleCode = async (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    try {
      const answer = (await dataProvider.scan(text)) as unknown as ScanAnswer;
      if (answer.kind === 'referral') {
        reset();
        setReferral(answer.referral);
        announce(answer.referral.status === 'submitted' || answer.referral.status === 'accepted' ? 'success' : 'warning', t('found', { code: answer.referral.voucherCode, name: answer.referral.firstName ?? '' }), answer.referral.voucherCode);
      } else if (answer.kind === 'device' && choosingDevice) {
        if (answer.device.status !== 'refurbished') {
          setDevice(null);
          announce('error', t('device_not_available', { assetTag: answer.device.assetTag, status: translate(`resources.devices.statuses.${answer.device.status}`) }), answer.device.assetTag);
        } else {
          setDevice(answer.device);
          setPriceError(null);
          announce('success', t('device_found', { assetTag: answer.device.assetTag }), answer.device.assetTag);
        }
      } else {
        announce('error', t('not_voucher', { code: text.toUpperCase() }), text.toUpperCase());
      }
    } catch (error) {
      const upper = text.toUpperCase();
      const errorKey = errorCode(error);
      if (errorKey === 'INVALID_CHECK_DIGIT') announce('error', translate('reemploi.scanner.check_digit'));
      else if (errorKey === 'UNKNOWN_CODE') announce('error', t(choosingDevice ? 'unknown_device' : 'unknown_voucher', { code: upper }), upper);
      else announce('error', (error as Error).message);
    }
  };

  // a referral opened from the waiting list (?code=…)
  useEffect(() => {
    const fromList = searchParams.get('code');
    if (fromList) {
      setSearchParams({}, { replace: true });
      void handleCode(fromList);
    }
    // once, on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void handleCode(code);
    setCode('');
    if (!touch) focusInput();
  };

  const decide = async (decision: () => Promise<PartnerReferral>, doneKey: 'accepted' | 'refused') => {
    setBusy(true);
    try {
      const updated = await decision();
      setReferral(updated);
      announce(doneKey === 'accepted' ? 'success' : 'warning', t(doneKey, { code: updated.voucherCode }), updated.voucherCode);
    } catch (error) {
      announce('error', (error as Error).message);
    } finally {
      setBusy(false);
      setRefusing(false);
    }
  };

  const allocate = async () => {
    if (!referral || !device) return;
    const euros = parseEuros(price);
    if (euros === null) {
      setPriceError(t('price_invalid'));
      return;
    }
    setPriceError(null);
    setBusy(true);
    try {
      const created = await dataProvider.allocateDevice({ device: device.id, referral: referral.id, price: euros });
      setAllocation(created);
      setReferral({ ...referral, status: 'equipped' });
      announce('success', t('allocated', { assetTag: created.assetTag, name: referral.firstName ?? '', price: formatEuros(created.price, format.locale) }), created.assetTag);
    } catch (error) {
      const body = (error as { body?: ApiErrorBody }).body;
      const messages: Record<string, string> = {
        PRICE_ABOVE_CAP: t('above_cap', { cap: formatEuros(Number((body?.details as { cap?: number } | undefined)?.cap), format.locale) }),
        DEVICE_NOT_AVAILABLE: t('device_taken', { assetTag: device.assetTag }),
        REFERRAL_NOT_ACCEPTED: t('not_accepted'),
        NO_ACTIVE_AGREEMENT: t('no_agreement'),
        NO_PRICE_CAP: t('no_cap'),
      };
      const message = (body?.code && messages[body.code]) || (error as Error).message;
      if (body?.code === 'PRICE_ABOVE_CAP') setPriceError(message);
      announce('error', message);
    } finally {
      setBusy(false);
    }
  };

  const printReceipt = async () => {
    if (!allocation) return;
    try {
      await openPdf(dataProvider, `/allocations/${allocation.id}/receipt.pdf`, `recu-${allocation.id}.pdf`);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  return (
    <Box sx={{ pt: { xs: 1, sm: 2 }, pb: 4, maxWidth: referral ? 1240 : 820 }}>
      <Title title={t('title')} />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 800, fontSize: { xs: '1.35rem', sm: '1.75rem' } }}>
          {t('title')}
        </Typography>
        <Button component={Link} to="/referrals" startIcon={<ListIcon />}>
          {t('waiting')}
        </Button>
      </Stack>

      {/* on a wide screen the person stays on the left while the device is chosen on the right */}
      <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: referral ? 'minmax(0, 5fr) minmax(0, 6fr)' : 'minmax(0, 1fr)' } }}>
        {referral && (
          <Card variant="outlined" data-testid="reception-referral" sx={{ borderWidth: 2 }}>
            <CardContent sx={{ p: { xs: 1.5, sm: 3 } }}>
              <Stack spacing={{ xs: 1, sm: 1.5 }}>
                <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography component="h2" sx={{ fontSize: { xs: '1.6rem', sm: '2.4rem' }, fontWeight: 800, lineHeight: 1.1 }}>
                    {referral.firstName}
                  </Typography>
                  <ReferralStatusChip status={referral.status} size="medium" />
                </Stack>
                <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: { xs: 0, sm: 0.5 }, m: 0, fontSize: { xs: '1rem', sm: '1.15rem' }, '& dd': { m: 0, fontWeight: 700 } }}>
                  <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
                    {translate('resources.referrals.fields.voucherCode')}
                  </Typography>
                  <Typography component="dd" sx={{ fontSize: 'inherit', fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                    {referral.voucherCode}
                  </Typography>
                  <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
                    {translate('resources.referrals.fields.need')}
                  </Typography>
                  <Typography component="dd" sx={{ fontSize: 'inherit' }} data-testid="reception-need">
                    {typeName(referral.need)}
                  </Typography>
                  <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
                    {translate('resources.referrals.fields.trainingWanted')}
                  </Typography>
                  <Typography component="dd" sx={{ fontSize: 'inherit' }}>
                    {translate(referral.trainingWanted ? 'reemploi.referrals.yes' : 'reemploi.referrals.no')}
                  </Typography>
                  <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
                    {translate('resources.referrals.fields.createdAt')}
                  </Typography>
                  <Typography component="dd" sx={{ fontSize: 'inherit' }}>
                    {format.date(referral.createdAt)}
                  </Typography>
                </Box>
                {referral.status === 'submitted' && <Typography>{t('status_submitted')}</Typography>}
                {!['submitted', 'accepted'].includes(referral.status) && !allocation && (
                  <Alert severity="info">{t('status_closed', { status: translate(`resources.referrals.statuses.${referral.status}`) })}</Alert>
                )}
                {(referral.status === 'submitted' || referral.status === 'accepted') && (
                  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap>
                    {referral.status === 'submitted' && (
                      <Button variant="contained" color="success" size="large" startIcon={<AcceptIcon />} disabled={busy} onClick={() => decide(() => dataProvider.acceptReferral(referral.id), 'accepted')} sx={BIG_BUTTON}>
                        {t('accept')}
                      </Button>
                    )}
                    <Button variant="outlined" color="error" size="large" startIcon={<RefuseIcon />} disabled={busy} onClick={() => setRefusing(true)} sx={BIG_BUTTON}>
                      {t('refuse')}
                    </Button>
                  </Stack>
                )}
              </Stack>
            </CardContent>
          </Card>
        )}

        <Stack spacing={2} sx={{ minWidth: 0 }}>
          {scanning && (
            <Card variant="outlined">
              <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
                <Stack spacing={1.5}>
                  {choosingDevice && (
                    <Typography variant="h6" component="h2" sx={{ fontWeight: 700 }}>
                      {t('choose_device')}
                    </Typography>
                  )}
                  <ScanField
                    key={choosingDevice ? 'device' : 'voucher'}
                    inputRef={inputRef}
                    id={choosingDevice ? 'reception-device' : 'reception-voucher'}
                    label={t(choosingDevice ? 'device_label' : 'voucher_label')}
                    helperText={t(choosingDevice ? 'device_helper' : 'voucher_helper')}
                    value={code}
                    onChange={setCode}
                    onSubmit={onSubmit}
                    onBlur={onBlur}
                    submitLabel={t(choosingDevice ? 'device_label' : 'voucher_label')}
                    autoFocus={!touch}
                    size={choosingDevice ? 'medium' : 'large'}
                  />
                  <Button variant="outlined" size="large" startIcon={<CameraIcon />} onClick={() => setCameraOpen(true)} sx={{ ...BIG_BUTTON, alignSelf: { xs: 'stretch', sm: 'flex-start' } }}>
                    {t('camera')}
                  </Button>
                </Stack>
              </CardContent>
            </Card>
          )}

          <ScanBanner banner={banner} idleText={t('idle')} />

          {choosingDevice && device && (
            <Card variant="outlined" data-testid="reception-device" sx={{ borderWidth: 2 }}>
              <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
                <Stack spacing={2}>
                  <Box>
                    <Typography component="h2" sx={{ fontSize: { xs: '1.6rem', sm: '2.2rem' }, fontWeight: 800, letterSpacing: '0.03em', lineHeight: 1.1, whiteSpace: 'nowrap' }}>
                      {device.assetTag}
                    </Typography>
                    <Typography sx={{ fontSize: '1.2rem', mt: 0.5 }}>{[typeName(device.type), device.brand, device.model].filter(Boolean).join(' · ')}</Typography>
                    <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mt: 1, flexWrap: 'wrap' }}>
                      <StatusChip status={device.status} size="medium" />
                      {device.refurbishedGrade && <Typography>{t('grade', { grade: translate(`resources.devices.grades.${device.refurbishedGrade}`) })}</Typography>}
                    </Stack>
                  </Box>
                  {device.type !== referral!.need && <Alert severity="warning">{t('device_other_type', { need: typeName(referral!.need), type: typeName(device.type) })}</Alert>}
                  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ alignItems: { xs: 'stretch', sm: 'flex-start' } }}>
                    <TextField
                      id="reception-price"
                      label={t('price')}
                      value={price}
                      onChange={(event) => setPrice(event.target.value)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter') void allocate();
                      }}
                      error={!!priceError}
                      helperText={priceError ?? priceHint(device.type)}
                      autoFocus
                      slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off', style: { fontSize: '1.4rem', fontWeight: 700 } } }}
                      sx={{ width: { xs: '100%', sm: 240 } }}
                    />
                    <Button variant="contained" size="large" startIcon={<AllocateIcon />} disabled={busy || !price.trim()} onClick={allocate} sx={{ ...BIG_BUTTON, mt: { sm: 0.5 } }}>
                      {t('allocate')}
                    </Button>
                  </Stack>
                </Stack>
              </CardContent>
            </Card>
          )}

          {allocation && (
            <Card variant="outlined" data-testid="reception-done" sx={{ borderWidth: 2, borderColor: 'success.main' }}>
              <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
                <Stack spacing={2}>
                  <Typography sx={{ fontSize: '1.2rem', fontWeight: 700 }}>
                    {t('receipt_hint', { name: referral?.firstName ?? '' })}
                  </Typography>
                  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    <Button variant="contained" size="large" startIcon={<PrintIcon />} onClick={printReceipt} sx={BIG_BUTTON}>
                      {t('receipt')}
                    </Button>
                    <Button variant="outlined" size="large" startIcon={<NextIcon />} onClick={reset} sx={BIG_BUTTON}>
                      {t('next')}
                    </Button>
                  </Stack>
                </Stack>
              </CardContent>
            </Card>
          )}

          {referral && !scanning && !allocation && (
            <Button variant="text" size="large" startIcon={<NextIcon />} onClick={reset} sx={{ alignSelf: 'flex-start', minHeight: 48 }}>
              {t('next')}
            </Button>
          )}
        </Stack>
      </Box>

      {refusing && referral && (
        <RefuseDialog
          code={referral.voucherCode}
          onCancel={() => setRefusing(false)}
          onConfirm={(reason, note) => decide(() => dataProvider.refuseReferral(referral.id, { reason, note }), 'refused')}
        />
      )}
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
