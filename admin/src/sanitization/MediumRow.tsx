import { useTranslate } from 'react-admin';
import { Box, Button, IconButton, Stack, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import ShredIcon from '@mui/icons-material/ContentCut';
import { useFormat } from '../i18n/useFormat.js';
import { ResultChip } from './ResultChip.js';
import type { Medium } from './types.js';

interface MediumRowProps {
  medium: Medium;
  wiping: boolean;
  busy: boolean;
  onWiped: () => void;
  onFailed: () => void;
  onDestroyed: () => void;
  onRemove: () => void;
}
/** One disk: its serial, last result and details, and while it is not wiped the three outcome buttons. */
export const MediumRow = ({ medium, wiping, busy, onWiped, onFailed, onDestroyed, onRemove }: MediumRowProps) => {
  const translate = useTranslate();
  const format = useFormat();
  const serial = medium.serialNumber;
  const details = [
    translate(`resources.media.kinds.${medium.kind}`),
    medium.model,
    medium.capacityGb !== null ? translate('reemploi.wiping.capacity', { capacity: format.number(medium.capacityGb) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const canRecord = wiping && medium.lastResult !== 'success';

  return (
    <Box
      component="li"
      data-testid="medium-row"
      data-serial={serial}
      sx={{ border: 1, borderColor: 'grey.300', borderRadius: 2, p: { xs: 1.5, sm: 2 }, display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <Stack direction="row" useFlexGap spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 800, fontSize: '1.25rem', letterSpacing: '0.03em', overflowWrap: 'anywhere' }}>{serial}</Typography>
        <ResultChip result={medium.lastResult} size="medium" />
        <Typography color="text.secondary" sx={{ flex: '1 1 200px' }}>
          {details}
        </Typography>
        {wiping && medium.lastResult === null && (
          <IconButton onClick={onRemove} disabled={busy} aria-label={translate('reemploi.wiping.remove', { serial })} title={translate('reemploi.wiping.remove', { serial })}>
            <DeleteIcon />
          </IconButton>
        )}
      </Stack>
      {canRecord && (
        <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
          <Button
            variant="contained"
            color="success"
            size="large"
            onClick={onWiped}
            disabled={busy}
            aria-label={translate('reemploi.wiping.wiped_for', { serial })}
            sx={{ fontSize: '1.15rem', px: 3, minWidth: 150, flex: { xs: '1 1 45%', sm: '0 0 auto' } }}
          >
            {translate('reemploi.wiping.wiped')}
          </Button>
          <Button
            variant="contained"
            color="error"
            size="large"
            onClick={onFailed}
            disabled={busy}
            aria-label={translate('reemploi.wiping.failed_for', { serial })}
            sx={{ fontSize: '1.15rem', px: 3, minWidth: 150, flex: { xs: '1 1 45%', sm: '0 0 auto' } }}
          >
            {translate('reemploi.wiping.failed')}
          </Button>
          <Button
            variant="outlined"
            size="large"
            startIcon={<ShredIcon />}
            onClick={onDestroyed}
            disabled={busy}
            aria-label={translate('reemploi.wiping.destroyed_for', { serial })}
            sx={{ flex: { xs: '1 1 100%', sm: '0 0 auto' } }}
          >
            {translate('reemploi.wiping.destroyed')}
          </Button>
        </Stack>
      )}
    </Box>
  );
};
