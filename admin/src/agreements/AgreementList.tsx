import { DataTable, List, useTranslate } from 'react-admin';
import { Typography } from '@mui/material';
import { AgreementStatusChip } from './AgreementStatusChip.js';
import { useAgreementFormat } from './useAgreementFormat.js';
import { COMMITMENT_FIELDS, type Agreement } from './types.js';


/** « 1 000 appareils donnés · 600 habitants équipés · … », short enough for one table cell. */
const CommitmentsSummary = ({ agreement }: { agreement: Agreement }) => {
  const translate = useTranslate();
  const format = useAgreementFormat();
  return (
    <Typography variant="body2" component="span">
      {COMMITMENT_FIELDS.map((field) => translate(`resources.agreements.summary.${field}`, { smart_count: agreement[field], count: format.integer(agreement[field]) })).join(' · ')}
    </Typography>
  );
};

export const AgreementList = () => {
  const translate = useTranslate();
  const format = useAgreementFormat();
  return (
    <List exporter={false} sort={{ field: 'startsOn', order: 'DESC' }} title={translate('resources.agreements.title')}>
      <Typography color="text.secondary" sx={{ px: 2, pt: 2, maxWidth: 900 }}>
        {translate('resources.agreements.intro')}
      </Typography>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="partner" sx={{ fontWeight: 600 }} />
        <DataTable.Col source="startsOn" label="resources.agreements.fields.period" render={(agreement: Agreement) => format.period(agreement)} />
        <DataTable.Col label="resources.agreements.fields.status" disableSort render={(agreement: Agreement) => <AgreementStatusChip agreement={agreement} />} />
        <DataTable.Col label="resources.agreements.fields.commitments" disableSort render={(agreement: Agreement) => <CommitmentsSummary agreement={agreement} />} />
      </DataTable>
    </List>
  );
};
