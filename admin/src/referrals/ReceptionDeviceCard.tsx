import { useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import AllocateIcon from '@mui/icons-material/VolunteerActivism';
import { StatusChip } from '../devices/StatusChip.js';
import { DevicePricing } from '../pricing/DevicePricing.js';
import type { PricedDeviceCard } from '../pricing/types.js';
import { BIG_BUTTON } from './bigButton.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

interface ReceptionDeviceCardProps {
  device: PricedDeviceCard;
  need: string;
  price: string;
  onPriceChange: (price: string) => void;
  priceError: string | null;
  priceHint: string;
  busy: boolean;
  onAllocate: () => void;
}

/** The refurbished device scanned for the resident, and its solidarity price. */
export const ReceptionDeviceCard = ({ device, need, price, onPriceChange, priceError, priceHint, busy, onAllocate }: ReceptionDeviceCardProps) => {
  const translate = useTranslate();
  const t = useReceptionTranslate();
  const typeName = (type: string) => translate(`resources.devices.types.${type}`);
  return (
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
          {device.pricing && <DevicePricing pricing={device.pricing} onUse={onPriceChange} />}
          {device.type !== need && <Alert severity="warning">{t('device_other_type', { need: typeName(need), type: typeName(device.type) })}</Alert>}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ alignItems: { xs: 'stretch', sm: 'flex-start' } }}>
            <TextField
              id="reception-price"
              label={t('price')}
              value={price}
              onChange={(event) => onPriceChange(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onAllocate();
              }}
              error={!!priceError}
              helperText={priceError ?? priceHint}
              autoFocus
              slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off', style: { fontSize: '1.4rem', fontWeight: 700 } } }}
              sx={{ width: { xs: '100%', sm: 240 } }}
            />
            <Button variant="contained" size="large" startIcon={<AllocateIcon />} disabled={busy || !price.trim()} onClick={onAllocate} sx={{ ...BIG_BUTTON, mt: { sm: 0.5 } }}>
              {t('allocate')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};
