import { createContext, useContext, type ReactNode } from 'react';
import { DataTable, List, useGetList, useListContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { Button, Typography } from '@mui/material';
import StationIcon from '@mui/icons-material/CleaningServices';
import { useFormat } from '../i18n/useFormat.js';
import type { Device } from '../types.js';
import type { SanitizationRecord } from './types.js';

/** The latest failed wipe of each listed device; `loading` until they are read (no « — » meanwhile: it would say « none »). */
const LastFailures = createContext<{ latest: Map<number, SanitizationRecord>; loading: boolean }>({ latest: new Map(), loading: false });

/** One request for the whole page: the latest failed wipe of each listed device. */
const LastFailuresProvider = ({ children }: { children: ReactNode }) => {
  const { data } = useListContext<Device>();
  const ids = (data ?? []).map((device) => device.id);
  const { data: failures, isPending } = useGetList<SanitizationRecord>(
    'sanitizations',
    { filter: { device: ids, result: 'failure' }, sort: { field: 'finishedAt', order: 'DESC' }, pagination: { page: 1, perPage: 200 } },
    { enabled: ids.length > 0 },
  );
  const latest = new Map<number, SanitizationRecord>();
  for (const failure of failures ?? []) if (!latest.has(failure.device)) latest.set(failure.device, failure);
  return <LastFailures.Provider value={{ latest, loading: ids.length > 0 && isPending }}>{children}</LastFailures.Provider>;
};

const Loading = () => {
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2" color="text.secondary" data-testid="failure-loading">
      {translate('reemploi.quarantine.loading')}
    </Typography>
  );
};

const LastFailure = ({ device }: { device: Device }) => {
  const { latest, loading } = useContext(LastFailures);
  const failure = latest.get(device.id);
  if (loading) return <Loading />;
  if (!failure) return <>—</>;
  return (
    <>
      <strong>{failure.mediumSerialNumber}</strong> : {failure.errors ?? '—'}
    </>
  );
};

const FailedAt = ({ device }: { device: Device }) => {
  const format = useFormat();
  const { latest, loading } = useContext(LastFailures);
  const failure = latest.get(device.id);
  if (loading) return <Loading />;
  return <>{failure ? format.dateTime(failure.finishedAt) : '—'}</>;
};

/** Devices held back by a failed wipe, with why; each opens at the wiping station. */
export const QuarantineList = () => {
  const translate = useTranslate();
  return (
    <List
      resource="devices"
      filter={{ status: 'quarantined' }}
      storeKey="quarantine"
      disableSyncWithLocation
      exporter={false}
      sort={{ field: 'updatedAt', order: 'ASC' }}
      perPage={25}
      title={translate('reemploi.quarantine.title')}
      actions={false}
      empty={<Typography sx={{ p: 3 }}>{translate('reemploi.quarantine.empty')}</Typography>}
    >
      <Typography sx={{ px: 2, pt: 2 }} color="text.secondary">
        {translate('reemploi.quarantine.intro')}
      </Typography>
      <LastFailuresProvider>
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="assetTag" label="resources.devices.fields.assetTagShort" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} />
          <DataTable.Col
            source="model"
            label="resources.devices.fields.brandAndModel"
            render={(device: Device) =>
              [translate(`resources.devices.types.${device.type}`), device.brand, device.model].filter(Boolean).join(' · ')
            }
          />
          <DataTable.Col source="site" />
          <DataTable.Col label="reemploi.quarantine.failed_at" disableSort render={(device: Device) => <FailedAt device={device} />} />
          <DataTable.Col label="reemploi.quarantine.last_failure" disableSort render={(device: Device) => <LastFailure device={device} />} />
          <DataTable.Col
            label="reemploi.wiping.open_station"
            disableSort
            render={(device: Device) => (
              <Button
                component={Link}
                to={`/wiping?code=${encodeURIComponent(device.assetTag)}`}
                onClick={(event: React.MouseEvent) => event.stopPropagation()}
                startIcon={<StationIcon />}
                size="small"
                aria-label={`${translate('reemploi.wiping.open_station')} — ${device.assetTag}`}
              >
                {translate('reemploi.menu.wiping')}
              </Button>
            )}
          />
        </DataTable>
      </LastFailuresProvider>
    </List>
  );
};
