import { useState, type FormEvent } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { Button, CircularProgress, Stack, TextField } from '@mui/material';
import { ErrorAlert } from '../forms/ErrorAlert.js';

/** E-mail and password; a refused sign-in is announced under the fields. */
export const LoginForm = () => {
  const translate = useTranslate();
  const login = useLogin();
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
        <ErrorAlert message={error} />
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
  );
};
