import { useTranslate } from 'react-admin';
import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import PlaceIcon from '@mui/icons-material/Place';
import type { DeviceCard } from '../types.js';
import { StatusChip } from '../devices/StatusChip.js';
import { DeviceActions } from '../devices/DeviceActions.js';

interface ScannedDeviceCardProps {
  device: DeviceCard;
  onDone: (device: DeviceCard, message: string) => void;
  onError: (message: string) => void;
  onDialogChange: (open: boolean) => void;
}

export function describeDevice(device: DeviceCard, translate: ReturnType<typeof useTranslate>): string {
  return [translate(`resources.devices.types.${device.type}`), device.brand, device.model].filter(Boolean).join(' · ');
}

/** The last device scanned, with large buttons for what can be done to it now. */
export const ScannedDeviceCard = ({ device, onDone, onError, onDialogChange }: ScannedDeviceCardProps) => {
  const translate = useTranslate();
  const hasActions = device.allowedTransitions.length > 0 || device.canMove;
  return (
    <Card variant="outlined" data-testid="scanned-device" sx={{ borderWidth: 2 }}>
      <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={2}>
          <Box>
            <Typography
              component="h2"
              sx={{ fontSize: { xs: '2rem', sm: '2.75rem' }, fontWeight: 800, letterSpacing: '0.03em', lineHeight: 1.1, overflowWrap: 'anywhere' }}
            >
              {device.assetTag}
            </Typography>
            <Typography sx={{ fontSize: '1.25rem', mt: 0.5 }}>{describeDevice(device, translate)}</Typography>
            {device.serialNumber && (
              <Typography color="text.secondary">
                {translate('resources.devices.fields.serialNumber')} : {device.serialNumber}
              </Typography>
            )}
          </Box>
          <Stack direction="row" useFlexGap spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <StatusChip status={device.status} size="medium" />
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <PlaceIcon color="action" aria-hidden />
              <Typography sx={{ fontSize: '1.1rem' }}>
                <Box component="span" sx={{ color: 'text.secondary' }}>
                  {translate('resources.devices.fields.site')} :{' '}
                </Box>
                <span data-testid="device-site">{device.site}</span>
              </Typography>
            </Stack>
          </Stack>
          {!hasActions && <Typography color="text.secondary">{translate('reemploi.scanner.no_action')}</Typography>}
          <DeviceActions device={device} size="large" showLink onDone={onDone} onError={onError} onDialogChange={onDialogChange} />
        </Stack>
      </CardContent>
    </Card>
  );
};
