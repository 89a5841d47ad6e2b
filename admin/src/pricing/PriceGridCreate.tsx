import { BooleanInput, Create, DateInput, Loading, maxLength, NumberInput, required, SimpleForm, TextInput, useGetList, useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import { todayInParis } from '../../../api/core/bounds.js';
import { isMeaningfulSource, SOURCE_MIN_LETTERS } from '../../../api/factors/factor-bounds.js';
import { GRID_BOUNDS, type GridRules } from '../../../api/pricing/price-grid.js';
import { DecimalInput } from '../forms/DecimalInput.js';
import { decimalValue } from '../forms/decimal.js';
import { visuallyHidden } from '../accessibility/visuallyHidden.js';
import { GridTable } from './GridTable.js';
import { LegalCaps } from './LegalCaps.js';
import type { PriceGridVersion } from './types.js';

const meaningfulSource = (value: unknown) =>
  typeof value === 'string' && value.trim() && !isMeaningfulSource(value) ? { message: 'resources.price-grids.source_letters', args: { count: SOURCE_MIN_LETTERS } } : undefined;

/** The prices typed with a decimal comma are sent as numbers; an emptied threshold as null (not looked at). */
function toCreate(data: Record<string, unknown>) {
  const rules = data.rules as GridRules;
  const prices = Object.fromEntries(Object.entries(rules.prices).map(([type, byCategory]) => [type, Object.fromEntries(Object.entries(byCategory).map(([category, euros]) => [category, decimalValue(euros)]))]));
  const criteria = Object.fromEntries(
    Object.entries(rules.criteria).map(([type, byCategory]) => [
      type,
      Object.fromEntries(Object.entries(byCategory).map(([category, limits]) => [category, Object.fromEntries(Object.entries(limits).map(([key, value]) => [key, key === 'ssdRequired' ? !!value : value === '' || value === undefined ? null : value]))])),
    ]),
  );
  return { label: data.label, validFrom: data.validFrom, source: data.source, rules: { criteria, prices } };
}

/** Each cell's label is read by screen readers (type, category, criterion), not shown: the table's headers say it. */
const CELL_SX = { width: 110, m: 0, '& .MuiFormHelperText-root': { mx: 0 }, '& .MuiInputLabel-root': visuallyHidden };

/**
 * A new version of the grid, prefilled with the one in force: the admin changes what changes, says
 * from when and where it comes from. The API refuses a price above the legal cap of its type.
 */
export const PriceGridCreate = () => {
  const translate = useTranslate();
  const versions = useGetList<PriceGridVersion>('price-grids', { pagination: { page: 1, perPage: 50 }, sort: { field: 'validFrom', order: 'DESC' } });
  if (versions.isPending) return <Loading />;
  const base = versions.data?.find((version) => version.current) ?? versions.data?.[0];
  const defaultValues = { label: '', validFrom: todayInParis(), source: '', rules: base?.rules };
  return (
    <Create title={translate('resources.price-grids.new')} redirect="show" transform={toCreate}>
      <SimpleForm defaultValues={defaultValues} sx={{ maxWidth: 1200 }}>
        <Typography color="text.secondary">{translate('resources.price-grids.new_intro')}</Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 240px' }, columnGap: 2, width: '100%' }}>
          <TextInput source="label" validate={[required(), maxLength(120)]} />
          <DateInput source="validFrom" validate={required()} />
        </Box>
        <TextInput source="source" validate={[required('resources.price-grids.source_required'), meaningfulSource, maxLength(2000)]} multiline minRows={2} fullWidth />
        <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
          {translate('resources.price-grids.sections.thresholds')}
        </Typography>
        <Typography variant="body2" color="text.secondary">{translate('resources.price-grids.thresholds_help')}</Typography>
        <GridTable
          cells={{
            threshold: (type, category, criterion) => {
              const source = `rules.criteria.${type}.${category}.${criterion}`;
              const label = `${translate(`resources.devices.types.${type}`)} ${translate(`resources.price-grids.categories.${category}`)} — ${translate(`resources.price-grids.criteria.${criterion}`)}`;
              if (criterion === 'ssdRequired') return <BooleanInput source={source} label={label} helperText={false} sx={{ m: 0, '& .MuiFormControlLabel-label': visuallyHidden }} />;
              const range = GRID_BOUNDS[criterion];
              return <NumberInput source={source} label={label} helperText={false} min={range.min} max={range.max} step={1} sx={CELL_SX} />;
            },
            price: (type, category) => (
              <DecimalInput
                source={`rules.prices.${type}.${category}`}
                label={`${translate(`resources.devices.types.${type}`)} ${translate(`resources.price-grids.categories.${category}`)} — €`}
                helperText={false}
                min={GRID_BOUNDS.price.min}
                max={GRID_BOUNDS.price.max}
                validate={required()}
                sx={CELL_SX}
              />
            ),
          }}
        />
        <LegalCaps />
      </SimpleForm>
    </Create>
  );
};
