import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { sendPersonalPage } from '../referrals/access-log.js';

const PreferenceSchema = z.object({ emailPreference: z.enum(['immediate', 'daily', 'never']) }).openapi('EmailPreference');

interface NotificationRow {
  id: number;
  kind: string;
  message: string;
  link: string | null;
  read: boolean;
  createdAt: Date;
  /** The person the message names, if any (not sent: it tells the access log whose first name was read). */
  beneficiaryId: number | null;
}

/** Every user reads and marks their own notifications only. */
export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Notifications';

  route(router, { method: 'get', path: '/notifications', operationId: 'listNotifications', access: 'signed-in', summary: 'Mes notifications, les plus récentes d’abord (filtre read: true|false)', tag, query: ListQueryDoc }, async (req, res) => {
    const user = currentUser(req);
    const query = parseListQuery(req, { sortFields: ['createdAt', 'id'], defaultSort: ['createdAt', 'DESC'], filter: z.object({ read: z.boolean().optional() }) });
    const readFilter = query.filter.read === undefined ? '' : query.filter.read ? 'and read_at is not null' : 'and read_at is null';
    const order = query.sortOrder === 'ASC' ? 'asc' : 'desc';
    const rows = await ctx.em().execute<NotificationRow[]>(
      `select id, kind, message, link, read_at is not null as read, created_at as "createdAt", beneficiary_id as "beneficiaryId" from notifications
        where user_id = ? ${readFilter} order by created_at ${order}, id ${order} offset ? limit ?`,
      [user.id, query.offset, query.limit],
    );
    const [{ total }] = await ctx.em().execute<{ total: number }[]>(`select count(*)::int as total from notifications where user_id = ? ${readFilter}`, [user.id]);
    const page = { resource: 'notifications', offset: query.offset, rows: rows.map(({ beneficiaryId: _person, ...row }) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() })), total };
    await sendPersonalPage(ctx.em(), req, res, page, rows.map((row) => row.beneficiaryId), 'notifications');
  });

  route(router, { method: 'get', path: '/notifications/unread-count', operationId: 'countUnreadNotifications', access: 'signed-in', summary: 'Nombre de notifications non lues (pour la cloche)', tag }, async (req, res) => {
    const [{ count }] = await ctx.em().execute<{ count: number }[]>(`select count(*)::int as count from notifications where user_id = ? and read_at is null`, [currentUser(req).id]);
    res.json({ count });
  });

  route(router, { method: 'post', path: '/notifications/:id/read', operationId: 'markNotificationRead', access: 'signed-in', summary: 'Marquer une notification comme lue', tag }, async (req, res) => {
    const rows = await ctx.em().execute<{ id: number }[]>(
      `update notifications set read_at = coalesce(read_at, now()) where id = ? and user_id = ? returning id`,
      [parseId(req), currentUser(req).id],
    );
    if (!rows.length) throw notFound('Notification');
    res.json({ id: rows[0].id, read: true });
  });

  route(router, { method: 'post', path: '/notifications/read-all', operationId: 'markAllNotificationsRead', access: 'signed-in', summary: 'Tout marquer comme lu', tag }, async (req, res) => {
    const rows = await ctx.em().execute<{ id: number }[]>(`update notifications set read_at = now() where user_id = ? and read_at is null returning id`, [currentUser(req).id]);
    res.json({ updated: rows.length });
  });

  route(router, { method: 'put', path: '/me/preferences', operationId: 'updateMyPreferences', access: 'signed-in', summary: 'Mes préférences d’e-mail : immédiat, résumé quotidien ou jamais', tag, body: PreferenceSchema }, async (req, res, { body }) => {
    await ctx.em().execute(`update users set email_preference = ? where id = ?`, [body.emailPreference, currentUser(req).id]);
    res.json({ emailPreference: body.emailPreference, emailEnabled: !!ctx.config.smtpUrl });
  });
  return router;
}
