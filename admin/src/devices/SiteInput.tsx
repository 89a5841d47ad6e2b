import { InputHelperText, useInput, useTranslate, type Validator } from 'react-admin';
import { SiteAutocomplete } from './SiteAutocomplete.js';

/** react-admin input around SiteAutocomplete, for forms. */
export const SiteInput = ({ source, validate, helperText }: { source: string; validate?: Validator[]; helperText?: string }) => {
  const translate = useTranslate();
  const { field, fieldState, isRequired } = useInput({ source, validate });
  const invalid = !!fieldState.error && (fieldState.isTouched || fieldState.invalid);
  return (
    <SiteAutocomplete
      id={`device-${source}`}
      label={translate(`resources.devices.fields.${source}`)}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      required={isRequired}
      error={invalid}
      helperText={<InputHelperText helperText={helperText} error={invalid ? fieldState.error?.message : undefined} />}
    />
  );
};
