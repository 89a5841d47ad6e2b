import {
  BulkActionsToolbar,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
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
import { MissingChip } from '../stock-takes/MissingChip.js';
import { CardLine, CardTitle, PhoneList } from '../layout/PhoneList.js';
import { ListActions } from '../layout/ListActions.js';
import { usePhone } from '../layout/usePhone.js';
import { PARTNER_VISIBLE_STATUSES } from '../../../api/core/permissions.js';

/** On a phone only the search and the status stay shown; the other filters are one tap away (« Ajouter un filtre »). */
const useDeviceFilters = (phone: boolean) => {
  const translate = useTranslate();
  const role = useRole();
  const secondary = !phone;
  const statuses = role === 'partner' ? statusChoices.filter(({ id }) => (PARTNER_VISIBLE_STATUSES as readonly string[]).includes(id)) : statusChoices;
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.devices.fields.q')} sx={{ minWidth: 280 }} />,
    <SelectInput key="status" source="status" choices={statuses} alwaysOn />,
    <SelectInput key="type" source="type" choices={typeChoices} alwaysOn={secondary} />,
    <SiteFilter key="site" source="site" alwaysOn={secondary} />,
    <NullableBooleanInput
      key="labelPrinted"
      source="labelPrinted"
      label="resources.devices.fields.labelPrinted"
      trueLabel="resources.devices.filters.label_printed"
      falseLabel="resources.devices.filters.label_not_printed"
      alwaysOn={secondary}
    />,
  ];
};

const DeviceStatus = ({ device }: { device: Device }) => (
  <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
    <StatusChip status={device.status} />
    <MissingChip since={device.missingSince} />
  </Box>
);

/** On a phone: asset tag and status, then type · brand model, then where the device is. */
const DeviceCards = () => {
  const translate = useTranslate();
  return (
    <PhoneList<Device> testId="device-card" link={(device) => `/devices/${device.id}/show`}>
      {(device) => (
        <>
          <CardTitle title={device.assetTag} status={<DeviceStatus device={device} />} />
          <CardLine parts={[translate(`resources.devices.types.${device.type}`), device.brand, device.model]} />
          <CardLine parts={[device.site]} />
        </>
      )}
    </PhoneList>
  );
};

/**
 * react-admin's selection bar slides up over the list's top toolbar, where this list keeps its
 * filters (« Étiquette » and the others were hidden under it): here it takes its own place above
 * the rows instead. Local to this list on purpose: made theme-wide, it let other lists' bars push
 * their page wider than a phone. `&&` outweighs react-admin's own rule (two classes deep).
 */
const BulkActionsInPlace = () => (
  <Box sx={{ '&& .RaBulkActionsToolbar-toolbar': { position: 'relative', transform: 'none' } }}>
    <BulkActionsToolbar>
      <PrintLabelsButton />
    </BulkActionsToolbar>
  </Box>
);

export const DeviceList = () => {
  const phone = usePhone();
  const filters = useDeviceFilters(phone);
  const canPrintLabels = useCan('show', 'labels');
  const format = useFormat();
  const translate = useTranslate();
  const canCreate = useCan('create', 'devices');
  return (
    <List
      filters={filters}
      actions={
        // no empty toolbar when there is nothing to create (on a phone it shows as a blank band)
        phone || canCreate ? (
          <ListActions>
            {phone && <FilterButton />}
            {canCreate && <CreateButton />}
          </ListActions>
        ) : (
          false
        )
      }
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
    >
      {phone ? <DeviceCards /> : <DataTable
        rowClick="show"
        bulkActionButtons={canPrintLabels ? <PrintLabelsButton /> : false}
        bulkActionsToolbar={canPrintLabels ? <BulkActionsInPlace /> : undefined}
      >
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
          render={(device: Device) => <DeviceStatus device={device} />}
        />
        <DataTable.Col source="site" />
        <DataTable.Col
          source="labelPrintedAt"
          label="resources.devices.fields.labelPrinted"
          render={(device: Device) =>
            device.labelPrintedAt ? format.date(device.labelPrintedAt) : translate('resources.devices.label_to_print')
          }
        />
      </DataTable>}
    </List>
  );
};
