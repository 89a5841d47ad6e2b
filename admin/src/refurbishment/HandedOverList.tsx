import { DataTable, List, Pagination, useListContext, useTranslate } from 'react-admin';
import { Alert, Button, Chip, Stack, Typography } from '@mui/material';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import type { Device } from '../types.js';
import { ListNotFetchedYet, OfflineCopyNotice } from '../offline/OfflineCopy.js';
import type { QueuedScan } from '../offline/scanQueue.js';
import { isRetryable } from '../providers/idempotency.js';
import { describe } from './describeDevice.js';
import { DeviceSpecsLine } from './DeviceSpecsLine.js';
import { SelectionActions } from './OutcomeButtons.js';
import type { PendingOutcome } from './pendingOutcome.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

/** No page numbers under a list that is not there (offline, never fetched): they would count a list nobody sees. */
const PaginationWhenListed = () => {
  const { data, error } = useListContext();
  return data && !error ? <Pagination /> : null;
};

interface HandedOverListProps {
  onAsk: (outcome: PendingOutcome) => void;
  /** Outcomes recorded on this phone, not sent yet: their rows say so instead of offering buttons. */
  outcomesWaiting: QueuedScan[];
}

/** The devices handed over and not yet diagnosed: one outcome per row, or for the selection. */
export const HandedOverList = ({ onAsk, outcomesWaiting }: HandedOverListProps) => {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  const notFetched = <ListNotFetchedYet stillWorks={t('scanning_still_works')} />;
  const waitingOutcome = (device: Device) => outcomesWaiting.find((write) => write.code === device.assetTag)?.outcome;
  return (
    <List
      resource="devices"
      storeKey="refurbishment"
      filter={{ status: 'handed_over' }}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      perPage={25}
      disableSyncWithLocation
      // no network and no copy: said at once (ListNotFetchedYet fetches again), not after react-query's retries
      queryOptions={{ networkMode: 'offlineFirst', retry: (failures, error) => !isRetryable(error) && failures < 3 }}
      offline={notFetched}
      error={notFetched}
      pagination={<PaginationWhenListed />}
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
          render={(device: Device) => {
            const waiting = waitingOutcome(device);
            if (waiting) return <Chip icon={<CloudUploadIcon />} variant="outlined" color="info" label={t('outcome_waiting_chip', { outcome: t(waiting.to) })} />;
            return (
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'flex-end', alignItems: { xs: 'stretch', sm: 'center' } }}>
                <Button size="small" variant="outlined" onClick={() => onAsk({ to: 'refurbished', assetTags: [device.assetTag], source: 'row' })} aria-label={`${t('refurbished')} — ${device.assetTag}`} sx={{ minHeight: 40 }}>
                  {t('refurbished')}
                </Button>
                <Button size="small" variant="outlined" color="error" onClick={() => onAsk({ to: 'recycled', assetTags: [device.assetTag], source: 'row' })} aria-label={`${t('recycled')} — ${device.assetTag}`} sx={{ minHeight: 40 }}>
                  {t('recycled')}
                </Button>
              </Stack>
            );
          }}
        />
      </DataTable>
    </List>
  );
};
