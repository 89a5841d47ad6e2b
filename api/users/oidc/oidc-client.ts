import * as client from 'openid-client';
import { isLocalHttp, type OidcProviderConfig } from './oidc-config.js';

/** The provider could not be reached (down, timeout, 5xx): the user may try again later. */
export class ProviderUnavailable extends Error {}
/** The provider answered, but the answer failed a check (state, nonce, signature, audience, dates...). */
export class SignInRefused extends Error {}

/** What the browser must keep until it comes back: bound to it by a signed cookie (login-transaction.ts). */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedSignIn {
  issuer: string;
  subject: string;
  /** The ID token's claims, completed by the UserInfo endpoint's when there is one (ProConnect gives e-mail there). */
  claims: Record<string, unknown>;
  /** The provider's end-session address for this session, when it has one. */
  endSessionUrl: string | null;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** A fetch that failed, timed out, or a provider answering 5xx: walks the error's causes. */
export function isUnreachable(error: unknown): boolean {
  for (let current = error as { name?: string; message?: string; code?: string; status?: number; cause?: unknown } | undefined, depth = 0; current && depth < 6; current = current.cause as typeof current, depth++) {
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    if (current.name === 'TypeError' && current.message === 'fetch failed') return true;
    if (current.code && NETWORK_CODES.has(current.code)) return true;
    if (typeof current.status === 'number' && current.status >= 500) return true;
  }
  return false;
}

/**
 * One provider's client: discovery once (retried after a failure), the authorization URL with
 * PKCE, state and nonce, and the callback's checks. The ID token's signature is verified against
 * the provider's published keys (openid-client skips it by default for a token received over TLS).
 */
export function makeOidcClient(provider: OidcProviderConfig, clockTolerance: number) {
  let configuration: Promise<client.Configuration> | undefined;

  const discover = () => {
    configuration ??= client
      .discovery(
        new URL(provider.issuer),
        provider.clientId,
        { client_secret: provider.clientSecret, [client.clockTolerance]: clockTolerance },
        client.ClientSecretPost(provider.clientSecret),
        { execute: isLocalHttp(new URL(provider.issuer)) ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .then((found) => {
        client.enableNonRepudiationChecks(found);
        return found;
      })
      .catch((error: unknown) => {
        configuration = undefined;
        throw isUnreachable(error) ? new ProviderUnavailable('discovery failed', { cause: error }) : new SignInRefused('discovery refused', { cause: error });
      });
    return configuration;
  };

  async function authorizationUrl(): Promise<{ url: string; checks: LoginChecks }> {
    const found = await discover();
    const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(found, {
      redirect_uri: provider.redirectUrl,
      scope: provider.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, checks };
  }

  /** `query` is the callback page's query string, as the provider sent it back. */
  async function verifyCallback(query: string, checks: LoginChecks): Promise<VerifiedSignIn> {
    const found = await discover();
    const currentUrl = new URL(provider.redirectUrl);
    currentUrl.search = query;
    try {
      const tokens = await client.authorizationCodeGrant(found, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const userInfo = found.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(found, tokens.access_token, idClaims.sub) : {};
      const endSession = found.serverMetadata().end_session_endpoint
        ? client.buildEndSessionUrl(found, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: provider.postLogoutRedirectUrl }).href
        : null;
      return { issuer: idClaims.iss, subject: idClaims.sub, claims: { ...userInfo, ...idClaims }, endSessionUrl: endSession };
    } catch (error) {
      throw isUnreachable(error) ? new ProviderUnavailable('provider unreachable', { cause: error }) : new SignInRefused('callback refused', { cause: error });
    }
  }

  return { authorizationUrl, verifyCallback };
}

export type OidcClient = ReturnType<typeof makeOidcClient>;
