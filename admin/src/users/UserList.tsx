import { Chip } from '@mui/material';
import { DataTable, List, SearchInput, SelectInput, useTranslate } from 'react-admin';
import { useFormat } from '../i18n/useFormat.js';
import type { User } from '../types.js';
import { roleChoices } from './choices.js';
import { ToggleActiveButton } from './ToggleActiveButton.js';

const userFilters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />];

export const UserList = () => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <List filters={userFilters} exporter={false} sort={{ field: 'name', order: 'ASC' }}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="name" sx={{ fontWeight: 600 }} />
        <DataTable.Col source="email" />
        <DataTable.Col source="role" render={(user: User) => translate(`resources.users.roles.${user.role}`)} />
        <DataTable.Col source="territory" />
        <DataTable.Col
          source="active"
          render={(user: User) => (
            <Chip
              size="small"
              label={translate(user.active ? 'ra.boolean.true' : 'ra.boolean.false')}
              sx={user.active ? { bgcolor: '#d3eedb', color: '#114d1f' } : { bgcolor: '#f8d6d4', color: '#8b1610' }}
            />
          )}
        />
        <DataTable.Col
          source="lastLoginAt"
          render={(user: User) => (user.lastLoginAt ? format.dateTime(user.lastLoginAt) : translate('resources.users.never'))}
        />
        <DataTable.Col label="" disableSort>
          <ToggleActiveButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
