import { useGetOne } from 'react-admin';
import { Typography } from '@mui/material';
import type { Device } from '../types.js';

/**
 * « Intel Core i5-6200U @ 2,30 GHz · RAM 8 Go · 1 × 256 Go SSD NVMe · batterie 88 % »: what the
 * partner refurbishes, worded by the API (api/devices/device-specs.ts). A scanned device's card has
 * no specs: they are read from its page then.
 */
export const DeviceSpecsLine = ({ device }: { device: Pick<Device, 'id' | 'specs'> }) => {
  const { data } = useGetOne<Device>('devices', { id: device.id }, { enabled: !device.specs });
  const specs = device.specs ?? data?.specs;
  if (!specs) return null;
  return (
    <Typography variant="body2" data-testid="device-specs" sx={{ width: '100%' }}>
      {specs.summary}
    </Typography>
  );
};
