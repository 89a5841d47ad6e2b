import type { Request, RequestHandler, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditNow, type AdminLogActor } from '../admin-log/admin-log.js';
import { outcomeOfStatus } from '../admin-log/actions.js';
import { forbidden, unauthorized } from '../core/errors.js';
import { operationOf } from '../core/routes.js';
import { hintOf, isStationTokenShape, STATION_TOKEN_PREFIX, tokenMatches } from './station-token.js';

/** The wiping station a request's token belongs to. */
export interface StationPrincipal {
  id: number;
  name: string;
  /** Where the station stands: the site of the devices it creates, unless the request names another. */
  site: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    station?: StationPrincipal;
  }
}

interface TokenRow {
  id: number;
  name: string;
  site: string;
  token_hash: string;
  revoked_at: Date | null;
  user_id: number;
  email: string;
}

export const UNKNOWN_STATION_TOKEN = "Jeton de poste d'effacement inconnu : vérifiez le fichier de configuration du poste.";
export const REVOKED_STATION_TOKEN = "Ce jeton de poste d'effacement a été révoqué : demandez-en un nouveau à un administrateur.";
export const STATION_ROUTE_ONLY = "Un jeton de poste d'effacement sert seulement à envoyer un inventaire (POST /api/inventory) ou un journal nwipe (POST /api/sanitizations/import).";

function readStationToken(req: Request): string | undefined {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token?.startsWith(STATION_TOKEN_PREFIX) ? token : undefined;
}

/** 403 on a route with a role check; 401 on a route open to any account (`/me`), which has no 403 to answer. */
function refusedRoute(req: Request) {
  const declares403 = operationOf(req)?.statuses.includes(403) ?? true;
  return declares403 ? forbidden(STATION_ROUTE_ONLY) : unauthorized(STATION_ROUTE_ONLY);
}

async function findStation(em: EntityManager, token: string): Promise<TokenRow | undefined> {
  if (!isStationTokenShape(token)) return undefined;
  const rows = await em.execute<TokenRow[]>(
    `select s.id, s.name, s.site, s.token_hash, s.revoked_at, s.user_id, u.email
     from station_tokens s join users u on u.id = s.user_id where s.token_hint = ?`,
    [hintOf(token)],
  );
  return rows.find((row) => tokenMatches(token, row.token_hash));
}

/** One line of the administration log per request made with a station's token, written once answered. */
function logStationUse(em: EntityManager, req: Request, res: Response, station: TokenRow): void {
  const actor: AdminLogActor = { id: station.user_id, email: station.email, role: 'it_staff' };
  const route = `/api${req.path}`;
  res.once('close', () => {
    const status = res.writableFinished ? res.statusCode : 499;
    auditNow(em, {
      action: 'station_used',
      outcome: outcomeOfStatus(status),
      actor,
      method: req.method,
      route,
      status,
      targetType: 'stations',
      targetId: station.id,
      details: { name: station.name, site: station.site, ...(typeof req.query.assetTag === 'string' ? { assetTag: req.query.assetTag.slice(0, 32) } : {}) },
    }).catch(() => undefined);
  });
}

/**
 * A request carrying `Authorization: Bearer station_…` is a wiping station's: the token is checked
 * (unknown or revoked: 401), the route must be one of the two a station uses (else 403), and the
 * request then runs as the station's own account, with the station's site. Other requests go on
 * to the session check unchanged.
 */
export function authenticateStation(em: () => EntityManager): RequestHandler {
  return async (req, res, next) => {
    const token = readStationToken(req);
    if (!token) return next();
    const station = await findStation(em(), token);
    if (!station) throw unauthorized(UNKNOWN_STATION_TOKEN);
    logStationUse(em(), req, res, station);
    if (station.revoked_at) throw unauthorized(REVOKED_STATION_TOKEN);
    // the routes a station token opens are those declared `openToStations` (posting an inventory, an nwipe log)
    if (!operationOf(req)?.openToStations) throw refusedRoute(req);
    await em().execute('update station_tokens set last_used_at = now() where id = ?', [station.id]);
    req.station = { id: station.id, name: station.name, site: station.site };
    req.user = { id: station.user_id, email: station.email, name: `Poste d'effacement ${station.name}`, role: 'it_staff', territory: null, organisation: null };
    next();
  };
}
