import { CreateButton, DataTable, List, SearchInput, SelectInput, useTranslate } from 'react-admin';
import { Card, CardContent, Typography } from '@mui/material';
import { useCan, useRole } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { CardLine, CardTitle, PhoneList } from '../layout/PhoneList.js';
import { ListActions } from '../layout/ListActions.js';
import { usePhone } from '../layout/usePhone.js';
import { SiteFilter } from '../devices/SiteFilter.js';
import { BatchProgress } from './BatchProgress.js';
import { BatchStatusChip } from './BatchStatusChip.js';
import { formatDayShort } from './format.js';
import { BATCH_STATUSES, type Batch } from './types.js';

const useBatchFilters = () => {
  const translate = useTranslate();
  const role = useRole();
  // the partner never sees batches in preparation
  const statuses = BATCH_STATUSES.filter((status) => role !== 'partner' || status !== 'draft').map((id) => ({
    id,
    name: `resources.batches.statuses.${id}`,
  }));
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.batches.fields.q')} />,
    <SelectInput key="status" source="status" choices={statuses} alwaysOn />,
    <SiteFilter key="site" source="site" alwaysOn />,
  ];
};

/** On a phone: reference and status, then the site, the planned day and the number of devices. */
const BatchCards = () => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <PhoneList<Batch> testId="batch-card" link={(batch) => `/batches/${batch.id}/show`}>
      {(batch) => (
        <>
          <CardTitle title={batch.reference} status={<BatchStatusChip status={batch.status} />} />
          <CardLine parts={[batch.site]} />
          <CardLine
            parts={[
              batch.plannedAt ? translate('reemploi.handover.queue.planned', { date: formatDayShort(batch.plannedAt, format.locale) }) : translate('reemploi.handover.queue.not_planned'),
              translate('reemploi.handover.queue.devices', { smart_count: batch.deviceCount }),
            ]}
          />
        </>
      )}
    </PhoneList>
  );
};

/** No batch yet: say what a batch is for, and (for the depot) how to start one. */
const BatchEmpty = () => {
  const translate = useTranslate();
  const canCreate = useCan('create', 'batches');
  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <CardContent>
        <Typography variant="h6" component="h1" gutterBottom>
          {translate('resources.batches.empty_title')}
        </Typography>
        <Typography sx={{ mb: 2 }}>{translate(canCreate ? 'resources.batches.empty_depot' : 'resources.batches.empty_partner')}</Typography>
        {canCreate && <CreateButton label="resources.batches.new" variant="contained" size="large" />}
      </CardContent>
    </Card>
  );
};

export const BatchList = () => {
  const filters = useBatchFilters();
  const format = useFormat();
  const phone = usePhone();
  const canCreate = useCan('create', 'batches');
  // no empty toolbar when there is nothing to create (on a phone it shows as a blank band)
  const actions = canCreate ? <ListActions><CreateButton label="resources.batches.new" /></ListActions> : false;
  return (
    <List filters={filters} actions={actions} empty={<BatchEmpty />} exporter={false} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
      {phone ? <BatchCards /> : <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="reference" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} />
        <DataTable.Col source="status" render={(batch: Batch) => <BatchStatusChip status={batch.status} />} />
        <DataTable.Col source="site" />
        <DataTable.Col
          source="plannedAt"
          label="resources.batches.fields.plannedAtShort"
          render={(batch: Batch) => formatDayShort(batch.plannedAt, format.locale) || '—'}
          sx={{ whiteSpace: 'nowrap' }}
        />
        <DataTable.NumberCol source="deviceCount" disableSort />
        <DataTable.Col source="progress" label="resources.batches.fields.progress" disableSort render={(batch: Batch) => <BatchProgress status={batch.status} />} />
      </DataTable>}
    </List>
  );
};
