import { DataTable, List, SearchInput, SelectInput, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { Link } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { kindChoices } from './choices.js';
import { ResultChip } from './ResultChip.js';
import type { Medium } from './types.js';

const useMediaFilters = () => {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.media.fields.q')} sx={{ minWidth: 260 }} />,
    <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
  ];
};

/** Every disk recorded, with its last wipe; a row opens its device. */
export const MediaList = () => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <List filters={useMediaFilters()} exporter={false} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick={(_id, _resource, medium) => `/devices/${(medium as Medium).device}/show`} bulkActionButtons={false}>
        <DataTable.Col source="serialNumber" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} />
        <DataTable.Col source="kind" render={(medium: Medium) => translate(`resources.media.kinds.${medium.kind}`)} />
        <DataTable.Col source="model" disableSort />
        <DataTable.Col source="capacityGb" disableSort render={(medium: Medium) => format.number(medium.capacityGb)} />
        <DataTable.Col
          source="assetTag"
          disableSort
          render={(medium: Medium) => (
            <Link component={RouterLink} to={`/devices/${medium.device}/show`} onClick={(event) => event.stopPropagation()} sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
              {medium.assetTag}
            </Link>
          )}
        />
        <DataTable.Col source="lastResult" disableSort render={(medium: Medium) => <ResultChip result={medium.lastResult} />} />
        <DataTable.Col source="createdAt" render={(medium: Medium) => format.dateTime(medium.createdAt)} />
      </DataTable>
    </List>
  );
};
