import { maxLength, minLength, NumberInput, required, SelectInput, TextInput, useTranslate } from 'react-admin';
import { Box } from '@mui/material';
import { roleChoices } from '../users/choices.js';
import { useProviders } from './useProviders.js';

const validateClaim = [required(), maxLength(100)];
const validateValue = [required(), maxLength(200)];
const validateTerritory = [minLength(2), maxLength(120)];

/** Shared by Create and Edit. A rule gives a role, a territory, or both (the API refuses a rule that gives nothing). */
export const OidcMappingInputs = () => {
  const translate = useTranslate();
  const providers = useProviders();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2, width: '100%', maxWidth: 900 }}>
      <SelectInput
        source="provider"
        choices={providers}
        emptyText={translate('reemploi.oidc.any_provider')}
        helperText="resources.oidc-mappings.helpers.provider"
      />
      <NumberInput source="priority" min={0} max={10000} step={1} helperText="resources.oidc-mappings.helpers.priority" />
      <TextInput source="claim" validate={validateClaim} helperText="resources.oidc-mappings.helpers.claim" />
      <TextInput source="value" validate={validateValue} helperText="resources.oidc-mappings.helpers.value" />
      <SelectInput source="role" choices={roleChoices} emptyText="—" />
      <TextInput source="territory" validate={validateTerritory} />
    </Box>
  );
};
