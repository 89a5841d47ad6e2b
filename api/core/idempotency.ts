import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import type { AppContext } from './context.js';
import { currentUser } from './auth.js';
import { AppError, conflict, invalid } from './errors.js';
import { IDEMPOTENCY_KEY_DAYS } from './idempotency-window.js';

/** Header a client sends to make a write safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on an answer that is a replay of the first one. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** Visible ASCII, 8 to 255 characters: a UUID fits, a typo like "1" does not. */
const KEY_PATTERN = /^[\x21-\x7E]{8,255}$/;

export interface Outcome {
  status: number;
  body: unknown;
}

/** JSON with sorted keys: the same body sent by another client library hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": method, path with query string, and body (raw bytes for files). */
export function requestFingerprint(req: Request): string {
  const hash = createHash('sha256').update(`${req.method}\n${req.originalUrl}\n`);
  if (Buffer.isBuffer(req.body)) hash.update(req.body);
  else if (typeof req.body === 'string') hash.update(req.body);
  else hash.update(canonicalJson(req.body ?? null));
  return hash.digest('hex');
}

function send(res: Response, status: number, json: string) {
  res.status(status).type('application/json').send(json);
}

/**
 * Runs a write at most once per user, route and `Idempotency-Key`.
 *
 * The work, the lookup and the stored answer share one transaction, guarded by a transaction-level
 * advisory lock on the key. So: a request that fails or whose server dies leaves no key (PostgreSQL
 * rolls back and frees the lock when the connection drops) and may simply be retried; a retry
 * while the first is still running gets 409; a retry after success gets the first answer, byte for
 * byte, with `Idempotent-Replayed: true`; the same key with another body gets 422.
 * Errors are not stored: a refused request wrote nothing, so running it again is safe.
 * Without the header the write runs as usual.
 */
export async function idempotent(ctx: AppContext, req: Request, res: Response, operation: () => Promise<Outcome>): Promise<void> {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined) {
    const outcome = await operation();
    send(res, outcome.status, JSON.stringify(outcome.body));
    return;
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalid(`L'en-tête ${IDEMPOTENCY_HEADER} doit compter de 8 à 255 caractères ASCII visibles (un UUID, par exemple).`);
  }
  const userId = currentUser(req).id;
  const scope = `${req.method} ${String(req.route?.path ?? req.path)}`.slice(0, 200);
  const requestHash = requestFingerprint(req);

  const answer = await ctx.em().transactional(async (tx: EntityManager) => {
    const [lock] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtextextended(?, 0)) as locked`, [
      `idempotency:${userId}:${scope}:${key}`,
    ]);
    if (!lock.locked) {
      throw conflict(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'Cette opération est encore en cours (même clé d’idempotence) : attendez quelques secondes puis réessayez pour obtenir son résultat.',
      );
    }
    const [stored] = await tx.execute<{ request_hash: string; response_status: number; response_body: string }[]>(
      `select request_hash, response_status, response_body from idempotency_keys where user_id = ? and route = ? and key = ?`,
      [userId, scope, key],
    );
    if (stored) {
      if (stored.request_hash !== requestHash) {
        throw new AppError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Cette clé d’idempotence a déjà servi pour une autre requête (contenu différent) : utilisez une nouvelle clé pour une nouvelle opération.',
        );
      }
      return { status: stored.response_status, json: stored.response_body, replayed: true };
    }
    const outcome = await operation();
    const json = JSON.stringify(outcome.body);
    await tx.execute(
      `insert into idempotency_keys (user_id, route, key, request_hash, response_status, response_body) values (?, ?, ?, ?, ?, ?)`,
      [userId, scope, key, requestHash, outcome.status, json],
    );
    return { status: outcome.status, json, replayed: false };
  });
  if (answer.replayed) res.setHeader(REPLAYED_HEADER, 'true');
  send(res, answer.status, answer.json);
}

/**
 * Scheduled job: keys older than IDEMPOTENCY_KEY_DAYS are forgotten. Not hours: a phone offline over
 * a weekend sends its queued writes days later (see idempotency-window.ts).
 */
export async function purgeIdempotencyKeys(em: EntityManager): Promise<{ purged: number }> {
  const rows = await em.execute<{ key: string }[]>(
    `delete from idempotency_keys where created_at < now() - make_interval(days => ?) returning key`,
    [IDEMPOTENCY_KEY_DAYS],
  );
  return { purged: rows.length };
}
