import { CreateButton, DataTable, List, SearchInput, SelectInput, TopToolbar, useTranslate } from 'react-admin';
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

export const BatchList = () => {
  const filters = useBatchFilters();
  const format = useFormat();
  return (
    <List filters={filters} actions={<BatchListActions />} exporter={false} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
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
