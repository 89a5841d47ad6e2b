import type React from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { useSites } from '../providers/hooks.js';

interface SiteAutocompleteProps {
  label: string;
  value: string;
  onChange: (site: string) => void;
  helperText?: React.ReactNode;
  error?: boolean;
  required?: boolean;
  /** Sites not to propose (e.g. where the device already is). */
  exclude?: string;
  autoFocus?: boolean;
  id?: string;
  onBlur?: () => void;
}

/** Known sites from the API, but any new name may be typed: a new depot is not an error. */
export const SiteAutocomplete = ({ label, value, onChange, helperText, error, required, exclude, autoFocus, id, onBlur }: SiteAutocompleteProps) => {
  const { data: sites = [] } = useSites();
  const options = sites.map((site) => site.name).filter((name) => name !== exclude);
  return (
    <Autocomplete
      freeSolo
      options={options}
      value={value}
      inputValue={value}
      onInputChange={(_event, text) => onChange(text)}
      onChange={(_event, choice) => onChange(choice ?? '')}
      onBlur={onBlur}
      renderInput={(params) => (
        <TextField
          {...params}
          id={id}
          label={label}
          helperText={helperText}
          error={error}
          required={required}
          autoFocus={autoFocus}
        />
      )}
    />
  );
};
