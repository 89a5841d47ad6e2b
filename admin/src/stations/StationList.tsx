import { useState } from 'react';
import { Button, Confirm, DataTable, List, TopToolbar, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { Box, Chip, Typography } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import type { Station } from '../../../api/stations/station.service.js';
import { useFormat } from '../i18n/useFormat.js';
import { apiJson, API_URL } from '../providers/http.js';
import { CreateStationButton } from './CreateStationButton.js';

const RevokeStationButton = () => {
  const station = useRecordContext<Station>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  if (!station || station.revokedAt) return null;
  const revoke = async () => {
    setOpen(false);
    try {
      await apiJson(`${API_URL}/stations/${station.id}/revoke`, { method: 'POST' });
      notify('reemploi.stations.revoked', { type: 'info', messageArgs: { name: station.name } });
      refresh();
    } catch (revokeError) {
      notify((revokeError as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button label="reemploi.stations.revoke" onClick={() => setOpen(true)} color="error" variant="outlined">
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        title={translate('reemploi.stations.revoke_title', { name: station.name })}
        content={translate('reemploi.stations.revoke_confirm')}
        confirm="reemploi.stations.revoke"
        onConfirm={revoke}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

const StatusChip = () => {
  const station = useRecordContext<Station>();
  const translate = useTranslate();
  const format = useFormat();
  if (!station) return null;
  return station.revokedAt ? (
    <Chip size="small" label={translate('reemploi.stations.revoked_on', { date: format.dateTime(station.revokedAt) })} sx={{ bgcolor: '#f8d6d4', color: '#8b1610' }} />
  ) : (
    <Chip size="small" label={translate('reemploi.stations.active')} sx={{ bgcolor: '#d3eedb', color: '#114d1f' }} />
  );
};

/** « Postes d'effacement » (admins): the boot USB keys that post inventories and nwipe logs, their token and last use. */
export const StationList = () => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <List exporter={false} pagination={false} actions={<TopToolbar><CreateStationButton /></TopToolbar>} empty={false}>
      <Typography sx={{ px: 2, pt: 2, maxWidth: 900 }}>{translate('reemploi.stations.intro')}</Typography>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort sx={{ fontWeight: 600 }} />
        <DataTable.Col source="site" disableSort />
        <DataTable.Col source="tokenHint" disableSort render={(station: Station) => <Box component="span" sx={{ fontFamily: 'monospace' }}>{station.tokenHint}</Box>} />
        <DataTable.Col source="createdAt" disableSort render={(station: Station) => format.dateTime(station.createdAt)} />
        <DataTable.Col source="lastUsedAt" disableSort render={(station: Station) => (station.lastUsedAt ? format.dateTime(station.lastUsedAt) : translate('reemploi.stations.never'))} />
        <DataTable.Col source="revokedAt" disableSort>
          <StatusChip />
        </DataTable.Col>
        <DataTable.Col label="" disableSort>
          <RevokeStationButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
