import { useEffect, useState } from 'react';
import { apiJson, API_URL } from '../providers/http.js';
import type { OidcProvider } from './types.js';

/** The identity providers the server is configured with (public list, as on the login page). */
export function useProviders(): OidcProvider[] {
  const [providers, setProviders] = useState<OidcProvider[]>([]);
  useEffect(() => {
    apiJson<OidcProvider[]>(`${API_URL}/auth/oidc/providers`).then(setProviders, () => setProviders([]));
  }, []);
  return providers;
}
