import { DataTable, List, SelectInput, useTranslate } from 'react-admin';
import { Chip, Stack } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import type { AccessRequest } from './types.js';
import { ApproveAccessButton, RefuseAccessButton } from './ApproveAccessButton.js';

const STATUSES = ['pending', 'approved', 'refused'] as const;
const COLOURS = { pending: { bgcolor: '#fff1c2', color: '#5c4300' }, approved: { bgcolor: '#d3eedb', color: '#114d1f' }, refused: { bgcolor: '#f8d6d4', color: '#8b1610' } };

/** « groups : GG-A, GG-B — department : UTPAS Roubaix »: what the provider said, for the admin to decide. */
const claimsText = (request: AccessRequest) =>
  Object.entries(request.claims)
    .filter(([name]) => !['email', 'name', 'given_name', 'family_name', 'usual_name'].includes(name))
    .map(([name, values]) => `${name} : ${values.join(', ')}`)
    .join(' — ');

export const AccessRequestList = () => {
  const translate = useTranslate();
  const format = useFormat();
  const statusChoices = STATUSES.map((id) => ({ id, name: translate(`reemploi.oidc.statuses.${id}`) }));
  return (
    <List exporter={false} filters={[<SelectInput key="status" source="status" choices={statusChoices} alwaysOn />]} filterDefaultValues={{ status: 'pending' }} sort={{ field: 'requestedAt', order: 'DESC' }}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort sx={{ fontWeight: 600 }} />
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="provider" disableSort />
        <DataTable.Col source="claims" disableSort render={claimsText} />
        <DataTable.Col source="requestedAt" render={(request: AccessRequest) => format.dateTime(request.requestedAt)} />
        <DataTable.Col
          source="status"
          disableSort
          render={(request: AccessRequest) => <Chip size="small" label={translate(`reemploi.oidc.statuses.${request.status}`)} sx={COLOURS[request.status]} />}
        />
        <DataTable.Col label="" disableSort>
          <Stack direction="row" spacing={1}>
            <ApproveAccessButton />
            <RefuseAccessButton />
          </Stack>
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
