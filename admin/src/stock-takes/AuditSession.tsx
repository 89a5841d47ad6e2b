import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Box, Card, CardContent, CircularProgress, Grid, Stack, useMediaQuery } from '@mui/material';
import { useCan } from '../providers/hooks.js';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { AuditCounters } from './AuditCounters.js';
import { AuditHeader } from './AuditHeader.js';
import { AuditLists } from './AuditLists.js';
import { AuditResultCard } from './AuditResultCard.js';
import { AuditScanCard } from './AuditScanCard.js';
import { PendingScans } from '../offline/PendingScans.js';
import { AuditStateButtons } from './AuditStateButtons.js';
import { CloseAuditConfirm } from './CloseAuditConfirm.js';
import { LastScans } from './LastScans.js';
import { useAuditSession } from './useAuditSession.js';
import { useAuditTranslate } from './useAuditTranslate.js';

// the camera (and the ZXing decoder behind it) loads only when someone opens it
const CameraScanner = lazy(() => import('../pickup/CameraScanner.js').then((module) => ({ default: module.CameraScanner })));

/**
 * The stock-take of one depot site: every device on the shelves is scanned against the list the
 * system holds for the site; found / missing / unexpected / unknown are counted live, and closing
 * flags the expected devices nobody found.
 */
export const AuditSession = () => {
  const { id } = useParams();
  const auditId = Number(id);
  const t = useAuditTranslate();
  const canEdit = useCan('edit', 'audits');
  const { audit, error, scans, confirmingClose, setConfirmingClose, busy, changeState, relocate, report } = useAuditSession(auditId);
  const { banner, entries, handleCode, queue } = scans;
  const [code, setCode] = useState('');
  const [cameraOpen, setCameraOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // on a phone the on-screen keyboard would cover half the screen: no automatic focus there
  const touch = useMediaQuery('(pointer: coarse)');
  const open = audit?.status === 'open';
  const { focusInput, onBlur } = useScanFocus(inputRef, confirmingClose || cameraOpen || !open, { autoFocus: !touch });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void handleCode(code);
    setCode('');
    if (!touch) focusInput();
  };

  // a failed poll (offline) keeps the last audit on screen: scans go on into the queue
  if (error && !audit) return <Alert severity="error" sx={{ mt: 2 }}>{(error as Error).message}</Alert>;
  if (!audit) return <CircularProgress sx={{ mt: 4 }} aria-label={t('loading')} />;
  const closed = audit.status === 'closed';

  return (
    <Box sx={{ pt: { xs: 1, sm: 2 }, pb: 2 }}>
      <AuditHeader audit={audit} />
      <Stack spacing={2}>
        {!closed && canEdit && <AuditStateButtons open={open} busy={!!busy} onChangeState={changeState} onClose={() => setConfirmingClose(true)} />}
        {closed && <AuditResultCard missing={audit.missing} onReport={report} />}

        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: closed ? 12 : 7 }} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
            <AuditCounters audit={audit} />
            {!closed && (
              <>
                {audit.status === 'paused' && (
                  <Alert severity="warning" sx={{ fontSize: '1.05rem' }}>
                    {t('paused_banner')}
                  </Alert>
                )}
                {canEdit && <AuditScanCard inputRef={inputRef} code={code} onCodeChange={setCode} onSubmit={onSubmit} onBlur={onBlur} open={open} touch={touch} onCamera={() => setCameraOpen(true)} />}
                <ScanBanner banner={banner} idleText={t('idle')} />
                <PendingScans pending={queue.pending} conflicts={queue.conflicts} onDismiss={(seq) => void queue.remove(seq)} />
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
            {audit.lists ? <AuditLists audit={audit} onRelocate={canEdit ? relocate : undefined} /> : <CircularProgress size={24} aria-label={t('loading')} />}
          </CardContent>
        </Card>
      </Stack>

      <CloseAuditConfirm audit={audit} isOpen={confirmingClose} loading={busy === 'close'} onConfirm={() => changeState('close')} onClose={() => setConfirmingClose(false)} />
      {cameraOpen && (
        <Suspense fallback={null}>
          <CameraScanner onCode={(scanned) => void handleCode(scanned)} onClose={() => setCameraOpen(false)} banner={banner} progress={`${audit.found} / ${audit.expected}`} />
        </Suspense>
      )}
    </Box>
  );
};
