/**
 * The OpenID Connect providers Réemploi offers on its login page, read from the environment:
 * `OIDC_PROVIDERS=departement,proconnect`, then for each id `OIDC_<ID>_ISSUER`, `_CLIENT_ID`,
 * `_CLIENT_SECRET`, and optionally `_NAME` (the button's label), `_SCOPES`, `_REDIRECT_URL`.
 */
export interface OidcProviderConfig {
  /** In URLs and the administration log: lower-case letters, digits and dashes. */
  id: string;
  /** On the login button: « Se connecter avec <name> ». */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Where the provider sends the browser back: the back office's callback page. */
  redirectUrl: string;
  /** Where the provider's end-session sends the browser after signing out. */
  postLogoutRedirectUrl: string;
}

/** Seconds of clock difference tolerated with a provider when checking an ID token's dates. */
export const DEFAULT_CLOCK_TOLERANCE = 60;
export const MAX_CLOCK_TOLERANCE = 300;

const PROVIDER_ID = /^[a-z][a-z0-9-]{0,29}$/;

const envName = (id: string, field: string) => `OIDC_${id.toUpperCase().replace(/-/g, '_')}_${field}`;

function required(env: NodeJS.ProcessEnv, id: string, field: string): string {
  const value = env[envName(id, field)]?.trim();
  if (!value) throw new Error(`${envName(id, field)} is required for the OpenID Connect provider "${id}"`);
  return value;
}

function httpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: not a URL`);
  }
  if (url.protocol !== 'https:' && !isLocalHttp(url)) throw new Error(`${name}: https:// is required (http:// only on localhost)`);
  return value.replace(/\/$/, '');
}

/** Plain HTTP is accepted only on this machine (development and tests). */
export function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function readProvider(env: NodeJS.ProcessEnv, id: string, publicUrl: string): OidcProviderConfig {
  if (!PROVIDER_ID.test(id)) throw new Error(`OIDC_PROVIDERS: "${id}" must be lower-case letters, digits and dashes`);
  return {
    id,
    name: env[envName(id, 'NAME')]?.trim() || id,
    issuer: httpUrl(required(env, id, 'ISSUER'), envName(id, 'ISSUER')),
    clientId: required(env, id, 'CLIENT_ID'),
    clientSecret: required(env, id, 'CLIENT_SECRET'),
    scopes: env[envName(id, 'SCOPES')]?.trim() || 'openid email profile',
    redirectUrl: httpUrl(env[envName(id, 'REDIRECT_URL')]?.trim() || `${publicUrl}/admin/oidc/callback`, envName(id, 'REDIRECT_URL')),
    postLogoutRedirectUrl: `${publicUrl}/admin/login`,
  };
}

/** Throws a message naming the variable at fault; no provider configured gives an empty list. */
export function readOidcProviders(env: NodeJS.ProcessEnv, publicUrl: string): OidcProviderConfig[] {
  const ids = (env.OIDC_PROVIDERS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (new Set(ids).size !== ids.length) throw new Error('OIDC_PROVIDERS: a provider is named twice');
  const providers = ids.map((id) => readProvider(env, id, publicUrl));
  for (const provider of providers) {
    if (!provider.scopes.split(/\s+/).includes('openid')) throw new Error(`${envName(provider.id, 'SCOPES')} must include openid`);
  }
  return providers;
}

export function readClockTolerance(env: NodeJS.ProcessEnv): number {
  const raw = env.OIDC_CLOCK_TOLERANCE_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_CLOCK_TOLERANCE;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_CLOCK_TOLERANCE) {
    throw new Error(`OIDC_CLOCK_TOLERANCE_SECONDS: a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE}`);
  }
  return seconds;
}
