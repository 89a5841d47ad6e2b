import { Router } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { calendarDayOrInstant, z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';

import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, oneOrMany, parseListQuery, sendPage } from '../core/simple-rest.js';
import { ADMIN_LOG_ACTIONS, ADMIN_LOG_OUTCOMES } from './actions.js';
import { AdminLogEntry } from './admin-log.entity.js';

/** A day (Paris time, like the people reading the log) or an exact instant. */
const day = calendarDayOrInstant();

const AdminLogFilterSchema = z.object({
  actorId: oneOrMany(z.number().int().positive()).optional(),
  actorEmail: z.string().max(254).optional(),
  action: oneOrMany(z.enum(ADMIN_LOG_ACTIONS)).optional(),
  outcome: oneOrMany(z.enum(ADMIN_LOG_OUTCOMES)).optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.union([z.string().max(60), z.number().int()]).optional(),
  /** From this day (included)… */
  from: day.optional(),
  /** …to this day (included). */
  to: day.optional(),
  id: oneOrMany(z.number().int()).optional(),
});

/** Midnight in Paris of a `YYYY-MM-DD` day, as an instant. */
export function parisMidnight(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(utcMidnight)
    .find((part) => part.type === 'timeZoneName')?.value;
  const [, sign, hours, minutes] = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '') ?? [undefined, '+', '00', '00'];
  const shift = (Number(hours) * 60 + Number(minutes)) * (sign === '-' ? -1 : 1);
  return new Date(utcMidnight.getTime() - shift * 60_000);
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const startOf = (value: string) => (isDay(value) ? parisMidnight(value) : new Date(value));
const endOf = (value: string) => (isDay(value) ? parisMidnight(new Date(Date.parse(`${value}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) : new Date(value));

export const AdminLogEntrySchema = z
  .object({
    id: z.number(),
    at: z.string(),
    action: z.enum(ADMIN_LOG_ACTIONS),
    outcome: z.enum(ADMIN_LOG_OUTCOMES),
    actorId: z.number().nullable(),
    actorName: z.string().nullable(),
    actorEmail: z.string().nullable(),
    actorRole: z.string().nullable(),
    ip: z.string().nullable(),
    method: z.string().nullable(),
    route: z.string().nullable(),
    status: z.number().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AdminLogEntry');

function serializeEntry(entry: AdminLogEntry): z.infer<typeof AdminLogEntrySchema> {
  return {
    id: Number(entry.id),
    at: entry.at.toISOString(),
    action: entry.action,
    outcome: entry.outcome,
    actorId: entry.actor?.id ?? null,
    actorName: entry.actor?.name ?? null,
    actorEmail: entry.actorEmail ?? null,
    actorRole: entry.actorRole ?? null,
    ip: entry.ip ?? null,
    method: entry.method ?? null,
    route: entry.route ?? null,
    status: entry.status ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? null,
  };
}

export function adminLogRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/admin-log', operationId: 'listAdminLog', access: { action: 'list', resource: 'admin-log' },
      summary:
        "Journal d'administration : connexions (réussies et échouées, avec l'adresse IP), changements de comptes et de rôles, mots de passe, et chaque écriture d'un administrateur. Filtres : actorId, actorEmail, action, outcome, targetType, targetId, from, to (jours inclus, heure de Paris)",
      tag: 'Administration',
      query: ListQueryDoc,
      response: z.array(AdminLogEntrySchema),
    },
    async (req, res) => {
      const query = parseListQuery(req, { sortFields: ['id', 'at', 'action', 'outcome'], defaultSort: ['at', 'DESC'], filter: AdminLogFilterSchema });
      const { actorId, actorEmail, action, outcome, targetType, targetId, from, to, id } = query.filter;
      const where: FilterQuery<AdminLogEntry> = {};
      if (actorId) where.actor = { $in: actorId };
      if (actorEmail) where.actorEmail = { $ilike: `%${escapeLike(actorEmail)}%` };
      if (action) where.action = { $in: action };
      if (outcome) where.outcome = { $in: outcome };
      if (targetType) where.targetType = targetType;
      if (targetId !== undefined) where.targetId = String(targetId);
      if (id) where.id = { $in: id };
      if (from || to) where.at = { ...(from ? { $gte: startOf(from) } : {}), ...(to ? { [isDay(to) ? '$lt' : '$lte']: endOf(to) } : {}) };
      const [entries, total] = await ctx.em().findAndCount(AdminLogEntry, where, {
        populate: ['actor'],
        orderBy: { [query.sortField]: query.sortOrder, id: query.sortOrder },
        offset: query.offset,
        limit: query.limit,
      });
      sendPage(res, 'admin-log', query.offset, entries.map(serializeEntry), total);
    },
  );
  return router;
}
