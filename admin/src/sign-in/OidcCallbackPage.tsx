import { useEffect, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Box, Button, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import HourglassIcon from '@mui/icons-material/HourglassTop';
import { apiJson, API_URL } from '../providers/http.js';
import { saveSession } from '../providers/session.js';
import { useDocumentLang } from '../layout/useDocumentLang.js';
import { saveProviderSession } from './providerSession.js';
import type { OidcCallbackResult } from './types.js';
import { ErrorAlert } from '../forms/ErrorAlert.js';

/** The callback is used once (the server drops its cookie): React's double effects in development must not send it twice. */
const sent = new Map<string, Promise<OidcCallbackResult>>();
function finishSignIn(query: string): Promise<OidcCallbackResult> {
  if (!sent.has(query)) sent.set(query, apiJson<OidcCallbackResult>(`${API_URL}/auth/oidc/callback`, { method: 'POST', body: JSON.stringify({ query }) }));
  return sent.get(query)!;
}

type State = { step: 'checking' } | { step: 'pending'; name: string; provider: string } | { step: 'refused'; message: string };

const Frame = ({ children }: { children: ReactNode }) => (
  <Box component="main" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}>
    <Card sx={{ width: '100%', maxWidth: 520 }} elevation={2}>
      <CardContent sx={{ p: { xs: 3, sm: 4 } }}>{children}</CardContent>
    </Card>
  </Box>
);

/**
 * Where the identity provider sends the browser back (`/admin/oidc/callback?code=…&state=…`):
 * the server checks everything; the agent is signed in, told to wait for an admin, or told why not.
 */
export const OidcCallbackPage = () => {
  const translate = useTranslate();
  useDocumentLang();
  const [state, setState] = useState<State>({ step: 'checking' });

  useEffect(() => {
    finishSignIn(window.location.search).then(
      (result) => {
        if (result.outcome === 'pending') return setState({ step: 'pending', name: result.name, provider: result.provider.name });
        saveSession(result.token, result.user);
        saveProviderSession(result.endSessionUrl ? { name: result.provider.name, endSessionUrl: result.endSessionUrl } : null);
        window.location.replace('/admin/');
      },
      (error: Error) => setState({ step: 'refused', message: error.message }),
    );
  }, []);

  const backToLogin = (
    <Button href="/admin/login" variant="outlined" sx={{ mt: 3 }}>
      {translate('reemploi.oidc.back_to_login')}
    </Button>
  );
  if (state.step === 'checking') {
    return (
      <Frame>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} role="status">
          <CircularProgress size={24} />
          <Typography component="h1" variant="h6">
            {translate('reemploi.oidc.checking')}
          </Typography>
        </Stack>
      </Frame>
    );
  }
  if (state.step === 'pending') {
    return (
      <Frame>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 2 }}>
          <HourglassIcon color="primary" aria-hidden />
          <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
            {translate('reemploi.oidc.pending_title')}
          </Typography>
        </Stack>
        <Typography>{translate('reemploi.oidc.pending_text', { name: state.name, provider: state.provider })}</Typography>
        {backToLogin}
      </Frame>
    );
  }
  return (
    <Frame>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700, mb: 2 }}>
        {translate('reemploi.auth.failed')}
      </Typography>
      <ErrorAlert message={state.message} />
      {backToLogin}
    </Frame>
  );
};
