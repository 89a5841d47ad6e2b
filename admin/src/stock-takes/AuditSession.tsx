import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Confirm, Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Grid, LinearProgress, Stack, Typography, useMediaQuery } from '@mui/material';
import CameraIcon from '@mui/icons-material/PhotoCamera';
import PauseIcon from '@mui/icons-material/Pause';
import ResumeIcon from '@mui/icons-material/PlayArrow';
import CloseIcon from '@mui/icons-material/AssignmentTurnedIn';
import PdfIcon from '@mui/icons-material/PictureAsPdf';
import XlsxIcon from '@mui/icons-material/TableView';
import MissingIcon from '@mui/icons-material/SearchOff';
import { useFormat } from '../i18n/useFormat.js';
import { errorCode } from '../providers/http.js';
import { useCan, useReemploiDataProvider } from '../providers/hooks.js';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { ScanCounter } from '../scanner/ScanCounter.js';
import { ScanField } from '../scanner/ScanField.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import { downloadFile } from '../batches/download.js';
import { openPdf } from '../devices/labels.js';
import { AuditLists } from './AuditLists.js';
import { AuditStatusChip } from './AuditStatusChip.js';
import { LastScans, type ScanEntry } from './LastScans.js';
import type { AuditCounts, AuditDetail } from './types.js';

// the camera (and the ZXing decoder behind it) loads only when someone opens it
const CameraScanner = lazy(() => import('../pickup/CameraScanner.js').then((module) => ({ default: module.CameraScanner })));

/** Two operators may scan the same session: each sees the other's scans within this delay. */
const POLL_MS = 5000;
const LAST_SCANS_KEPT = 30;

type StateAction = 'pause' | 'resume' | 'close';

/**
 * The stock-take of one depot site: every device on the shelves is scanned against the list the
 * system holds for the site; found / missing / unexpected / unknown are counted live, and closing
 * flags the expected devices nobody found.
 */
export const AuditSession = () => {
  const { id } = useParams();
  const auditId = Number(id);
  const translate = useTranslate();
  const format = useFormat();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const queryClient = useQueryClient();
  const canEdit = useCan('edit', 'audits');
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.audits.session.${key}`, options);

  const { data: audit, error, refetch } = useGetOne<AuditDetail>(
    'audits',
    { id: auditId },
    { enabled: Number.isInteger(auditId), refetchInterval: (query) => (query.state.data?.status === 'closed' ? false : POLL_MS) },
  );
  const { banner, announce } = useScanAnnouncer();
  const [code, setCode] = useState('');
  const [entries, setEntries] = useState<ScanEntry[]>([]);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [busy, setBusy] = useState<StateAction | null>(null);
  const entryKey = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  // on a phone the on-screen keyboard would cover half the screen: no automatic focus there
  const touch = useMediaQuery('(pointer: coarse)');
  const open = audit?.status === 'open';
  const { focusInput, onBlur } = useScanFocus(inputRef, touch || confirmingClose || cameraOpen || !open);

  /** The answer of a scan or an action is fresher than the last poll: show it at once. */
  const patchAudit = (patch: Partial<AuditDetail> | AuditCounts) => {
    queryClient.setQueriesData<AuditDetail>({ queryKey: ['audits', 'getOne'] }, (old) => (old && old.id === auditId ? { ...old, ...patch } : old));
  };
  const refreshAll = () => {
    void refetch();
    void queryClient.invalidateQueries({ queryKey: ['audits', 'getList'] });
  };

  const handleCode = async (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    try {
      const scan = await dataProvider.scanAudit(auditId, text);
      entryKey.current += 1;
      const entry: ScanEntry = { key: entryKey.current, result: scan.result, code: scan.code, device: scan.device, at: new Date().toISOString() };
      setEntries((current) => [entry, ...current].slice(0, LAST_SCANS_KEPT));
      patchAudit(scan.counts);
      const tag = scan.device?.assetTag ?? scan.code;
      if (scan.result === 'found') announce('success', t('found', { assetTag: tag }), tag);
      else if (scan.result === 'duplicate') announce('warning', t('duplicate', { code: tag }), tag, 'warning');
      else if (scan.result === 'unexpected' && scan.device) {
        // found here but placed elsewhere, or here but no longer a depot device (handed over, withdrawn…)
        const elsewhere = scan.device.site !== audit?.site;
        const text = elsewhere
          ? t('unexpected_site', { assetTag: tag, site: scan.device.site })
          : t('unexpected_status', { assetTag: tag, status: translate(`resources.devices.statuses.${scan.device.status}`) });
        announce('warning', text, tag, 'foreign');
      } else announce('error', t('unknown', { code: scan.code }), scan.code, 'error');
      void refetch();
    } catch (caught) {
      const reason = errorCode(caught);
      if (reason === 'INVALID_CHECK_DIGIT') announce('error', t('check_digit'));
      else if (reason === 'AUDIT_NOT_OPEN') {
        announce('error', t('not_open', { message: (caught as Error).message }));
        void refetch();
      } else announce('error', (caught as Error).message);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void handleCode(code);
    setCode('');
    if (!touch) focusInput();
  };

  const changeState = async (action: StateAction) => {
    setBusy(action);
    try {
      const updated = await dataProvider.setAuditState(auditId, action);
      patchAudit(updated);
      if (action === 'close') notify(t('closed_done', { id: auditId }), { type: 'success' });
      else notify(t(action === 'pause' ? 'paused' : 'resumed'), { type: 'info' });
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    } finally {
      setBusy(null);
      setConfirmingClose(false);
      refreshAll();
    }
  };

  const relocate = async (ids: number[]) => {
    try {
      const result = await dataProvider.relocateAuditDevices(auditId, ids);
      if (result.moved.length) announce('success', t('relocated', { smart_count: result.moved.length, site: audit!.site }), undefined, 'ok');
      const rows = audit?.lists.unexpected ?? [];
      for (const refusal of result.refused) {
        const assetTag = rows.find((row) => row.id === refusal.id)?.assetTag ?? String(refusal.id);
        notify(t('relocate_refused', { assetTag, reason: refusal.reason }), { type: 'warning', multiLine: true });
      }
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    }
    await refetch();
  };

  const report = async (kind: 'pdf' | 'xlsx') => {
    const path = `/audits/${auditId}/report.${kind}`;
    const fileName = `inventaire-${auditId}.${kind}`;
    try {
      if (kind === 'pdf') {
        const opened = await openPdf(dataProvider, path, fileName);
        if (!opened) notify('resources.devices.notifications.popup_blocked', { type: 'info' });
      } else await downloadFile(dataProvider, path, fileName);
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    }
  };

  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{(error as Error).message}</Alert>;
  if (!audit) return <CircularProgress sx={{ mt: 4 }} aria-label={t('loading')} />;

  const title = translate('resources.audits.title', { id: audit.id, site: audit.site });
  const closed = audit.status === 'closed';
  const buttonSx = { minHeight: 48 };

  return (
    <Box sx={{ pt: { xs: 1, sm: 2 }, pb: 2 }}>
      <Title title={title} />
      <Stack direction="row" useFlexGap sx={{ alignItems: 'center', gap: { xs: 1, sm: 2 }, flexWrap: 'wrap', mb: 0.5 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 800, fontSize: { xs: '1.3rem', sm: '1.75rem' } }}>
          {title}
        </Typography>
        <AuditStatusChip status={audit.status} size="medium" />
      </Stack>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('started', { date: format.dateTime(audit.startedAt), name: audit.startedByName ?? '—' })}
        {closed && audit.closedAt ? ` · ${t('closed', { date: format.dateTime(audit.closedAt), name: audit.closedByName ?? '—' })}` : ''}
      </Typography>

      <Stack spacing={2}>
        {!closed && canEdit && (
          <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
            {open ? (
              <Button variant="outlined" size="large" startIcon={<PauseIcon />} onClick={() => changeState('pause')} disabled={!!busy} sx={buttonSx}>
                {t('pause')}
              </Button>
            ) : (
              <Button variant="contained" size="large" startIcon={<ResumeIcon />} onClick={() => changeState('resume')} disabled={!!busy} sx={buttonSx}>
                {t('resume')}
              </Button>
            )}
            <Button variant="contained" size="large" startIcon={<CloseIcon />} onClick={() => setConfirmingClose(true)} disabled={!!busy} sx={buttonSx}>
              {t('close')}
            </Button>
          </Stack>
        )}

        {closed && (
          <Card variant="outlined" component="section" data-testid="audit-result">
            <CardContent>
              <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                {t('result_title')}
              </Typography>
              <Alert severity={audit.missing ? 'warning' : 'success'} sx={{ mb: 2, fontSize: '1.05rem' }}>
                {audit.missing ? t('result_missing', { smart_count: audit.missing }) : t('result_all_found')}
              </Alert>
              <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
                <Button variant="outlined" size="large" startIcon={<PdfIcon />} onClick={() => report('pdf')} sx={buttonSx}>
                  {t('report_pdf')}
                </Button>
                <Button variant="outlined" size="large" startIcon={<XlsxIcon />} onClick={() => report('xlsx')} sx={buttonSx}>
                  {t('report_xlsx')}
                </Button>
                {audit.missing > 0 && (
                  <Button component={Link} to="/missing" variant="contained" size="large" startIcon={<MissingIcon />} sx={buttonSx}>
                    {t('see_missing')}
                  </Button>
                )}
              </Stack>
            </CardContent>
          </Card>
        )}

        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: closed ? 12 : 7 }} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
            <Stack direction="row" spacing={{ xs: 1, sm: 1.5 }}>
              <ScanCounter label={translate('resources.audits.fields.expected')} value={audit.expected} tone="primary" testId="audit-expected" />
              <ScanCounter label={translate('resources.audits.fields.found')} value={audit.found} tone="success" testId="audit-found" />
              <ScanCounter label={translate('resources.audits.fields.missing')} value={audit.missing} tone="error" testId="audit-missing" />
            </Stack>
            <Stack direction="row" spacing={{ xs: 1, sm: 1.5 }}>
              <ScanCounter label={translate('resources.audits.fields.unexpected')} value={audit.unexpected} tone="warning" testId="audit-unexpected" small />
              <ScanCounter label={translate('resources.audits.fields.unknown')} value={audit.unknown} tone="secondary" testId="audit-unknown" small />
            </Stack>
            <LinearProgress
              variant="determinate"
              color="success"
              value={audit.expected ? (audit.found / audit.expected) * 100 : 0}
              aria-label={t('progress', { found: audit.found, expected: audit.expected })}
              sx={{ height: 10, borderRadius: 5 }}
            />
            {!closed && (
              <>
                {audit.status === 'paused' && (
                  <Alert severity="warning" sx={{ fontSize: '1.05rem' }}>
                    {t('paused_banner')}
                  </Alert>
                )}
                {canEdit && (
                  <Card variant="outlined">
                    <CardContent sx={{ p: { xs: 1.5, sm: 2 }, '&:last-child': { pb: { xs: 1.5, sm: 2 } } }}>
                      <Stack spacing={1.5}>
                        <ScanField
                          inputRef={inputRef}
                          id="audit-scan"
                          label={t('field_label')}
                          helperText={t('field_helper')}
                          value={code}
                          onChange={setCode}
                          onSubmit={onSubmit}
                          onBlur={onBlur}
                          submitLabel={t('field_label')}
                          autoFocus={!touch && open}
                          disabled={!open}
                        />
                        {touch && (
                          <Button
                            variant="outlined"
                            size="large"
                            startIcon={<CameraIcon />}
                            onClick={() => setCameraOpen(true)}
                            disabled={!open}
                            sx={{ minHeight: 56, fontSize: '1.1rem' }}
                          >
                            {t('camera')}
                          </Button>
                        )}
                      </Stack>
                    </CardContent>
                  </Card>
                )}
                <ScanBanner banner={banner} idleText={t('idle')} />
              </>
            )}
          </Grid>
          {!closed && (
            <Grid size={{ xs: 12, md: 5 }}>
              <LastScans entries={entries} footer={t('live')} />
            </Grid>
          )}
        </Grid>

        <Card variant="outlined">
          <CardContent sx={{ p: { xs: 1, sm: 2 } }}>
            {audit.lists ? (
              <AuditLists audit={audit} onRelocate={canEdit ? relocate : undefined} />
            ) : (
              <CircularProgress size={24} aria-label={t('loading')} />
            )}
          </CardContent>
        </Card>
      </Stack>

      <Confirm
        isOpen={confirmingClose}
        loading={busy === 'close'}
        title={t('close_title', { id: audit.id })}
        content={
          <>
            <Typography sx={{ mb: 1 }}>{t('close_content')}</Typography>
            <Typography sx={{ fontWeight: 700 }} data-testid="close-missing">
              {audit.missing ? t('close_missing', { smart_count: audit.missing }) : t('close_none')}
            </Typography>
          </>
        }
        confirm={t('close_confirm')}
        confirmColor="primary"
        onConfirm={() => changeState('close')}
        onClose={() => setConfirmingClose(false)}
      />
      {cameraOpen && (
        <Suspense fallback={null}>
          <CameraScanner onCode={(scanned) => void handleCode(scanned)} onClose={() => setCameraOpen(false)} banner={banner} progress={`${audit.found} / ${audit.expected}`} />
        </Suspense>
      )}
    </Box>
  );
};
