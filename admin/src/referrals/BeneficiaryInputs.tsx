import { NumberInput, SelectInput, TextInput, maxValue, minValue, regex, required } from 'react-admin';
import { Box } from '@mui/material';
import { ELIGIBILITY_BASES } from './types.js';

export const ELIGIBILITY_CHOICES = ELIGIBILITY_BASES.map((id) => ({ id, name: `resources.beneficiaries.eligibility.${id}` }));

const CURRENT_YEAR = new Date().getFullYear();
const validateName = [required()];
const validateBirthYear = [required(), minValue(1900), maxValue(CURRENT_YEAR - 10)];
const validatePostcode = [required(), regex(/^\d{5}$/, 'reemploi.referrals.form.postcode_invalid')];
const validatePhone = [regex(/^\s*(\+33|0)[1-9](\s?\d{2}){4}\s*$/, 'reemploi.referrals.form.phone_invalid')];

/**
 * The person's minimal data (RGPD): shared by the referral form (new person) and the rectification
 * form, so the two never drift. No free text about the person's situation, on purpose.
 */
export const BeneficiaryInputs = () => (
  <Box sx={{ display: 'grid', columnGap: 2, rowGap: 0, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, width: '100%' }}>
    <TextInput source="firstName" resource="beneficiaries" validate={validateName} autoComplete="off" />
    <TextInput source="lastName" resource="beneficiaries" validate={validateName} autoComplete="off" />
    <NumberInput source="birthYear" resource="beneficiaries" validate={validateBirthYear} step={1} />
    <SelectInput source="eligibility" resource="beneficiaries" choices={ELIGIBILITY_CHOICES} validate={required()} />
    <TextInput source="postcode" resource="beneficiaries" validate={validatePostcode} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }} />
    <TextInput source="commune" resource="beneficiaries" />
    <TextInput source="phone" resource="beneficiaries" validate={validatePhone} type="tel" />
  </Box>
);
