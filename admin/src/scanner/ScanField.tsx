import type { FocusEvent, FormEvent, ReactNode, Ref } from 'react';
import { IconButton, InputAdornment, TextField } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';

interface ScanFieldProps {
  id: string;
  inputRef?: Ref<HTMLInputElement>;
  label: string;
  helperText?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (event: FormEvent) => void;
  onBlur?: (event: FocusEvent<HTMLInputElement>) => void;
  /** Accessible name of the submit button. */
  submitLabel: string;
  submitIcon?: ReactNode;
  autoFocus?: boolean;
  disabled?: boolean;
  /** `large` for an asset tag read from across the bench, `medium` for a secondary scan (a disk's serial). */
  size?: 'large' | 'medium';
  error?: boolean;
}

/**
 * The big field a USB barcode scanner types into (characters then Enter): no autocorrect, no
 * capitalisation surprises, a submit button for people who type.
 */
export const ScanField = ({ id, inputRef, label, helperText, value, onChange, onSubmit, onBlur, submitLabel, submitIcon, autoFocus, disabled, size = 'large', error }: ScanFieldProps) => (
  <form onSubmit={onSubmit} autoComplete="off">
    <TextField
      inputRef={inputRef}
      id={id}
      label={label}
      helperText={helperText}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      autoFocus={autoFocus}
      disabled={disabled}
      error={error}
      fullWidth
      variant="outlined"
      sx={{ '& input': { fontSize: size === 'large' ? { xs: '1.3rem', sm: '1.75rem' } : { xs: '1.15rem', sm: '1.35rem' } } }}
      slotProps={{
        htmlInput: {
          autoCapitalize: 'characters',
          spellCheck: false,
          autoCorrect: 'off',
          enterKeyHint: 'search',
          style: { fontWeight: 600, letterSpacing: '0.04em', padding: size === 'large' ? '16px' : '12px 14px' },
        },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton type="submit" aria-label={submitLabel} edge="end" size="large" disabled={disabled}>
                {submitIcon ?? <SearchIcon fontSize="large" />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  </form>
);
