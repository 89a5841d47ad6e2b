import { maxLength, maxValue, minLength, minValue, number, NumberInput, required, SelectInput, TextInput } from 'react-admin';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { gradeChoices, typeChoices } from './choices.js';
import { SiteInput } from './SiteInput.js';

const NEXT_YEAR = new Date().getFullYear() + 1;

const validateType = [required()];
const validateOriginSite = [required(), minLength(2), maxLength(120)];
const validateYear = [number(), minValue(1980), maxValue(NEXT_YEAR)];
const validateRam = [number(), minValue(0), maxValue(4096)];
const validateShortText = [maxLength(64)];
const validateLongText = [maxLength(120)];

/** Only whole numbers: the API refuses 7.5 GB of RAM or the year 2019.5. */
const toInteger = (value: string | number | null) => {
  if (value === null || value === '') return null;
  const parsed = Number(value);
  return Number.isNaN(parsed) ? null : Math.trunc(parsed);
};

const Group = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2, width: '100%' }}>
    <Typography component="legend" variant="h6" sx={{ mb: 1 }}>
      {title}
    </Typography>
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>{children}</Box>
  </Box>
);

/** One set of inputs for both Create and Edit, so the two forms cannot drift apart. */
export const DeviceInputs = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', maxWidth: 960 }}>
      <Group title={translate('resources.devices.sections.identification')}>
        <SelectInput source="type" choices={typeChoices} validate={validateType} />
        <SiteInput source="originSite" validate={validateOriginSite} />
        <TextInput source="brand" validate={validateShortText} />
        <TextInput source="model" validate={validateLongText} />
        <TextInput source="serialNumber" validate={validateShortText} />
        <TextInput source="inventoryNumber" validate={validateShortText} />
        <TextInput source="hostname" validate={validateShortText} />
      </Group>
      <Group title={translate('resources.devices.sections.configuration')}>
        <TextInput source="cpu" validate={validateLongText} />
        <NumberInput source="ramGb" validate={validateRam} parse={toInteger} step={1} />
        <TextInput source="storageSummary" validate={validateLongText} />
        {/* no HTML min/max: the browser would answer with its own (English) bubble instead of ours */}
        <NumberInput source="year" validate={validateYear} parse={toInteger} step={1} />
        <SelectInput source="conditionGrade" choices={gradeChoices} emptyText="—" />
      </Group>
      <TextInput source="notes" multiline minRows={3} fullWidth validate={[maxLength(2000)]} />
    </Box>
  );
};
