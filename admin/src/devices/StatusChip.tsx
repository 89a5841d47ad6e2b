import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Device, DeviceStatus } from '../types.js';
import { STATUS_COLORS } from './choices.js';

export const StatusChip = ({ status, size = 'small' }: { status: DeviceStatus; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  return (
    <Chip
      size={size}
      label={translate(`resources.devices.statuses.${status}`)}
      sx={{ ...STATUS_COLORS[status], fontWeight: 600, fontSize: size === 'medium' ? '1rem' : undefined }}
    />
  );
};

/** For lists: reads the status from the record context. */
export const StatusField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<Device>();
  return record ? <StatusChip status={record.status} /> : null;
};
