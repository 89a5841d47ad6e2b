import { Create, DataTable, Edit, List, SimpleForm, useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import type { OidcMapping } from './types.js';
import { OidcMappingInputs } from './OidcMappingInputs.js';

/** Empty fields are sent as null: the API reads « no role » and « every provider » that way. */
const withNulls = (data: Record<string, unknown>) => ({
  ...data,
  provider: data.provider || null,
  role: data.role || null,
  territory: data.territory || null,
  priority: data.priority ?? 100,
});

export const OidcMappingList = () => {
  const translate = useTranslate();
  return (
    <List exporter={false} pagination={false} sort={{ field: 'priority', order: 'ASC' }}>
      <Typography sx={{ px: 2, pt: 2, maxWidth: 900 }}>{translate('reemploi.oidc.mappings_intro')}</Typography>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="priority" disableSort />
        <DataTable.Col source="provider" disableSort render={(rule: OidcMapping) => rule.provider ?? translate('reemploi.oidc.any_provider')} />
        <DataTable.Col source="claim" disableSort render={(rule: OidcMapping) => <Box component="span" sx={{ fontFamily: 'monospace' }}>{rule.claim}</Box>} />
        <DataTable.Col source="value" disableSort sx={{ fontWeight: 600 }} />
        <DataTable.Col source="role" disableSort render={(rule: OidcMapping) => (rule.role ? translate(`resources.users.roles.${rule.role}`) : '—')} />
        <DataTable.Col source="territory" disableSort render={(rule: OidcMapping) => rule.territory ?? '—'} />
      </DataTable>
    </List>
  );
};

export const OidcMappingCreate = () => (
  <Create redirect="list" title="resources.oidc-mappings.new" transform={withNulls}>
    <SimpleForm defaultValues={{ claim: 'groups', priority: 100 }}>
      <OidcMappingInputs />
    </SimpleForm>
  </Create>
);

export const OidcMappingEdit = () => (
  <Edit redirect="list" mutationMode="pessimistic" transform={withNulls}>
    <SimpleForm>
      <OidcMappingInputs />
    </SimpleForm>
  </Edit>
);
