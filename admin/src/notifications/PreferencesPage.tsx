import { useEffect, useId, useState, type FormEvent } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Alert, Box, Button, Card, CardContent, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { getSessionUser } from '../providers/session.js';
import { EMAIL_PREFERENCES, type EmailPreference, type EmailPreferenceState } from './types.js';

/**
 * GET /api/me does not carry the e-mail preference yet: the last choice made here is kept in
 * this browser, and a future `emailPreference` / `emailEnabled` in /api/me wins over it.
 */
const storageKey = () => `reemploi.emailPreference.${getSessionUser()?.id ?? 'anonymous'}`;

function readStored(): Partial<EmailPreferenceState> {
  try {
    return JSON.parse(localStorage.getItem(storageKey()) ?? '{}') as Partial<EmailPreferenceState>;
  } catch {
    return {};
  }
}

const isPreference = (value: unknown): value is EmailPreference => EMAIL_PREFERENCES.includes(value as EmailPreference);

export const PreferencesPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const legendId = useId();
  const me = useQuery({ queryKey: ['me'], queryFn: () => dataProvider.getMe() });
  const [known, setKnown] = useState<Partial<EmailPreferenceState>>(readStored);
  const [choice, setChoice] = useState<EmailPreference | ''>(known.emailPreference ?? '');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const fromServer = me.data;
    if (!fromServer) return;
    const update: Partial<EmailPreferenceState> = {};
    if (isPreference(fromServer.emailPreference)) update.emailPreference = fromServer.emailPreference;
    if (typeof fromServer.emailEnabled === 'boolean') update.emailEnabled = fromServer.emailEnabled;
    if (!Object.keys(update).length) return;
    setKnown((old) => ({ ...old, ...update }));
    if (update.emailPreference) setChoice(update.emailPreference);
  }, [me.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setSaving(true);
    try {
      const saved = await dataProvider.setEmailPreference(choice);
      localStorage.setItem(storageKey(), JSON.stringify(saved));
      setKnown(saved);
      notify('reemploi.preferences.saved', { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

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
