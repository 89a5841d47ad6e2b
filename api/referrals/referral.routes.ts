import { Router } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict } from '../core/errors.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { logAccess, routeOf, sendPersonalData, sendPersonalPage } from './access-log.js';
import { voucherPdf } from './documents.js';
import { deskTerms } from './allocation.service.js';
import { Referral, type ReferralStatus } from './referral.entity.js';
import { CancelSchema, ReferralCreateSchema, ReferralFilterSchema, RefusalSchema } from './referral.schemas.js';
import { OPEN_REFERRAL_STATUSES, STATUS_FR } from './referral-lifecycle.js';
import { assertFiltersVisible, referralScope, referralScopeSql } from './referral-scope.js';
import { acceptReferral, cancelReferral, createReferral, findReferral, refuseReferral, serializeReferral, serializeReferralFor } from './referral.service.js';

/**
 * Referrals: made by social workers, accepted or refused by the partner, printed as a voucher.
 * Longer than 80 lines on purpose: one `route()` declaration after another, in the order Express
 * tries them; each handler is a few lines.
 */
export function referralRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Orientations et attributions';

  // ---- referrals ----
  route(
    router,
    {
      method: 'get',
      path: '/referrals', operationId: 'listReferrals', access: { action: 'list', resource: 'referrals' },
      summary: "Orientations : le travailleur social voit celles de son territoire ; le partenaire n'en voit que le code, le prénom, le besoin et le souhait de formation",
      tag,
      query: ListQueryDoc,
    },
    async (req, res) => {
      const user = currentUser(req);
      const query = parseListQuery(req, { sortFields: ['id', 'createdAt', 'status', 'need'], defaultSort: ['createdAt', 'DESC'], filter: ReferralFilterSchema });
      assertFiltersVisible(user, query.filter);
      const { status, beneficiary, need, q, territory, id } = query.filter;
      const conditions: FilterQuery<Referral>[] = [referralScope(user)];
      if (status) conditions.push({ status: { $in: status } });
      if (beneficiary) conditions.push({ beneficiary });
      if (need) conditions.push({ need: { $in: need } });
      if (territory) conditions.push({ territory });
      if (id) conditions.push({ id: { $in: id } });
      if (q) {
        const like = `%${escapeLike(q)}%`;
        conditions.push(user.role === 'partner' ? { voucherCode: { $ilike: like } } : { $or: [{ voucherCode: { $ilike: like } }, { beneficiary: { lastName: { $ilike: like } } }] });
      }
      const [rows, total] = await ctx.em().findAndCount(Referral, { $and: conditions }, {
        populate: ['beneficiary', 'referrer'],
        orderBy: { [query.sortField]: query.sortOrder, id: 'DESC' },
        offset: query.offset,
        limit: query.limit,
      });
      const page = { resource: 'referrals', offset: query.offset, rows: rows.map((row) => serializeReferralFor(row, user.role)), total };
      await sendPersonalPage(ctx.em(), req, res, page, rows.map((row) => row.beneficiary.id), 'liste des orientations');
    },
  );

  route(
    router,
    { method: 'get', path: '/referrals/counts', operationId: 'countReferrals', access: { action: 'list', resource: 'referrals' }, summary: "Nombre d'orientations par statut (son territoire pour un travailleur social) : aucune donnée personnelle, aucune lecture journalisée", tag },
    async (req, res) => {
      const user = currentUser(req);
      const scope = referralScopeSql(user);
      const rows = await ctx.em().execute<{ status: string; n: number }[]>(
        `select status, count(*)::int as n from referrals
          where (?::text is null or territory = ?) and (?::text is null or partner = ?) and (?::text[] is null or status = any(?::text[])) group by status`,
        [scope.territory, scope.territory, scope.partner, scope.partner, scope.statuses, scope.statuses],
      );
      res.json({ byStatus: Object.fromEntries(rows.map((row) => [row.status, row.n])) });
    },
  );

  route(router, { method: 'get', path: '/referrals/:id', operationId: 'getReferral', access: { action: 'show', resource: 'referrals' }, summary: 'Voir une orientation', tag }, async (req, res) => {
    const user = currentUser(req);
    const referral = await findReferral(ctx.em(), parseId(req), user);
    await sendPersonalData(ctx.em(), req, res, referral.beneficiary.id, "fiche d'orientation", serializeReferralFor(referral, user.role));
  });

  route(
    router,
    { method: 'post', path: '/referrals', operationId: 'createReferral', access: { action: 'create', resource: 'referrals' }, status: 201, errors: [404, 409], summary: 'Orienter une personne (nouvelle ou déjà enregistrée) : un code de bon est attribué', tag, body: ReferralCreateSchema },
    async (req, res, { body }) => {
      const referral = await createReferral(ctx.em(), body, currentUser(req));
      res.status(201).json(serializeReferral(referral));
    },
  );

  route(router, { method: 'post', path: '/referrals/:id/accept', operationId: 'acceptReferral', access: { action: 'create', resource: 'referral_decisions' }, errors: [409], summary: 'Accepter une orientation (partenaire)', tag }, async (req, res) => {
    const user = currentUser(req);
    const referral = await acceptReferral(ctx.em(), parseId(req), user, ctx.notifier);
    await sendPersonalData(ctx.em(), req, res, referral.beneficiary.id, 'orientation acceptée', serializeReferralFor(referral, user.role));
  });

  route(router, { method: 'post', path: '/referrals/:id/refuse', operationId: 'refuseReferral', access: { action: 'create', resource: 'referral_decisions' }, errors: [409], summary: 'Refuser une orientation avec un motif de la liste (partenaire)', tag, body: RefusalSchema }, async (req, res, { body }) => {
    const user = currentUser(req);
    const referral = await refuseReferral(ctx.em(), parseId(req), user, body.reason, body.note);
    await sendPersonalData(ctx.em(), req, res, referral.beneficiary.id, 'orientation refusée', serializeReferralFor(referral, user.role));
  });

  route(router, { method: 'post', path: '/referrals/:id/cancel', operationId: 'cancelReferral', access: { action: 'edit', resource: 'referrals' }, errors: [409], summary: 'Annuler une orientation avec un motif de la liste (travailleur social)', tag, body: CancelSchema }, async (req, res, { body }) => {
    const referral = await cancelReferral(ctx.em(), parseId(req), currentUser(req), body.reason, body.note);
    await sendPersonalData(ctx.em(), req, res, referral.beneficiary.id, 'orientation annulée', serializeReferral(referral));
  });

  route(router, { method: 'get', path: '/referrals/:id/voucher.pdf', operationId: 'getReferralVoucherPdf', access: { action: 'show', resource: 'vouchers' }, errors: [409], summary: 'Bon à remettre à la personne (une page, QR code)', tag, produces: ['application/pdf'] }, async (req, res) => {
    const user = currentUser(req);
    const referral = await findReferral(ctx.em(), parseId(req), user);
    if (!(OPEN_REFERRAL_STATUSES as readonly string[]).includes(referral.status)) throw conflict('REFERRAL_STATUS', `L'orientation est ${STATUS_FR[referral.status as ReferralStatus]} : son bon n'est plus valable.`, { status: referral.status });
    await logAccess(ctx.em(), user, [referral.beneficiary.id], routeOf(req), 'impression du bon');
    res.type('application/pdf').set('Content-Disposition', `inline; filename="bon-${referral.voucherCode}.pdf"`);
    (
      await voucherPdf({
        voucherCode: referral.voucherCode,
        firstName: referral.beneficiary.firstName ?? '',
        need: referral.need,
        trainingWanted: referral.trainingWanted,
        issuedAt: referral.createdAt,
        expiresAt: new Date(referral.createdAt.getTime() + ctx.config.referralExpiryDays * 24 * 3600 * 1000),
        territory: referral.territory,
        ...(await deskTerms(ctx.em(), user)),
      })
    ).pipe(res);
  });

  return router;
}
