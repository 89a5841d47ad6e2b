import { DataTable, List, useTranslate } from 'react-admin';
import { Alert, Button, Stack, Typography } from '@mui/material';
import type { Device } from '../types.js';
import { OfflineCopyNotice } from '../offline/OfflineCopy.js';
import { describe } from './describeDevice.js';
import { DeviceSpecsLine } from './DeviceSpecsLine.js';
import { SelectionActions } from './OutcomeButtons.js';
import type { PendingOutcome } from './pendingOutcome.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

/** The devices handed over and not yet diagnosed: one outcome per row, or for the selection. */
export const HandedOverList = ({ onAsk }: { onAsk: (outcome: PendingOutcome) => void }) => {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  return (
    <List
      resource="devices"
      storeKey="refurbishment"
      filter={{ status: 'handed_over' }}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      perPage={25}
      disableSyncWithLocation
      queryOptions={{ networkMode: 'offlineFirst' }}
      exporter={false}
      actions={false}
      title={t('title')}
      empty={<Alert severity="info">{t('empty')}</Alert>}
      sx={{ '& .RaList-content': { overflowX: 'auto' } }}
    >
      <OfflineCopyNotice />
      <DataTable rowClick={false} bulkActionButtons={<SelectionActions onAsk={onAsk} />}>
        <DataTable.Col
          source="assetTag"
          label="resources.devices.fields.assetTagShort"
          render={(device: Device) => (
            <>
              <Typography sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>{device.assetTag}</Typography>
              <Typography variant="body2" color="text.secondary">
                {describe(device, translate)}
              </Typography>
              <DeviceSpecsLine device={device} />
            </>
          )}
        />
        <DataTable.Col
          source="id"
          label=""
          disableSort
          render={(device: Device) => (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'flex-end', alignItems: { xs: 'stretch', sm: 'center' } }}>
              <Button size="small" variant="outlined" onClick={() => onAsk({ to: 'refurbished', devices: [device], source: 'row' })} aria-label={`${t('refurbished')} — ${device.assetTag}`} sx={{ minHeight: 40 }}>
                {t('refurbished')}
              </Button>
              <Button size="small" variant="outlined" color="error" onClick={() => onAsk({ to: 'recycled', devices: [device], source: 'row' })} aria-label={`${t('recycled')} — ${device.assetTag}`} sx={{ minHeight: 40 }}>
                {t('recycled')}
              </Button>
            </Stack>
          )}
        />
      </DataTable>
    </List>
  );
};
