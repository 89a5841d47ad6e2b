import { DataTable, List, SelectInput, TopToolbar, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { Button, Typography } from '@mui/material';
import StationIcon from '@mui/icons-material/CleaningServices';
import { useFormat } from '../i18n/useFormat.js';
import { resultChoices, sourceChoices, techniqueChoices } from './choices.js';
import { ResultChip } from './ResultChip.js';
import type { SanitizationRecord } from './types.js';

const sanitizationFilters = [
  <SelectInput key="result" source="result" choices={resultChoices} alwaysOn />,
  <SelectInput key="technique" source="technique" choices={techniqueChoices} alwaysOn sx={{ minWidth: 260 }} />,
  <SelectInput key="source" source="source" choices={sourceChoices} alwaysOn />,
];

const SanitizationListActions = () => {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <Button component={Link} to="/wiping" startIcon={<StationIcon />}>
        {translate('reemploi.menu.wiping')}
      </Button>
    </TopToolbar>
  );
};

/** Every wipe, newest first: the register an auditor asks for. Records are append-only: no edit, no delete. */
export const SanitizationList = () => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <List
      filters={sanitizationFilters}
      actions={<SanitizationListActions />}
      exporter={false}
      sort={{ field: 'finishedAt', order: 'DESC' }}
      perPage={25}
    >
      <DataTable rowClick={(_id, _resource, record) => `/devices/${(record as SanitizationRecord).device}/show`} bulkActionButtons={false}>
        <DataTable.Col source="finishedAt" render={(record: SanitizationRecord) => format.dateTime(record.finishedAt)} sx={{ whiteSpace: 'nowrap' }} />
        <DataTable.Col source="assetTag" disableSort sx={{ fontWeight: 700, whiteSpace: 'nowrap' }} />
        <DataTable.Col source="mediumSerialNumber" disableSort sx={{ whiteSpace: 'nowrap' }} />
        <DataTable.Col
          source="technique"
          render={(record: SanitizationRecord) => (
            <>
              {translate(`resources.sanitizations.techniques.${record.technique}`)}
              <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                {translate(`resources.sanitizations.categories.${record.category}`)}
              </Typography>
            </>
          )}
        />
        <DataTable.Col source="tool" disableSort render={(record: SanitizationRecord) => [record.tool, record.toolVersion].filter(Boolean).join(' ')} />
        <DataTable.Col
          source="result"
          render={(record: SanitizationRecord) => (
            <>
              <ResultChip result={record.result} kind="record" />
              {record.errors && (
                <Typography variant="body2" color="error.dark" sx={{ mt: 0.5, maxWidth: 260 }}>
                  {record.errors}
                </Typography>
              )}
            </>
          )}
        />
        <DataTable.Col source="operatorName" disableSort />
        <DataTable.Col source="source" disableSort render={(record: SanitizationRecord) => translate(`resources.sanitizations.sources.${record.source}`)} />
      </DataTable>
    </List>
  );
};
