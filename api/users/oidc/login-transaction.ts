import type { Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import type { AppConfig } from '../../config.js';
import type { LoginChecks } from './oidc-client.js';

/**
 * Between the login button and the callback, the state, nonce and PKCE verifier live in a signed,
 * HttpOnly cookie: the callback is accepted only from the browser that started the sign-in (no
 * login CSRF), from any instance of the API, and at most 10 minutes later.
 */
const COOKIE = 'reemploi_oidc';
const COOKIE_PATH = '/api/auth/oidc';
const AUDIENCE = 'reemploi-oidc-login';
const LIFETIME_SECONDS = 600;

export interface LoginTransaction extends LoginChecks {
  provider: string;
}

export function saveLoginTransaction(res: Response, config: AppConfig, transaction: LoginTransaction): void {
  const value = jwt.sign({ ...transaction }, config.jwtSecret, { algorithm: 'HS256', audience: AUDIENCE, issuer: 'reemploi', expiresIn: LIFETIME_SECONDS });
  res.cookie(COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: COOKIE_PATH,
    maxAge: LIFETIME_SECONDS * 1000,
  });
}

/** The transaction of this browser, or undefined when there is none, it expired or it was tampered with. It is used once. */
export function takeLoginTransaction(req: Request, res: Response, config: AppConfig): LoginTransaction | undefined {
  res.clearCookie(COOKIE, { path: COOKIE_PATH });
  const value = readCookie(req.headers.cookie, COOKIE);
  if (!value) return undefined;
  try {
    const claims = jwt.verify(value, config.jwtSecret, { algorithms: ['HS256'], audience: AUDIENCE, issuer: 'reemploi' }) as Partial<LoginTransaction>;
    const { provider, state, nonce, codeVerifier } = claims;
    if (typeof provider !== 'string' || typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string') return undefined;
    return { provider, state, nonce, codeVerifier };
  } catch {
    return undefined;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
