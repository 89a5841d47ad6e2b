import { Box, Button, Typography } from '@mui/material';
import ConfirmIcon from '@mui/icons-material/LocalShipping';
import { usePickupTranslate } from './usePickupTranslate.js';

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
