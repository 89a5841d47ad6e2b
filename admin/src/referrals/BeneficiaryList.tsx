import { CreateButton, DataTable, List, SearchInput, useTranslate } from 'react-admin';
import { useFormat } from '../i18n/useFormat.js';
import { CardLine, CardTitle, PhoneList } from '../layout/PhoneList.js';
import { ListActions } from '../layout/ListActions.js';
import { usePhone } from '../layout/usePhone.js';
import type { Beneficiary } from './types.js';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

const place = (person: Beneficiary) => [person.postcode, person.commune].filter(Boolean).join(' ') || '—';

/** On a phone: the person's name, then where they live and why they are eligible. */
const BeneficiaryCards = () => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <PhoneList<Beneficiary> testId="beneficiary-card" link={(person) => `/beneficiaries/${person.id}/show`}>
      {(person) => (
        <>
          <CardTitle title={[person.lastName, person.firstName].filter(Boolean).join(' ') || '—'} />
          <CardLine parts={[person.birthYear && translate('resources.beneficiaries.born', { year: person.birthYear }), place(person)]} />
          <CardLine parts={[translate(`resources.beneficiaries.eligibility.${person.eligibility}`), format.date(person.createdAt)]} />
        </>
      )}
    </PhoneList>
  );
};

/** The people of the territory (every read is logged by the API). */
export const BeneficiaryList = () => {
  const translate = useTranslate();
  const format = useFormat();
  const phone = usePhone();
  return (
    <List
      filters={filters}
      actions={<ListActions><CreateButton resource="referrals" label="reemploi.referrals.menu.new" /></ListActions>}
      exporter={false}
      sort={{ field: 'lastName', order: 'ASC' }}
      perPage={25}
    >
      {phone ? (
        <BeneficiaryCards />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="lastName" render={(person: Beneficiary) => person.lastName ?? '—'} sx={{ fontWeight: 600 }} />
          <DataTable.Col source="firstName" render={(person: Beneficiary) => person.firstName ?? '—'} />
          <DataTable.Col source="birthYear" disableSort render={(person: Beneficiary) => person.birthYear ?? '—'} />
          <DataTable.Col source="commune" disableSort render={place} />
          <DataTable.Col source="eligibility" disableSort render={(person: Beneficiary) => translate(`resources.beneficiaries.eligibility.${person.eligibility}`)} />
          <DataTable.Col source="createdAt" render={(person: Beneficiary) => format.date(person.createdAt)} />
        </DataTable>
      )}
    </List>
  );
};
