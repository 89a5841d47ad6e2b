import { Show, useRecordContext, useTranslate } from 'react-admin';
import { Box, Stack, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { formatEuros } from '../referrals/money.js';
import type { Category, GradedType } from '../../../api/pricing/price-grid.js';
import { GridTable } from './GridTable.js';
import { LegalCaps } from './LegalCaps.js';
import { useVersionPeriod, VersionState } from './PriceGridList.js';
import type { PriceGridVersion } from './types.js';

const Title = () => {
  const translate = useTranslate();
  const version = useRecordContext<PriceGridVersion>();
  return <span>{version ? translate('resources.price-grids.show_title', { label: version.label }) : ''}</span>;
};

const GridContent = () => {
  const translate = useTranslate();
  const format = useFormat();
  const period = useVersionPeriod();
  const version = useRecordContext<PriceGridVersion>();
  if (!version) return null;
  const { criteria, prices } = version.rules;
  const unit = { minRamGb: ' Go', minStorageGb: ' Go', minBatteryHealthPct: ' %', minCpuGeneration: '' } as const;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">{version.label}</Typography>
        <VersionState version={version} />
        <Typography color="text.secondary">{period(version)}</Typography>
      </Stack>
      <Typography variant="body2" color="text.secondary">{translate('resources.price-grids.thresholds_help')}</Typography>
      <GridTable
        cells={{
          threshold: (type, category, criterion) => {
            const value = criteria[type as GradedType][category][criterion];
            if (criterion === 'ssdRequired') return translate(`resources.price-grids.${value ? 'yes' : 'no'}`);
            return value === null ? translate('resources.price-grids.not_checked') : `≥ ${format.number(value as number)}${unit[criterion]}`;
          },
          price: (type, category) => {
            const euros = (prices as Record<string, Partial<Record<Category, number>>>)[type]?.[category];
            return euros === undefined ? '—' : <strong>{formatEuros(euros, format.locale)}</strong>;
          },
        }}
      />
      <Box>
        <Typography variant="subtitle2" component="h3">{translate('resources.price-grids.sections.source')}</Typography>
        <Typography variant="body2">{version.source}</Typography>
      </Box>
    </Stack>
  );
};

export const PriceGridShow = () => (
  <Show title={<Title />} actions={false}>
    <GridContent />
    <LegalCaps />
  </Show>
);
