import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request, RequestHandler } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { documentedRoutes } from '../core/routes.js';
import { User } from '../users/user.entity.js';
import { outcomeOfStatus, type AdminLogAction, type AdminLogOutcome } from './actions.js';
import { AdminLogEntry } from './admin-log.entity.js';

/** Who did it: the signed-in user (AuthenticatedUser and User both fit). */
export interface AdminLogActor {
  id: number;
  email: string;
  role: string;
}

export interface AdminLogInput {
  action: AdminLogAction;
  outcome?: AdminLogOutcome;
  actor?: AdminLogActor | null;
  /** Without an actor: the address typed in a failed login. */
  actorEmail?: string | null;
  /** The API resource, as in its path (`users`, `factors`, `devices`…), and its id. */
  targetType?: string;
  targetId?: string | number | null;
  /** Never a password, never a resident's identity: field names, old and new values of settings. */
  details?: Record<string, unknown> | null;
  method?: string;
  route?: string;
  status?: number;
}

interface RequestInfo {
  ip: string | null;
  requestId: string | null;
}

const requestInfo = new AsyncLocalStorage<RequestInfo>();

const requestInfoOf = (req: Request): RequestInfo => ({
  // "::ffff:127.0.0.1" is how Node shows an IPv4 caller on a dual-stack socket
  ip: req.ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').slice(0, 45) ?? null,
  requestId: req.id === undefined ? null : String(req.id).slice(0, 64),
});

/** Remembers the caller's address and the request id, so entries written deep in a service carry them. */
export const captureRequestInfo: RequestHandler = (req, _res, next) => requestInfo.run(requestInfoOf(req), next);

function buildEntry(em: EntityManager, input: AdminLogInput, info: RequestInfo | undefined): AdminLogEntry {
  const entry = em.create(AdminLogEntry, {
    action: input.action,
    outcome: input.outcome ?? 'success',
    actor: input.actor ? em.getReference(User, input.actor.id) : null,
    actorEmail: (input.actor?.email ?? input.actorEmail ?? null)?.slice(0, 254) ?? null,
    actorRole: input.actor?.role ?? null,
    ip: info?.ip ?? null,
    requestId: info?.requestId ?? null,
    method: input.method ?? null,
    route: input.route?.slice(0, 200) ?? null,
    status: input.status ?? null,
    targetType: input.targetType ?? null,
    targetId: input.targetId === undefined || input.targetId === null ? null : String(input.targetId).slice(0, 60),
    details: input.details ?? null,
  });
  em.persist(entry);
  return entry;
}

/**
 * Queues an entry in `em`'s unit of work: the action's own flush writes it in the action's
 * transaction, so an action rolled back leaves no entry claiming it happened. Call it before
 * that flush.
 */
export function auditAction(em: EntityManager, input: AdminLogInput): void {
  buildEntry(em, input, requestInfo.getStore());
}

/**
 * Writes an entry at once in its own transaction (a fork never joins the caller's): refused
 * attempts, whose action wrote nothing, and reads.
 */
export async function auditNow(em: EntityManager, input: AdminLogInput, info = requestInfo.getStore()): Promise<void> {
  const fork = em.fork();
  buildEntry(fork, input, info);
  await fork.flush();
}

/** `{ field: [before, after] }` for the fields (all, or those named) whose value changed, compared as JSON. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, fields = Object.keys(after)): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of fields) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = [before[key] ?? null, after[key] ?? null];
  }
  return changes;
}

let routePatterns: { method: string; template: string; pattern: RegExp; names: string[] }[] | undefined;

/** `/api/users/12` → `/api/users/{id}` and `{ id: '12' }`, from the documented routes (static paths first). */
export function matchRoute(method: string, path: string): { template: string; params: Record<string, string> } | undefined {
  routePatterns ??= documentedRoutes()
    .map((route) => {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const source = route.path
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('([^/]+)');
      return { method: route.method.toUpperCase(), template: route.path, pattern: new RegExp(`^${source}$`), names };
    })
    .sort((a, b) => a.names.length - b.names.length);
  for (const candidate of routePatterns) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match) return { template: candidate.template, params: Object.fromEntries(candidate.names.map((name, index) => [name, match[index + 1]])) };
  }
  return undefined;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every write request of an admin gets a line once answered: method, route, target id, status.
 * Written after the answer, so its status says whether the action was done (2xx) or refused.
 * Body field names are kept, never their values (a password, a resident's name).
 */
export function logAdminWrites(em: () => EntityManager, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const user = req.user;
    if (user?.role !== 'admin' || !WRITE_METHODS.has(req.method)) {
      next();
      return;
    }
    const info = requestInfoOf(req);
    const path = req.originalUrl.split('?')[0];
    const matched = matchRoute(req.method, path);
    const fields = req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? Object.keys(req.body).slice(0, 20).map((key) => key.slice(0, 40)) : [];
    const target = matched ? (matched.params.id ?? Object.values(matched.params)[0]) : undefined;
    const requestEm = em();
    res.once('close', () => {
      const input: AdminLogInput = {
        action: 'admin_request',
        outcome: outcomeOfStatus(res.statusCode),
        actor: user,
        method: req.method,
        route: matched?.template ?? path,
        status: res.statusCode,
        targetType: matched?.template.split('/')[2],
        targetId: target,
        details: fields.length || !res.writableFinished ? { ...(fields.length ? { fields } : {}), ...(res.writableFinished ? {} : { aborted: true }) } : null,
      };
      auditNow(requestEm, input, info).catch((error: unknown) => logger.error({ err: error, route: input.route }, 'admin log entry not written'));
    });
    next();
  };
}

/** Scheduled: lines older than `months` are deleted, the only deletion the table allows (and never under 6 months). */
export async function purgeAdminLog(em: EntityManager, months: number): Promise<{ purged: number }> {
  await em.execute(`set local reemploi.retention_purge = 'on'`);
  const rows = await em.execute<{ id: string }[]>(`delete from admin_log where at < now() - make_interval(months => ?) returning id`, [months]);
  await em.execute(`set local reemploi.retention_purge = 'off'`);
  return { purged: rows.length };
}
