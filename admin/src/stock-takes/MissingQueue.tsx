import { createContext, useContext, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, List, useGetList, useListContext, useNotify, useRefresh, useTranslate } from 'react-admin';
import { Box, Link as MuiLink, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { useRole } from '../providers/hooks.js';
import { DeviceActions } from '../devices/DeviceActions.js';
import { StatusChip } from '../devices/StatusChip.js';
import type { Device, DeviceCard, DeviceEvent } from '../types.js';

/** device id → the stock-take that flagged it (from its latest `missing` event). */
const FlaggingAudits = createContext<Map<number, number>>(new Map());

/** One request for the whole page, like the quarantine's last failures. */
const FlaggingAuditsProvider = ({ children }: { children: ReactNode }) => {
  const { data } = useListContext<Device>();
  const ids = (data ?? []).map((device) => device.id);
  const { data: events } = useGetList<DeviceEvent>(
    'events',
    { filter: { device: ids, type: 'missing' }, sort: { field: 'at', order: 'DESC' }, pagination: { page: 1, perPage: 200 } },
    { enabled: ids.length > 0 },
  );
  const audits = new Map<number, number>();
  for (const event of events ?? []) if (!audits.has(event.device) && event.details?.audit) audits.set(event.device, event.details.audit);
  return <FlaggingAudits.Provider value={audits}>{children}</FlaggingAudits.Provider>;
};

const FlaggingAudit = ({ device }: { device: Device }) => {
  const translate = useTranslate();
  const auditId = useContext(FlaggingAudits).get(device.id);
  if (!auditId) return <>—</>;
  return (
    <MuiLink component={Link} to={`/audits/${auditId}/show`} underline="hover" onClick={(event: React.MouseEvent) => event.stopPropagation()}>
      {translate('reemploi.audits.missing_queue.audit_link', { id: auditId })}
    </MuiLink>
  );
};

/** The admin's write-off: the existing "Retirer" flow (reason required), nothing else. */
const WriteOff = ({ device }: { device: Device }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const card: DeviceCard = { ...device, allowedTransitions: [{ to: 'withdrawn', reasonRequired: true }], canMove: false };
  return (
    // the dialog renders in a portal, but its clicks still bubble through React to the row
    <Box onClick={(event) => event.stopPropagation()}>
      <DeviceActions
        device={card}
        onDone={(_updated, message) => {
          notify(message, { type: 'success' });
          refresh();
        }}
      />
    </Box>
  );
};

/** "Appareils manquants": expected at a stock-take, not found; blocked from batches until found or written off. */
export const MissingQueue = () => {
  const translate = useTranslate();
  const format = useFormat();
  const isAdmin = useRole() === 'admin';
  const t = (key: string) => translate(`reemploi.audits.missing_queue.${key}`);
  return (
    <List
      resource="devices"
      filter={{ missing: true }}
      storeKey="missing-devices"
      disableSyncWithLocation
      exporter={false}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      perPage={25}
      title={t('title')}
      actions={false}
      empty={<Typography sx={{ p: 3 }}>{t('empty')}</Typography>}
    >
      <Typography sx={{ px: 2, pt: 2, maxWidth: 900 }} color="text.secondary">
        {t('intro')}
      </Typography>
      <FlaggingAuditsProvider>
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="assetTag" label="resources.devices.fields.assetTagShort" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} />
          <DataTable.Col
            source="model"
            label="resources.devices.fields.brandAndModel"
            render={(device: Device) => [translate(`resources.devices.types.${device.type}`), device.brand, device.model].filter(Boolean).join(' · ')}
          />
          <DataTable.Col source="status" render={(device: Device) => <StatusChip status={device.status} />} />
          <DataTable.Col source="site" />
          <DataTable.Col
            label="reemploi.audits.missing_queue.since"
            disableSort
            render={(device: Device) => <Box component="span" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} data-testid="missing-since">{format.date(device.missingSince)}</Box>}
          />
          <DataTable.Col label="reemploi.audits.missing_queue.audit" disableSort render={(device: Device) => <FlaggingAudit device={device} />} />
          {isAdmin ? (
            <DataTable.Col label="reemploi.audits.missing_queue.actions" disableSort render={(device: Device) => <WriteOff device={device} />} />
          ) : null}
        </DataTable>
      </FlaggingAuditsProvider>
    </List>
  );
};
