import { DateInput, Edit, maxLength, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import type { FactorRecord } from '../dashboard/types.js';
import { DecimalInput } from '../forms/DecimalInput.js';
import { CALENDAR_DAYS, frenchDay, todayInParis } from '../../../api/core/bounds.js';
import { FACTOR_FIGURES, isMeaningfulSource, SOURCE_MIN_LETTERS, type FactorFigure } from '../../../api/factors/factor-bounds.js';
import { decimalValue } from '../forms/decimal.js';

/** api/factors/factor.entity.ts's list (not imported: the entity module pulls MikroORM into the bundle). */
const AVOIDED_METHODS = ['manufacturing', 'per_year'] as const satisfies readonly FactorRecord['avoidedMethod'][];

/** What the API lets an admin change (the rest — type, author, dates — is the server's). */
const FIELDS = [
  'massKg',
  'massSource',
  'manufacturingKgco2e',
  'manufacturingSource',
  'avoidedMethod',
  'avoidedKgco2ePerYear',
  'avoidedSource',
  'secondLifeYears',
  'secondLifeSource',
  'referenceNewPriceEur',
  'priceSource',
  'version',
  'publishedOn',
] as const;

/** The figures, typed with a decimal comma or point, are sent as numbers. */
const FIGURES = new Set<string>(['massKg', 'manufacturingKgco2e', 'avoidedKgco2ePerYear', 'secondLifeYears', 'referenceNewPriceEur']);

const toUpdate = (data: Record<string, unknown>) =>
  Object.fromEntries(
    FIELDS.map((field) => [field, FIGURES.has(field) ? decimalValue(data[field]) : field === 'publishedOn' ? data[field] || null : data[field] ?? null]),
  );

/** The API's rule (api/factors/factor-bounds.ts): a source names something, « 000 » does not. */
const meaningfulSource = (value: unknown) =>
  typeof value === 'string' && value.trim() && !isMeaningfulSource(value) ? { message: 'resources.factors.source_letters', args: { count: SOURCE_MIN_LETTERS } } : undefined;
const validateSource = [required('resources.factors.source_required'), meaningfulSource, maxLength(2000)];
/** A published figure: not before 2000, not in the future. */
const publishedRange = (value: unknown) =>
  typeof value === 'string' && value && (value < CALENDAR_DAYS.earliest || value > todayInParis())
    ? { message: 'resources.factors.published_range', args: { earliest: frenchDay(CALENDAR_DAYS.earliest) } }
    : undefined;

const FactorTitle = () => {
  const translate = useTranslate();
  const factor = useRecordContext<FactorRecord>();
  return <span>{factor ? translate('resources.factors.edit_title', { type: translate(`resources.devices.types.${factor.deviceType}`) }) : ''}</span>;
};

/** One figure and its source side by side: changing one without the other is what we want to avoid. */
const FigureWithSource = ({ figure, source }: { figure: FactorFigure; source: string }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '260px 1fr' }, columnGap: 2, alignItems: 'start' }}>
    <DecimalInput source={figure} min={FACTOR_FIGURES[figure].min} max={FACTOR_FIGURES[figure].max} />
    <TextInput source={source} validate={validateSource} multiline minRows={2} />
  </Box>
);

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
      {translate(title)}
    </Typography>
  );
};

export const FactorEdit = () => {
  const translate = useTranslate();
  const methodChoices = AVOIDED_METHODS.map((method) => ({ id: method, name: translate(`resources.factors.methods.${method}`) }));
  return (
    <Edit title={<FactorTitle />} mutationMode="pessimistic" redirect="list" transform={toUpdate}>
      {/* a factor is corrected, never deleted: the API has no such route */}
      <SimpleForm toolbar={<Toolbar><SaveButton /></Toolbar>} sx={{ maxWidth: 1100 }}>
        <Typography color="text.secondary">{translate('resources.factors.intro')}</Typography>
        <Box sx={{ width: '100%' }}>
          <Section title="resources.factors.sections.mass" />
          <FigureWithSource figure="massKg" source="massSource" />
          <Section title="resources.factors.sections.co2e" />
          <SelectInput source="avoidedMethod" choices={methodChoices} validate={required()} sx={{ minWidth: 360 }} />
          <FigureWithSource figure="manufacturingKgco2e" source="manufacturingSource" />
          <FigureWithSource figure="avoidedKgco2ePerYear" source="avoidedSource" />
          <FigureWithSource figure="secondLifeYears" source="secondLifeSource" />
          <Section title="resources.factors.sections.price" />
          <FigureWithSource figure="referenceNewPriceEur" source="priceSource" />
          <Section title="resources.factors.sections.version" />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 260px' }, columnGap: 2 }}>
            <TextInput source="version" validate={[required(), maxLength(120)]} />
            <DateInput source="publishedOn" validate={publishedRange} />
          </Box>
        </Box>
      </SimpleForm>
    </Edit>
  );
};
