import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { Box, IconButton, Link as MuiLink, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlined';
import { usePhone } from '../layout/usePhone.js';
import { StatusChip } from '../devices/StatusChip.js';
import type { Device } from '../types.js';

type DevicesProps = { devices: Device[]; onRemove?: (device: Device) => void };

const RemoveButton = ({ device, onRemove }: { device: Device; onRemove: (device: Device) => void }) => {
  const translate = useTranslate();
  const label = translate('resources.batches.actions.remove', { assetTag: device.assetTag });
  return (
    <IconButton onClick={() => onRemove(device)} aria-label={label} title={label} color="error">
      <RemoveIcon />
    </IconButton>
  );
};

const AssetTagLink = ({ device }: { device: Device }) => (
  <MuiLink component={Link} to={`/devices/${device.id}/show`} underline="hover">
    {device.assetTag}
  </MuiLink>
);

const brandAndModel = (device: Device) => [device.brand, device.model].filter(Boolean).join(' ') || '—';

/** On a phone: one line per device (asset tag and status, then type · brand model), no table to scroll sideways. */
const DevicesList = ({ devices, onRemove }: DevicesProps) => {
  const translate = useTranslate();
  return (
    <Box component="ul" aria-label={translate('resources.batches.sections.devices', { smart_count: devices.length })} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {devices.map((device) => (
        <Box
          component="li"
          key={device.id}
          data-testid="batch-device"
          sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 1, borderBottom: 1, borderColor: 'divider', '&:last-child': { borderBottom: 0 } }}
        >
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: 1, rowGap: 0.5 }}>
              <Typography component="span" sx={{ fontWeight: 700 }}>
                <AssetTagLink device={device} />
              </Typography>
              <StatusChip status={device.status} />
            </Box>
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {translate(`resources.devices.types.${device.type}`)} · {brandAndModel(device)}
            </Typography>
          </Box>
          {onRemove && <RemoveButton device={device} onRemove={onRemove} />}
        </Box>
      ))}
    </Box>
  );
};

const DevicesTable = ({ devices, onRemove }: DevicesProps) => {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.devices.fields.${name}`);
  return (
    <TableContainer>
      <Table size="small" aria-label={translate('resources.batches.sections.devices', { smart_count: devices.length })}>
        <TableHead>
          <TableRow>
            <TableCell>{field('assetTagShort')}</TableCell>
            <TableCell>{field('type')}</TableCell>
            <TableCell>{field('brandAndModel')}</TableCell>
            <TableCell>{field('status')}</TableCell>
            {onRemove && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {devices.map((device) => (
            <TableRow key={device.id} data-testid="batch-device" hover>
              <TableCell sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
                <AssetTagLink device={device} />
              </TableCell>
              <TableCell>{translate(`resources.devices.types.${device.type}`)}</TableCell>
              <TableCell>{brandAndModel(device)}</TableCell>
              <TableCell>
                <StatusChip status={device.status} />
              </TableCell>
              {onRemove && (
                <TableCell align="right" sx={{ py: 0 }}>
                  <RemoveButton device={device} onRemove={onRemove} />
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** The batch's devices: a list on a phone, a table elsewhere; a remove button while the batch is built. */
export const BatchDevices = (props: DevicesProps) => (usePhone() ? <DevicesList {...props} /> : <DevicesTable {...props} />);
