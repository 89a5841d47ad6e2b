import { useState, type FormEvent } from 'react';
import { useLocaleState, useLogin, useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { useDocumentLang } from './useDocumentLang.js';

/** Accessible by construction: a main landmark, one h1, labelled fields, errors announced. */
export const LoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [locale, setLocale] = useLocaleState();
  useDocumentLang();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await login({ email, password });
    } catch (loginError) {
      setError((loginError as Error)?.message || translate('reemploi.auth.failed'));
      setSubmitting(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}
    >
      <Card sx={{ width: '100%', maxWidth: 440 }} elevation={2}>
        <CardContent sx={{ p: { xs: 3, sm: 4 } }}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1 }}>
            <LockIcon color="primary" aria-hidden />
            <Typography variant="h4" component="h1" sx={{ fontWeight: 700 }}>
              {translate('reemploi.app.name')}
            </Typography>
          </Stack>
          <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
            Département du Nord
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            {translate('reemploi.app.purpose')}
          </Typography>
          <form onSubmit={submit} noValidate>
            <Stack spacing={2}>
              <TextField
                id="login-email"
                name="email"
                type="email"
                label={translate('reemploi.auth.email')}
                autoComplete="username"
                autoFocus
                required
                fullWidth
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
              <TextField
                id="login-password"
                name="password"
                type="password"
                label={translate('reemploi.auth.password')}
                autoComplete="current-password"
                required
                fullWidth
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
              {error && (
                <Alert severity="error" role="alert">
                  {error}
                </Alert>
              )}
              <Button
                type="submit"
                variant="contained"
                size="large"
                disabled={submitting}
                startIcon={submitting ? <CircularProgress size={18} color="inherit" /> : undefined}
              >
                {translate(submitting ? 'reemploi.auth.signing_in' : 'reemploi.auth.sign_in')}
              </Button>
            </Stack>
          </form>
          <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'center' }} component="nav" aria-label={translate('reemploi.language.choose')}>
            {(['fr', 'en'] as const).map((code) => (
              <Button
                key={code}
                size="small"
                lang={code}
                aria-pressed={locale === code}
                variant={locale === code ? 'outlined' : 'text'}
                onClick={() => setLocale(code)}
              >
                {translate(`reemploi.language.${code}`)}
              </Button>
            ))}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
