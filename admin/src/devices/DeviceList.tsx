import {
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { Box } from '@mui/material';
import { useCan, useRole } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import type { Device } from '../types.js';
import { statusChoices, typeChoices } from './choices.js';
import { PrintLabelsButton } from './PrintLabelsButton.js';
import { SiteFilter } from './SiteFilter.js';
import { StatusChip } from './StatusChip.js';
import { MissingChip } from '../audits/MissingChip.js';
import { PARTNER_VISIBLE_STATUSES } from '../../../api/core/permissions.js';

const useDeviceFilters = () => {
  const translate = useTranslate();
  const role = useRole();
  const statuses = role === 'partner' ? statusChoices.filter(({ id }) => (PARTNER_VISIBLE_STATUSES as readonly string[]).includes(id)) : statusChoices;
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.devices.fields.q')} sx={{ minWidth: 280 }} />,
    <SelectInput key="status" source="status" choices={statuses} alwaysOn />,
    <SelectInput key="type" source="type" choices={typeChoices} alwaysOn />,
    <SiteFilter key="site" source="site" alwaysOn />,
    <NullableBooleanInput
      key="labelPrinted"
      source="labelPrinted"
      label="resources.devices.fields.labelPrinted"
      trueLabel="resources.devices.filters.label_printed"
      falseLabel="resources.devices.filters.label_not_printed"
      alwaysOn
    />,
  ];
};

const DeviceListActions = () => {
  const canCreate = useCan('create', 'devices');
  return <TopToolbar>{canCreate && <CreateButton />}</TopToolbar>;
};

export const DeviceList = () => {
  const filters = useDeviceFilters();
  const canPrintLabels = useCan('show', 'labels');
  const format = useFormat();
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      actions={<DeviceListActions />}
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
    >
      <DataTable rowClick="show" bulkActionButtons={canPrintLabels ? <PrintLabelsButton /> : false}>
        <DataTable.Col source="assetTag" label="resources.devices.fields.assetTagShort" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} />
        <DataTable.Col
          source="type"
          render={(device: Device) => translate(`resources.devices.types.${device.type}`)}
        />
        <DataTable.Col
          source="model"
          label="resources.devices.fields.brandAndModel"
          render={(device: Device) => [device.brand, device.model].filter(Boolean).join(' ')}
        />
        <DataTable.Col source="serialNumber" disableSort sx={{ whiteSpace: 'nowrap' }} />
        <DataTable.Col
          source="status"
          render={(device: Device) => (
            <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
              <StatusChip status={device.status} />
              <MissingChip since={device.missingSince} />
            </Box>
          )}
        />
        <DataTable.Col source="site" />
        <DataTable.Col
          source="labelPrintedAt"
          label="resources.devices.fields.labelPrinted"
          render={(device: Device) =>
            device.labelPrintedAt ? format.date(device.labelPrintedAt) : translate('resources.devices.label_to_print')
          }
        />
      </DataTable>
    </List>
  );
};
