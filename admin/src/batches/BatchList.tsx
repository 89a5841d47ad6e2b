import { CreateButton, DataTable, List, SearchInput, SelectInput, TopToolbar, useTranslate } from 'react-admin';
import { Card, CardContent, Typography } from '@mui/material';
import { useCan, useRole } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
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

const BatchListActions = () => {
  const canCreate = useCan('create', 'batches');
  return <TopToolbar>{canCreate && <CreateButton label="resources.batches.new" />}</TopToolbar>;
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
  return (
    <List filters={filters} actions={<BatchListActions />} empty={<BatchEmpty />} exporter={false} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
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
      </DataTable>
    </List>
  );
};
