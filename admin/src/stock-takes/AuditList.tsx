import { CreateButton, DataTable, List, SelectInput, TopToolbar, useTranslate } from 'react-admin';
import { Box, Card, CardContent, Typography } from '@mui/material';
import { useCan } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { SiteFilter } from '../devices/SiteFilter.js';
import { AuditStatusChip } from './AuditStatusChip.js';
import { AUDIT_STATUSES, type Audit } from './types.js';

const statusChoices = AUDIT_STATUSES.map((id) => ({ id, name: `resources.audits.statuses.${id}` }));

const filters = [<SelectInput key="status" source="status" choices={statusChoices} alwaysOn />, <SiteFilter key="site" source="site" alwaysOn />];

const AuditListActions = () => {
  const canCreate = useCan('create', 'audits');
  return <TopToolbar>{canCreate && <CreateButton label="resources.audits.new" variant="contained" />}</TopToolbar>;
};

/** No stock-take yet: say what one is for, and how to start. */
const AuditEmpty = () => {
  const translate = useTranslate();
  const canCreate = useCan('create', 'audits');
  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <CardContent>
        <Typography variant="h6" component="h1" gutterBottom>
          {translate('resources.audits.empty_title')}
        </Typography>
        <Typography sx={{ mb: 2 }}>{translate('resources.audits.empty_text')}</Typography>
        {canCreate && <CreateButton label="resources.audits.new" variant="contained" size="large" />}
      </CardContent>
    </Card>
  );
};

/** A count that matters (missing, unexpected, unknown) stands out when it is not zero. */
const Count = ({ value, alert }: { value: number; alert?: boolean }) => (
  <Box component="span" sx={{ fontWeight: alert && value > 0 ? 800 : 400, color: alert && value > 0 ? 'error.dark' : undefined }}>
    {value}
  </Box>
);

export const AuditList = () => {
  const format = useFormat();
  return (
    <List filters={filters} actions={<AuditListActions />} empty={<AuditEmpty />} exporter={false} sort={{ field: 'startedAt', order: 'DESC' }} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="id" sx={{ whiteSpace: 'nowrap' }} />
        <DataTable.Col source="site" sx={{ fontWeight: 700 }} />
        <DataTable.Col source="status" render={(audit: Audit) => <AuditStatusChip status={audit.status} />} />
        <DataTable.Col source="startedAt" render={(audit: Audit) => format.dateTime(audit.startedAt)} sx={{ whiteSpace: 'nowrap' }} />
        <DataTable.Col source="startedByName" disableSort />
        <DataTable.NumberCol source="expected" disableSort />
        <DataTable.NumberCol source="found" disableSort />
        <DataTable.NumberCol source="missing" disableSort render={(audit: Audit) => <Count value={audit.missing} alert />} />
        <DataTable.NumberCol source="unexpected" disableSort render={(audit: Audit) => <Count value={audit.unexpected} alert />} />
        <DataTable.NumberCol source="unknown" disableSort render={(audit: Audit) => <Count value={audit.unknown} alert />} />
        <DataTable.Col source="closedAt" disableSort render={(audit: Audit) => format.dateTime(audit.closedAt) || '—'} sx={{ whiteSpace: 'nowrap' }} />
      </DataTable>
    </List>
  );
};
