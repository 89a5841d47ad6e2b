import { Box, Button } from '@mui/material';
import ConfirmIcon from '@mui/icons-material/LocalShipping';
import { usePickupTranslate } from './usePickupTranslate.js';

/** The confirm button, always within reach of the thumb while the list scrolls. */
export const ConfirmPickupBar = ({ disabled, onClick }: { disabled: boolean; onClick: () => void }) => {
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
        justifyContent: 'center',
      }}
    >
      <Button variant="contained" size="large" startIcon={<ConfirmIcon />} disabled={disabled} onClick={onClick} sx={{ minHeight: 56, fontSize: '1.15rem', width: { xs: '100%', sm: 'auto' }, px: 4 }}>
        {t('confirm')}
      </Button>
    </Box>
  );
};
