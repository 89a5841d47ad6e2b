import { InputHelperText, useInput, useTranslate, type Validator } from 'react-admin';
import { SiteAutocomplete } from '../devices/SiteAutocomplete.js';

/** The depot the batch leaves from: a known site, or a new name typed in. */
export const BatchSiteInput = ({ validate }: { validate?: Validator[] }) => {
  const translate = useTranslate();
  const { field, fieldState, isRequired } = useInput({ source: 'site', validate });
  const invalid = !!fieldState.error && (fieldState.isTouched || fieldState.invalid);
  return (
    <SiteAutocomplete
      id="batch-site"
      label={translate('resources.batches.fields.site')}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      required={isRequired}
      error={invalid}
      // the partner's premises are a site too (devices handed over), never a departure depot
      exclude="Emmaüs Connect"
      autoFocus
      helperText={
        <InputHelperText
          helperText={translate('resources.batches.site_helper')}
          error={invalid ? fieldState.error?.message : undefined}
        />
      }
    />
  );
};
