import { InputHelperText, useInput, useTranslate } from 'react-admin';
import { Checkbox, FormControl, FormControlLabel, FormHelperText } from '@mui/material';

const mustConsent = (value: unknown) => (value === true ? undefined : 'reemploi.referrals.form.consent_required');

/** A real checkbox (not a switch) whose label says what the person agrees to: RGPD consent must be informed. */
export const ConsentInput = ({ source = 'consent' }: { source?: string }) => {
  const translate = useTranslate();
  const { field, fieldState, formState } = useInput({ source, validate: mustConsent, defaultValue: false });
  const showError = !!fieldState.error && (fieldState.isTouched || formState.isSubmitted);
  return (
    <FormControl required error={showError} sx={{ my: 1 }}>
      <FormControlLabel
        control={
          <Checkbox
            id="referral-consent"
            checked={field.value === true}
            onChange={(event) => field.onChange(event.target.checked)}
            onBlur={field.onBlur}
            slotProps={{ input: { ref: field.ref, 'aria-describedby': showError ? 'referral-consent-error' : undefined } }}
          />
        }
        label={translate('reemploi.referrals.form.consent')}
        sx={{ alignItems: 'flex-start', '& .MuiCheckbox-root': { mt: -1 } }}
      />
      {showError && (
        <FormHelperText id="referral-consent-error">
          <InputHelperText error={fieldState.error?.message} />
        </FormHelperText>
      )}
    </FormControl>
  );
};
