import type { AuthProvider } from 'react-admin';
import { canAccess, type Action } from '../../../api/core/permissions.js';
import { apiJson, API_URL, authHeaders } from './http.js';
import { offerProviderSignOut, saveProviderSession } from '../sign-in/providerSession.js';
import { clearSession, getSessionUser, getToken, isTokenExpired, saveSession, type SessionUser } from './session.js';

/** The API refuses these (devices are withdrawn, accounts deactivated, events are append-only): never offer them. */
const UNDELETABLE: readonly string[] = ['devices', 'users', 'events'];
/** Lists are not exported and records not cloned from the back office. */
const NEVER_OFFERED: readonly string[] = ['export', 'clone'];

export const authProvider: AuthProvider = {
  async login({ email, password }: { email: string; password: string }) {
    const { token, user } = await apiJson<{ token: string; user: SessionUser }>(`${API_URL}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    saveSession(token, user);
    saveProviderSession(null);
  },
  async logout() {
    // the server revokes the session on every instance: a copied token is worthless after sign-out;
    // offline or already refused (401), the session is cleared here all the same
    const token = getToken();
    if (token && !isTokenExpired(token)) await fetch(`${API_URL}/auth/logout`, { method: 'POST', headers: authHeaders() }).catch(() => undefined);
    offerProviderSignOut();
    clearSession();
  },
  async checkAuth() {
    const token = getToken();
    if (!token || isTokenExpired(token) || !getSessionUser()) {
      clearSession();
      throw new Error('ra.auth.auth_check_error');
    }
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      clearSession();
      throw new Error('reemploi.auth.session_expired');
    }
    // a 403 is a refused action, not a lost session: the page shows the message, the user stays signed in
  },
  async getIdentity() {
    const user = getSessionUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { id: user.id, fullName: user.name };
  },
  async getPermissions() {
    return getSessionUser()?.role;
  },
  async canAccess({ action, resource }) {
    if (NEVER_OFFERED.includes(action)) return false;
    if (action === 'delete' && UNDELETABLE.includes(resource)) return false;
    return canAccess(getSessionUser()?.role, action as Action, resource);
  },
};
