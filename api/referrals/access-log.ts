import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { currentUser, type AuthenticatedUser } from '../core/auth.js';
import { sendPage } from '../core/simple-rest.js';

/**
 * Every read of a beneficiary's personal data leaves a line: who, when, which person, through
 * which route and for what purpose. The table is append-only (trigger) except for the retention purge.
 */
export async function logAccess(em: EntityManager, user: AuthenticatedUser, beneficiaryIds: number[], route: string, purpose: string): Promise<void> {
  const ids = [...new Set(beneficiaryIds)];
  if (!ids.length) return;
  await em.execute(
    `insert into access_log (user_id, beneficiary_id, route, purpose) select ?, unnest(?::int[]), ?, ?`,
    [user.id, `{${ids.join(',')}}`, route.slice(0, 200), purpose],
  );
}

/** The route a read went through, as the access log names it (`GET /api/referrals/:id`). */
export const routeOf = (req: Request) => `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`;

/**
 * The one way an answer carrying one person's data leaves the API: the read is logged first, then
 * the answer sent (a person's page, a rectification, a referral and its decisions).
 */
export async function sendPersonalData(em: EntityManager, req: Request, res: Response, beneficiaryId: number, purpose: string, body: unknown): Promise<void> {
  await logAccess(em, currentUser(req), [beneficiaryId], routeOf(req), purpose);
  res.json(body);
}

/**
 * The same for a page of rows of which some carry a person's data (a list of referrals, of
 * notifications naming a person): each person read is logged, then the page sent.
 */
export async function sendPersonalPage(
  em: EntityManager,
  req: Request,
  res: Response,
  page: { resource: string; offset: number; rows: unknown[]; total: number },
  beneficiaryIds: (number | null)[],
  purpose: string,
): Promise<void> {
  await logAccess(em, currentUser(req), beneficiaryIds.filter((id): id is number => id !== null), routeOf(req), purpose);
  sendPage(res, page.resource, page.offset, page.rows, page.total);
}
