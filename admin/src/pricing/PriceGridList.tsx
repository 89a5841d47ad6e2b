import { DataTable, List, useTranslate } from 'react-admin';
import { Chip, Typography } from '@mui/material';
import { useReportFormat } from '../dashboard/useReportFormat.js';
import { LegalCaps } from './LegalCaps.js';
import type { PriceGridVersion } from './types.js';

/** In force, to come, or ended: what a reader needs before the dates. */
export const VersionState = ({ version }: { version: PriceGridVersion }) => {
  const translate = useTranslate();
  if (version.current) return <Chip size="small" color="success" label={translate('resources.price-grids.current')} />;
  const upcoming = version.validUntil === null || version.validFrom > new Date().toISOString().slice(0, 10);
  return <Chip size="small" variant="outlined" label={translate(`resources.price-grids.${upcoming ? 'upcoming' : 'past'}`)} />;
};

export function useVersionPeriod() {
  const translate = useTranslate();
  const format = useReportFormat();
  return (version: PriceGridVersion) =>
    version.validUntil
      ? translate('resources.price-grids.period', { from: format.day(version.validFrom), to: format.day(version.validUntil) })
      : translate('resources.price-grids.from', { from: format.day(version.validFrom) });
}

/** The grid's versions, the latest first (admins add one; partner, depot and steering committee read them), and the legal caps. */
export const PriceGridList = () => {
  const translate = useTranslate();
  const period = useVersionPeriod();
  return (
    <List exporter={false} sort={{ field: 'validFrom', order: 'DESC' }} title={translate('resources.price-grids.title')}>
      <Typography color="text.secondary" sx={{ px: 2, pt: 2, maxWidth: 900 }}>
        {translate('resources.price-grids.intro')}
      </Typography>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="label" sx={{ fontWeight: 600 }} disableSort />
        <DataTable.Col source="validFrom" label="resources.price-grids.fields.period" render={(version: PriceGridVersion) => period(version)} />
        <DataTable.Col label="resources.price-grids.fields.state" disableSort render={(version: PriceGridVersion) => <VersionState version={version} />} />
        <DataTable.Col
          source="source"
          disableSort
          render={(version: PriceGridVersion) => (
            <Typography variant="body2" sx={{ maxWidth: 520, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }} title={version.source}>
              {version.source}
            </Typography>
          )}
        />
      </DataTable>
      <LegalCaps />
    </List>
  );
};
