import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ProviderContext } from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider, the certified implementation) on a local port, for the
 * sign-in tests: one confidential client for Réemploi, accounts with the claims a directory gives
 * (groups, department), its development login form (any password), no consent screen.
 */
export interface TestAccount {
  email?: string;
  name?: string;
  groups?: string[];
  department?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Test hooks on the next ID tokens: another audience, or already expired. Reset with `{}`. */
  tweak(tweaks: { audience?: string; expired?: boolean }): void;
  /** The provider stops answering (its port closes). */
  stop(): Promise<void>;
}

export const TEST_CLIENT_ID = 'reemploi-test';
export const TEST_CLIENT_SECRET = 'a-test-client-secret-that-is-long-enough-0123456789';

/** A port that was free a moment ago (the provider's issuer must be known before it listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startTestProvider(options: { redirectUri: string; postLogoutRedirectUri: string }): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  let tweaks: { audience?: string; expired?: boolean } = {};
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'], groups: ['groups', 'department'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx: ProviderContext, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // a first-party client: no consent screen, the requested scopes are granted
    async loadExistingGrant(ctx: ProviderContext) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(String(ctx.oidc.params!.scope));
      await grant.save();
      return grant;
    },
  });
  const idToken = provider.IdToken.prototype as { issue: (options?: { use?: string; expiresAt?: number }) => Promise<string>; client: unknown; set(key: string, value: unknown): void };
  const issue = idToken.issue;
  idToken.issue = function (this: typeof idToken, issueOptions) {
    if (issueOptions?.use !== 'idtoken') return issue.call(this, issueOptions);
    const now = Math.floor(Date.now() / 1000);
    if (tweaks.audience) {
      const audience = tweaks.audience;
      this.client = new Proxy(this.client as object, { get: (target, key) => (key === 'clientId' ? audience : Reflect.get(target, key)) });
    }
    if (tweaks.expired) {
      this.set('iat', now - 3600);
      return issue.call(this, { ...issueOptions, expiresAt: now - 1800 });
    }
    return issue.call(this, issueOptions);
  };
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    accounts,
    tweak(next) {
      tweaks = next;
    },
    stop: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

/** The environment that points Réemploi at this provider. */
export function providerEnvironment(provider: TestProvider, publicUrl: string): Record<string, string> {
  return {
    PUBLIC_URL: publicUrl,
    OIDC_PROVIDERS: 'departement',
    OIDC_DEPARTEMENT_NAME: 'Compte du Département',
    OIDC_DEPARTEMENT_ISSUER: provider.issuer,
    OIDC_DEPARTEMENT_CLIENT_ID: provider.clientId,
    OIDC_DEPARTEMENT_CLIENT_SECRET: provider.clientSecret,
    OIDC_DEPARTEMENT_SCOPES: 'openid email profile groups',
  };
}

/**
 * What a browser does at the provider, over plain HTTP: follows its redirects with its cookies,
 * fills the login form as `login`, and stops at Réemploi's callback URL, which it returns.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    form = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      if (url.startsWith(callbackPrefix)) return url;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action || !html.includes('name="login"')) throw new Error(`unexpected page at the provider (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    form = new URLSearchParams({ prompt: 'login', login, password: 'any' });
  }
  throw new Error('too many redirects at the provider');
}
