import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Alert, Box, Button, Dialog, DialogContent, DialogTitle, Stack, Typography, useMediaQuery, useTheme } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { ScanBanner, type Banner } from '../scanner/ScanBanner.js';
import { startDecoding, type Engine } from './decoders.js';

/** The same code stays in front of the lens for a while: count it once, then again only if shown anew. */
const SAME_CODE_PAUSE_MS = 2500;

type CameraState = 'starting' | 'running' | 'denied' | 'unavailable';

interface CameraScannerProps {
  onCode: (code: string) => void;
  onClose: () => void;
  /** The page's last answer, repeated here: the camera view covers the page. */
  banner: Banner | null;
  /** "12 / 40" */
  progress: string;
}

/**
 * The phone's camera as a barcode scanner: the browser's own BarcodeDetector where it exists
 * (Android Chrome), otherwise the ZXing decoder (iPhone Safari, desktop browsers), loaded only now.
 */
export const CameraScanner = ({ onCode, onClose, banner, progress }: CameraScannerProps) => {
  const translate = useTranslate();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  // the dialog's content mounts in a portal after this component's first effect: wait for the element
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [engine, setEngine] = useState<Engine | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const t = (key: string) => translate(`reemploi.handover.camera.${key}`);

  useEffect(() => {
    if (!video) return;
    let last = { code: '', at: 0 };
    const emit = (code: string) => {
      const now = Date.now();
      if (code === last.code && now - last.at < SAME_CODE_PAUSE_MS) {
        last.at = now;
        return;
      }
      last = { code, at: now };
      navigator.vibrate?.(60);
      onCodeRef.current(code);
    };
    const session = startDecoding(video, emit, {
      onEngine: setEngine,
      onRunning: () => setState('running'),
      onError: (error) => setState(error.name === 'NotAllowedError' || error.name === 'SecurityError' ? 'denied' : 'unavailable'),
    });
    return () => session.stop();
  }, [video]);

  return (
    <Dialog open onClose={onClose} fullScreen={phone} fullWidth maxWidth="sm" aria-labelledby="camera-title">
      <DialogTitle id="camera-title" sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 1 }}>
        <Box component="span" sx={{ flex: 1 }}>
          {t('title')}
        </Box>
        <Typography component="span" sx={{ fontWeight: 800, fontSize: '1.4rem' }} data-testid="camera-progress">
          {progress}
        </Typography>
      </DialogTitle>
      <DialogContent sx={{ px: { xs: 1, sm: 3 } }} data-testid="camera-view" data-state={state} data-engine={engine ?? ''}>
        <Stack spacing={1.5}>
          <Box sx={{ position: 'relative', bgcolor: '#000', borderRadius: 1, overflow: 'hidden', aspectRatio: { xs: '3 / 4', sm: '4 / 3' } }}>
            <video ref={setVideo} muted playsInline autoPlay style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }} />
            {/* a guide for the label: a wide, short window suits a 1D barcode */}
            <Box
              aria-hidden
              sx={{ position: 'absolute', left: '8%', right: '8%', top: '38%', height: '24%', border: '3px solid rgba(255,255,255,0.9)', borderRadius: 1 }}
            />
            {state === 'starting' && (
              <Typography sx={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', color: '#fff', fontSize: '1.1rem' }}>
                {t('starting')}
              </Typography>
            )}
          </Box>
          {(state === 'denied' || state === 'unavailable') && <Alert severity="error">{t(state)}</Alert>}
          <ScanBanner banner={banner} idleText={t('hint')} />
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1, pb: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {engine ? t(`engine_${engine}`) : ''}
            </Typography>
            <Button variant="contained" size="large" startIcon={<CloseIcon />} onClick={onClose} sx={{ minHeight: 52 }}>
              {t('close')}
            </Button>
          </Stack>
        </Stack>
      </DialogContent>
    </Dialog>
  );
};
