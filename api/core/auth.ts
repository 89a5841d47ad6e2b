import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import type { Role } from './permissions.js';
import { unauthorized } from './errors.js';

export interface AuthenticatedUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  territory: string | null;
  /** Partner staff: the organisation whose batches they handle. */
  organisation: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthenticatedUser;
  }
}

interface TokenClaims {
  sub: string;
  role: Role;
  /** the user's tokenVersion when the token was issued */
  tv: number;
  /** every token Réemploi signs expires; one that does not was not signed for a session */
  exp?: number;
}

const ALGORITHM = 'HS256';
/** PostgreSQL `int`: a larger subject cannot be a user id (and would make the query fail). */
const MAX_USER_ID = 2_147_483_647;

/** What the session check reads of the user, every request: the columns of `users`, not the entity. */
interface SessionRow extends AuthenticatedUser {
  active: boolean;
  token_version: number;
}

/**
 * The user as stored now, by plain SQL on the request's connection: this runs on every request,
 * and MikroORM's findOne (query building, hydration, identity map) cost as much CPU as the
 * query itself. Nothing is cached: a deactivation or a password reset counts from the next request.
 */
async function loadSessionUser(em: EntityManager, id: number): Promise<SessionRow | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_USER_ID) return undefined;
  return em.execute<SessionRow>('select id, email, name, role, territory, organisation, active, token_version from users where id = ?', [id], 'get');
}

export function signToken(config: AppConfig, user: { id: number; role: Role; tokenVersion: number }): string {
  const claims: Omit<TokenClaims, 'sub'> = { role: user.role, tv: user.tokenVersion };
  return jwt.sign(claims, config.jwtSecret, {
    algorithm: ALGORITHM,
    expiresIn: config.jwtExpiresIn as jwt.SignOptions['expiresIn'],
    subject: String(user.id),
    issuer: 'reemploi',
  });
}

function readBearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

/**
 * Checks the token (algorithm pinned: `alg: none` and RS/HS confusion are refused) and reloads the
 * user, so a deactivated account or a reset password locks out every open session at once.
 */
export function authenticate(config: AppConfig, em: () => EntityManager): RequestHandler {
  // a key object made once: given the secret as a string, jsonwebtoken first tries to parse it as
  // a public key and builds the secret key from the exception, ~1 ms on every request
  const key = createSecretKey(Buffer.from(config.jwtSecret));
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = readBearer(req);
    if (!token) throw unauthorized();
    let claims: TokenClaims;
    try {
      claims = jwt.verify(token, key, { algorithms: [ALGORITHM], issuer: 'reemploi' }) as unknown as TokenClaims;
    } catch (error) {
      throw unauthorized(
        (error as Error).name === 'TokenExpiredError' ? 'Votre session a expiré : reconnectez-vous.' : 'Jeton de connexion invalide : reconnectez-vous.',
      );
    }
    if (typeof claims.exp !== 'number') throw unauthorized('Jeton de connexion invalide : reconnectez-vous.');
    const user = await loadSessionUser(em(), Number(claims.sub));
    if (!user || user.active !== true || user.token_version !== claims.tv) {
      throw unauthorized('Ce compte est désactivé ou sa session a été révoquée : reconnectez-vous.');
    }
    req.user = { id: user.id, email: user.email, name: user.name, role: user.role, territory: user.territory, organisation: user.organisation };
    next();
  };
}

export function currentUser(req: Request): AuthenticatedUser {
  if (!req.user) throw unauthorized();
  return req.user;
}
