import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import NextIcon from '@mui/icons-material/RestartAlt';
import { BIG_BUTTON } from './bigButton.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

/** The device is allocated: print the receipt, then welcome the next resident. */
export const ReceptionDoneCard = ({ firstName, onPrint, onNext }: { firstName: string; onPrint: () => void; onNext: () => void }) => {
  const t = useReceptionTranslate();
  return (
    <Card variant="outlined" data-testid="reception-done" sx={{ borderWidth: 2, borderColor: 'success.main' }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={2}>
          <Typography sx={{ fontSize: '1.2rem', fontWeight: 700 }}>{t('receipt_hint', { name: firstName })}</Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button variant="contained" size="large" startIcon={<PrintIcon />} onClick={onPrint} sx={BIG_BUTTON}>
              {t('receipt')}
            </Button>
            <Button variant="outlined" size="large" startIcon={<NextIcon />} onClick={onNext} sx={BIG_BUTTON}>
              {t('next')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};
