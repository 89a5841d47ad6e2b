import { Button, Stack } from '@mui/material';
import PauseIcon from '@mui/icons-material/Pause';
import ResumeIcon from '@mui/icons-material/PlayArrow';
import CloseIcon from '@mui/icons-material/AssignmentTurnedIn';
import type { StateAction } from './useAuditSession.js';
import { useAuditTranslate } from './useAuditTranslate.js';

interface AuditStateButtonsProps {
  open: boolean;
  busy: boolean;
  onChangeState: (action: StateAction) => void;
  onClose: () => void;
}

/** Pause or resume the session, or close it (after a confirmation). */
export const AuditStateButtons = ({ open, busy, onChangeState, onClose }: AuditStateButtonsProps) => {
  const t = useAuditTranslate();
  const buttonSx = { minHeight: 48 };
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
      {open ? (
        <Button variant="outlined" size="large" startIcon={<PauseIcon />} onClick={() => onChangeState('pause')} disabled={busy} sx={buttonSx}>
          {t('pause')}
        </Button>
      ) : (
        <Button variant="contained" size="large" startIcon={<ResumeIcon />} onClick={() => onChangeState('resume')} disabled={busy} sx={buttonSx}>
          {t('resume')}
        </Button>
      )}
      <Button variant="contained" size="large" startIcon={<CloseIcon />} onClick={onClose} disabled={busy} sx={buttonSx}>
        {t('close')}
      </Button>
    </Stack>
  );
};
