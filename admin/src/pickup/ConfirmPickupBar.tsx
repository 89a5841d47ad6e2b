import { Box, Button, GlobalStyles, Typography } from '@mui/material';
import ConfirmIcon from '@mui/icons-material/LocalShipping';
import { usePickupTranslate } from './usePickupTranslate.js';

/**
 * Wherever the browser scrolls something into view (keyboard focus, find in page), it stops above
 * the bar (56 px button, 2 × 12 px padding, border): the last « Scannés mais hors lot » stay readable.
 */
const keepScrolledContentAboveTheBar = <GlobalStyles styles={{ html: { scrollPaddingBottom: '6rem' } }} />;

/** The confirm button, always within reach of the thumb while the list scrolls. */
export const ConfirmPickupBar = ({ disabled, note, onClick }: { disabled: boolean; note?: string; onClick: () => void }) => {
  const t = usePickupTranslate();
  return (
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
        flexDirection: 'column',
        alignItems: 'center',
        gap: 1,
      }}
    >
      {keepScrolledContentAboveTheBar}
      <Button data-testid="confirm-pickup" variant="contained" size="large" startIcon={<ConfirmIcon />} disabled={disabled} onClick={onClick} sx={{ minHeight: 56, fontSize: '1.15rem', width: { xs: '100%', sm: 'auto' }, px: 4 }}>
        {t('confirm')}
      </Button>
      {note && (
        <Typography variant="body2" color="text.secondary" data-testid="confirm-when-online" sx={{ textAlign: 'center' }}>
          {note}
        </Typography>
      )}
    </Box>
  );
};
