import { CreateButton, DataTable, List, SearchInput, TopToolbar, useTranslate } from 'react-admin';
import { useFormat } from '../i18n/useFormat.js';
import type { Beneficiary } from './types.js';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

/** The people of the territory (every read is logged by the API). */
export const BeneficiaryList = () => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <List
      filters={filters}
      actions={<TopToolbar><CreateButton resource="referrals" label="reemploi.referrals.menu.new" /></TopToolbar>}
      exporter={false}
      sort={{ field: 'lastName', order: 'ASC' }}
      perPage={25}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="lastName" render={(person: Beneficiary) => person.lastName ?? '—'} sx={{ fontWeight: 600 }} />
        <DataTable.Col source="firstName" render={(person: Beneficiary) => person.firstName ?? '—'} />
        <DataTable.Col source="birthYear" disableSort render={(person: Beneficiary) => person.birthYear ?? '—'} />
        <DataTable.Col source="commune" disableSort render={(person: Beneficiary) => [person.postcode, person.commune].filter(Boolean).join(' ') || '—'} />
        <DataTable.Col source="eligibility" disableSort render={(person: Beneficiary) => translate(`resources.beneficiaries.eligibility.${person.eligibility}`)} />
        <DataTable.Col source="createdAt" render={(person: Beneficiary) => format.date(person.createdAt)} />
      </DataTable>
    </List>
  );
};
