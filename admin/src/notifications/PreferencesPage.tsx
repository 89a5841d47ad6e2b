import { useId } from 'react';
import { Title, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { EMAIL_PREFERENCES, type EmailPreference } from './types.js';
import { useEmailPreference } from './useEmailPreference.js';

/** "Mes préférences": how often the user gets e-mails about their notifications. */
export const PreferencesPage = () => {
  const translate = useTranslate();
  const legendId = useId();
  const { known, choice, setChoice, saving, save } = useEmailPreference();

  return (
    <Box sx={{ maxWidth: 720, mt: 2 }}>
      <Title title={translate('reemploi.preferences.title')} />
      <Typography variant="h5" component="h1" sx={{ fontWeight: 800, mb: 2 }}>
        {translate('reemploi.preferences.title')}
      </Typography>
      <Card>
        <CardContent component="form" onSubmit={save}>
          <Typography variant="h6" component="h2" gutterBottom>
            {translate('reemploi.preferences.email_title')}
          </Typography>
          <Typography sx={{ mb: 2 }}>{translate('reemploi.preferences.email_intro')}</Typography>
          {known.emailEnabled === false && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {translate('reemploi.preferences.email_disabled')}
            </Alert>
          )}
          <FormControl component="fieldset">
            <FormLabel component="legend" id={legendId} sx={{ mb: 1, color: 'text.primary', fontWeight: 600 }}>
              {translate('reemploi.preferences.email_legend')}
            </FormLabel>
            <RadioGroup aria-labelledby={legendId} value={choice} onChange={(event) => setChoice(event.target.value as EmailPreference)}>
              {EMAIL_PREFERENCES.map((preference) => (
                <FormControlLabel
                  key={preference}
                  value={preference}
                  control={<Radio />}
                  sx={{ alignItems: 'flex-start', mb: 1.5, '& .MuiRadio-root': { mt: -0.75 } }}
                  label={
                    <>
                      <Typography component="span" sx={{ fontWeight: 600, display: 'block' }}>
                        {translate(`reemploi.preferences.choices.${preference}`)}
                      </Typography>
                      <Typography component="span" variant="body2" sx={{ color: 'text.secondary', display: 'block' }}>
                        {translate(`reemploi.preferences.explanations.${preference}`)}
                      </Typography>
                    </>
                  }
                />
              ))}
            </RadioGroup>
          </FormControl>
          {!known.emailPreference && (
            <Typography variant="body2" sx={{ color: 'text.secondary', mb: 2 }}>
              {translate('reemploi.preferences.unknown_current')}
            </Typography>
          )}
          <Box>
            <Button type="submit" variant="contained" disabled={!choice || saving || choice === known.emailPreference}>
              {translate('reemploi.preferences.save')}
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
};
