import type { ErrorRequestHandler, RequestHandler } from 'express';
import { NotFoundError as OrmNotFoundError, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ZodError } from 'zod';
import { databaseUnavailable, isDatabaseUnreachable, RETRY_AFTER_SECONDS, unreachableReason } from './database-outage.js';

/** A domain error: what went wrong, in words the user can act on, and the HTTP status it maps to. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const invalid = (message: string, details?: unknown) => new AppError(400, 'INVALID_INPUT', message, details);
export const unauthorized = (message = 'Connexion requise.') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = "Votre rôle ne permet pas cette action.") => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} introuvable.`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);

export function fromZodError(error: ZodError, where: string): AppError {
  return invalid(
    `Données invalides (${where}) : ${error.issues.map((issue) => `${issue.path.join('.') || where} — ${issue.message}`).join(' ; ')}`,
    error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code })),
  );
}

/** PostgreSQL error codes we can explain to the user instead of answering 500. */
function fromDatabaseError(error: { code?: string; constraint?: string; detail?: string }): AppError | undefined {
  switch (error.code) {
    case '23505':
      return conflict('ALREADY_EXISTS', 'Cette valeur existe déjà (doublon).', { constraint: error.constraint });
    case '23514':
    case '08P01':
    case '22021':
    case '22P05':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return invalid('Valeur refusée par la base de données.', { constraint: error.constraint });
    case '23503':
      return conflict('REFERENCED', "Cet élément est lié à d'autres données.", { constraint: error.constraint });
    case '40001':
    case '40P01':
      return conflict('CONCURRENT_CHANGE', "Quelqu'un a modifié ces données en même temps : rechargez et recommencez.");
    default:
      return undefined;
  }
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof OptimisticLockError) {
    return conflict('CONCURRENT_CHANGE', "Quelqu'un a modifié cet élément entre-temps : rechargez la page et recommencez.");
  }
  if (error instanceof OrmNotFoundError) return notFound('Élément');
  if (error instanceof UniqueConstraintViolationException) {
    return conflict('ALREADY_EXISTS', 'Cette valeur existe déjà (doublon).');
  }
  const status = (error as { status?: number; statusCode?: number; type?: string })?.status;
  // body-parser errors (malformed JSON, body too large, bad charset) carry their own 4xx status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') return new AppError(413, 'PAYLOAD_TOO_LARGE', 'Le contenu envoyé est trop volumineux.');
    if (type === 'entity.parse.failed') return invalid('Le corps de la requête n’est pas un JSON valide.');
    return new AppError(status, 'BAD_REQUEST', 'Requête invalide.');
  }
  if (isDatabaseUnreachable(error)) return databaseUnavailable(unreachableReason(error));
  const databaseError = (error as { code?: string })?.code ? fromDatabaseError(error as { code?: string }) : undefined;
  if (databaseError) return databaseError;
  const cause = (error as { cause?: unknown })?.cause;
  return cause && cause !== error ? toAppError(cause) : undefined;
}

/**
 * PostgreSQL text cannot hold a NUL character: a request carrying one in its path or query is
 * refused here rather than breaking the database connection's protocol.
 */
export const rejectNulCharacters: RequestHandler = (req, _res, next) => {
  let decodedUrl = req.originalUrl;
  try {
    decodedUrl = decodeURIComponent(req.originalUrl);
  } catch {
    next(invalid("L'adresse de la requête est mal encodée."));
    return;
  }
  // in the body: checked by checkJsonBody's walk (upload-guards.ts)
  if (decodedUrl.includes('\u0000')) {
    next(invalid('Les caractères nuls ne sont pas acceptés.'));
    return;
  }
  next();
};

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'ROUTE_NOT_FOUND', `Aucune route ${req.method} ${req.path}.`));
};

/** The one place where errors become HTTP answers: `{error: {code, message, details}}`. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  if (appError) {
    if (appError.status === 503 && !res.get('Retry-After')) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message, details: appError.details } });
    return;
  }
  req.log?.error({ err: error, req: { id: req.id, method: req.method, path: req.originalUrl.split('?')[0] } }, 'unexpected error');
  res.status(500).json({
    error: { code: 'INTERNAL_ERROR', message: `Erreur interne. Référence à transmettre au support : ${String(req.id ?? '')}.` },
  });
};
