import { useWatch } from 'react-hook-form';
import { BooleanInput, email, maxLength, minLength, PasswordInput, required, SelectInput, TextInput, type Validator } from 'react-admin';
import { Box } from '@mui/material';
import { roleChoices } from './choices.js';

/** Same rule as the API: at least 5 different characters, so "aaaaaaaaaaaa" is refused before sending. */
const distinctCharacters: Validator = (value: string | undefined) =>
  value && new Set(value).size < 5 ? 'reemploi.validation.password_distinct' : undefined;

/**
 * Same rule as the API (api/users/password-policy.ts): nothing taken from the e-mail address.
 * The common-password list stays on the server; its refusal comes back on this field.
 */
const notFromEmail: Validator = (value: string | undefined, values: { email?: string }) => {
  const local = (values?.email ?? '').split('@')[0].toLowerCase();
  const words = [local, ...local.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 4)].filter((word) => word.length >= 3);
  const found = value ? words.find((word) => value.normalize('NFKC').toLowerCase().includes(word)) : undefined;
  return found ? { message: 'reemploi.validation.password_email', args: { word: found } } : undefined;
};

const validatePassword = [minLength(12), maxLength(200), distinctCharacters, notFromEmail];
const validateNewPassword = [required(), ...validatePassword];
const validateName = [required(), minLength(2), maxLength(120)];
const validateEmail = [required(), email(), maxLength(254)];
const validateTerritoryRequired = [required('reemploi.validation.territory_required'), minLength(2), maxLength(120)];
const validateTerritoryOptional = [minLength(2), maxLength(120)];

/** Shared by Create and Edit: on Edit the e-mail is fixed and the password field resets it. */
export const UserInputs = ({ mode }: { mode: 'create' | 'edit' }) => {
  const role = useWatch({ name: 'role' });
  const territoryRequired = role === 'social_worker';
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2, width: '100%', maxWidth: 900 }}>
      <TextInput source="name" validate={validateName} />
      <TextInput source="email" type="email" validate={validateEmail} disabled={mode === 'edit'} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <TextInput
        // remount when the rule changes, so the required validator is registered or dropped
        key={territoryRequired ? 'territory-required' : 'territory-optional'}
        source="territory"
        validate={territoryRequired ? validateTerritoryRequired : validateTerritoryOptional}
        helperText="resources.users.helpers.territory"
      />
      {mode === 'create' ? (
        <PasswordInput source="password" validate={validateNewPassword} helperText="resources.users.helpers.password" autoComplete="new-password" />
      ) : (
        <PasswordInput
          source="password"
          label="resources.users.fields.newPassword"
          validate={validatePassword}
          helperText="resources.users.helpers.reset_password"
          autoComplete="new-password"
        />
      )}
      {mode === 'edit' && <BooleanInput source="active" />}
    </Box>
  );
};
