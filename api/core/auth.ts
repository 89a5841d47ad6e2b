import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createSecretKey, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRow } from '../db/plain-sql.js';
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

/** The session a request's token opened: what a sign-out revokes. */
export interface SessionToken {
  /** the token's `jti` */
  id: string;
  /** when the token expires, in seconds since the epoch */
  expiresAt: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthenticatedUser;
    sessionToken?: SessionToken;
  }
}

interface TokenClaims {
  sub: string;
  role: Role;
  /** the user's tokenVersion when the token was issued */
  tv: number;
  /** every token Réemploi signs expires; one that does not was not signed for a session */
  exp?: number;
  /** the session's id, revoked by a sign-out; a token without one could not be signed out */
  jti?: string;
}

const ALGORITHM = 'HS256';
/** PostgreSQL `int`: a larger subject cannot be a user id (and would make the query fail). */
const MAX_USER_ID = 2_147_483_647;
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the session check reads of the user, every request: the columns of `users`, not the entity. */
interface SessionRow extends AuthenticatedUser {
  active: boolean;
  token_version: number;
  /** the token's session was signed out (revoked_sessions) */
  revoked: boolean;
}

/**
 * The user as stored now, by plain SQL on the request's connection: this runs on every request,
 * and MikroORM's findOne (query building, hydration, identity map) cost as much CPU as the
 * query itself. Nothing is cached: a deactivation, a password reset or a sign-out (on any instance)
 * counts from the next request. The sign-out check rides in the same query (a primary key lookup).
 */
async function loadSessionUser(em: EntityManager, id: number, sessionId: string): Promise<SessionRow | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_USER_ID) return undefined;
  return queryRow<SessionRow>(
    em,
    `select id, email, name, role, territory, organisation, active, token_version,
       exists (select 1 from revoked_sessions where jti = ?::uuid) as revoked
     from users where id = ?`,
    [sessionId, id],
  );
}

export function signToken(config: AppConfig, user: { id: number; role: Role; tokenVersion: number }): string {
  const claims: Omit<TokenClaims, 'sub'> = { role: user.role, tv: user.tokenVersion };
  return jwt.sign(claims, config.jwtSecret, {
    algorithm: ALGORITHM,
    expiresIn: config.jwtExpiresIn as jwt.SignOptions['expiresIn'],
    subject: String(user.id),
    issuer: 'reemploi',
    jwtid: randomUUID(),
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
    // a wiping station's token, already checked by stations/station-auth.ts
    if (req.station) return next();
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
    if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || !SESSION_ID.test(claims.jti)) {
      throw unauthorized('Jeton de connexion invalide : reconnectez-vous.');
    }
    const user = await loadSessionUser(em(), Number(claims.sub), claims.jti);
    if (!user || user.active !== true || user.token_version !== claims.tv || user.revoked) {
      throw unauthorized('Ce compte est désactivé ou sa session a été révoquée : reconnectez-vous.');
    }
    req.user = { id: user.id, email: user.email, name: user.name, role: user.role, territory: user.territory, organisation: user.organisation };
    req.sessionToken = { id: claims.jti, expiresAt: claims.exp };
    next();
  };
}

export function currentUser(req: Request): AuthenticatedUser {
  if (!req.user) throw unauthorized();
  return req.user;
}
