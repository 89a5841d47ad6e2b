import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/** How long a client is asked to wait before trying again while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Issue #20 §10: while the database cannot serve (the embedded server restarting, the server of
 * DATABASE_URL unreachable), every request is answered 503 with `Retry-After` (errorHandler), not
 * 500: a load balancer takes the instance out, a client knows to come back.
 */
export function databaseUnavailable(reason: string): AppError {
  return new AppError(503, 'DATABASE_UNAVAILABLE', 'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques secondes.', { reason });
}

/** Network errors of the driver and PostgreSQL's own "shutting down / starting up / connection lost" (class 57P, class 08 but 08P01). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
/** The same, from node-postgres and knex, which say it without a code. */
const CONNECTION_MESSAGES = /Connection terminated|connection error and is not queryable|Timeout acquiring a connection/;

/** The database could not be reached, as opposed to refusing a query: worth a 503, not a 500. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (typeof code === 'string' && CONNECTION_CODES.has(code)) || (typeof message === 'string' && CONNECTION_MESSAGES.test(message));
}

/** Why, for /api/health and the logs; the driver's code only (its message names hosts and ports). */
export function unreachableReason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return `Le serveur de base de données est injoignable (${typeof code === 'string' ? code : 'connexion perdue'}).`;
}

/** First under /api: while the supervisor of the embedded server knows it is down, answer at once. */
export function databaseOutageGate(outage: () => string | undefined): RequestHandler {
  return (_req, _res, next) => {
    const reason = outage();
    next(reason ? databaseUnavailable(reason) : undefined);
  };
}
