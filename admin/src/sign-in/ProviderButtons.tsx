import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Button, CircularProgress, Divider, Stack } from '@mui/material';
import LoginIcon from '@mui/icons-material/AccountBalance';
import { apiJson, API_URL } from '../providers/http.js';
import { useProviders } from './useProviders.js';
import type { OidcProvider } from './types.js';
import { ErrorAlert } from '../forms/ErrorAlert.js';

/** One button per identity provider the server is configured with; nothing when there is none. */
export const ProviderButtons = () => {
  const translate = useTranslate();
  const providers = useProviders();
  const [starting, setStarting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!providers.length) return null;

  const start = async (provider: OidcProvider) => {
    setStarting(provider.id);
    setError(null);
    try {
      const { authorizationUrl } = await apiJson<{ authorizationUrl: string }>(`${API_URL}/auth/oidc/${encodeURIComponent(provider.id)}/start`, { method: 'POST' });
      window.location.assign(authorizationUrl);
    } catch (startError) {
      setError((startError as Error).message);
      setStarting(null);
    }
  };

  return (
    <Stack spacing={2} sx={{ mb: 3 }}>
      {providers.map((provider) => (
        <Button
          key={provider.id}
          variant="contained"
          size="large"
          disabled={starting !== null}
          startIcon={starting === provider.id ? <CircularProgress size={18} color="inherit" /> : <LoginIcon />}
          onClick={() => start(provider)}
        >
          {translate(starting === provider.id ? 'reemploi.oidc.starting' : 'reemploi.oidc.sign_in_with', { name: provider.name })}
        </Button>
      ))}
      <ErrorAlert message={error} />
      <Divider>{translate('reemploi.oidc.or_password')}</Divider>
    </Stack>
  );
};
