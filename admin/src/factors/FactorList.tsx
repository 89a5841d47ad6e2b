import { DataTable, List, useTranslate } from 'react-admin';
import { Box, Chip, Typography } from '@mui/material';
import { isDemoValue } from '../../../api/factors/source-catalogue.js';
import { SourceCatalogue } from './SourceCatalogue.js';
import { useCan } from '../providers/hooks.js';
import { useReportFormat } from '../dashboard/useReportFormat.js';
import type { FactorRecord } from '../dashboard/types.js';
import { formatDecimal } from '../forms/decimal.js';

/** A figure and, under it, where it comes from (the sources are long: document, publisher, year, address). */
const Figure = ({ value, source }: { value: string | null; source: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 130, maxWidth: 220 }}>
      <Typography sx={{ fontWeight: 600 }} color={value === null ? 'warning.main' : undefined}>
        {value ?? translate('resources.factors.empty_value')}
      </Typography>
      {value !== null && isDemoValue(source) && <Chip size="small" color="warning" variant="outlined" label={translate('resources.factors.demo_value')} sx={{ my: 0.5 }} />}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' }} title={source}>
        {source}
      </Typography>
    </Box>
  );
};

export const FactorList = () => {
  const translate = useTranslate();
  const format = useReportFormat();
  const canEdit = useCan('edit', 'factors');
  const number = (value: number | null, unit: (value: number) => string) => (value === null ? null : unit(value));
  /** A factor is shown exactly as stored (2,45 kg, not rounded to 2,5 kg): it is the figure the admin typed. */
  const exact = (unit: string) => (value: number) => `${formatDecimal(value, format.locale)}\u00a0${unit}`;
  return (
    <List exporter={false} pagination={false} perPage={50} sort={{ field: 'id', order: 'ASC' }} title={translate('resources.factors.title')}>
      <Typography color="text.secondary" sx={{ px: 2, pt: 2, maxWidth: 900 }}>
        {translate('resources.factors.intro')}
      </Typography>
      <DataTable rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="deviceType" sx={{ fontWeight: 600 }} render={(factor: FactorRecord) => translate(`resources.devices.types.${factor.deviceType}`)} />
        <DataTable.Col source="massKg" disableSort render={(factor: FactorRecord) => <Figure value={number(factor.massKg, exact('kg'))} source={factor.massSource} />} />
        <DataTable.Col
          source="manufacturingKgco2e"
          disableSort
          render={(factor: FactorRecord) => <Figure value={number(factor.manufacturingKgco2e, exact('kg CO2e'))} source={factor.manufacturingSource} />}
        />
        <DataTable.Col
          source="avoidedMethod"
          disableSort
          render={(factor: FactorRecord) => (
            <Typography variant="body2" sx={{ minWidth: 150 }}>
              {translate(`resources.factors.methods.${factor.avoidedMethod}`)}
            </Typography>
          )}
        />
        <DataTable.Col
          source="referenceNewPriceEur"
          disableSort
          render={(factor: FactorRecord) => <Figure value={number(factor.referenceNewPriceEur, format.euro)} source={factor.priceSource} />}
        />
        <DataTable.Col
          source="version"
          disableSort
          render={(factor: FactorRecord) => (
            <Box sx={{ minWidth: 150, maxWidth: 190 }}>
              <Typography variant="body2">{factor.version}</Typography>
              <Typography variant="caption" color="text.secondary" component="p">
                {factor.publishedOn ? format.day(factor.publishedOn) : '—'}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="p">
                {translate('resources.factors.fields.updatedAt')} {format.dateTime(factor.updatedAt)}
              </Typography>
            </Box>
          )}
        />
      </DataTable>
      <SourceCatalogue />
    </List>
  );
};
