import { Router, type Request } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict, notFound } from '../core/errors.js';
import { idempotent } from '../core/idempotency.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { Allocation } from './allocation.entity.js';
import { activeAgreement, allocateDevice, partnerOf } from './allocation.service.js';
import { logAccess } from './access-log.js';
import { Beneficiary } from './beneficiary.entity.js';
import { personExportPdf, receiptPdf, voucherPdf } from './documents.js';
import { Referral, type ReferralStatus } from './referral.entity.js';
import {
  AllocationCreateSchema,
  BeneficiaryCreateSchema,
  BeneficiaryFilterSchema,
  BeneficiaryUpdateSchema,
  CancelSchema,
  ReferralCreateSchema,
  ReferralFilterSchema,
  RefusalSchema,
} from './referral.schemas.js';
import {
  acceptReferral,
  cancelReferral,
  createBeneficiary,
  createReferral,
  findBeneficiary,
  findReferral,
  refuseReferral,
  serializeBeneficiary,
  serializeReferral,
  serializeReferralForPartner,
} from './referral.service.js';
import { OPEN_REFERRAL_STATUSES, STATUS_FR } from './referral-lifecycle.js';
import { referralScope, referralScopeSql, territoryScope } from './referral-scope.js';
import { eraseIdentity, exportPersonData } from './rgpd.js';
import { auditAction, auditNow } from '../admin-log/admin-log.js';

const routeOf = (req: Request) => `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`;

export function referralRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Orientations et attributions';

  const showReferral = (referral: Referral, role: string) => (role === 'partner' ? serializeReferralForPartner(referral) : serializeReferral(referral));

  // ---- beneficiaries (social workers of the territory, admins) ----
  route(
    router,
    { method: 'get', path: '/beneficiaries', operationId: 'listBeneficiaries', access: { action: 'list', resource: 'beneficiaries' }, summary: 'Bénéficiaires du territoire (chaque lecture est journalisée)', tag, query: ListQueryDoc },
    async (req, res) => {
      const user = currentUser(req);
      const query = parseListQuery(req, { sortFields: ['id', 'lastName', 'firstName', 'createdAt'], defaultSort: ['lastName', 'ASC'], filter: BeneficiaryFilterSchema });
      const where: FilterQuery<Beneficiary> = { ...(query.filter.territory ? { territory: query.filter.territory } : {}), ...territoryScope(user) };
      if (query.filter.id) where.id = { $in: query.filter.id };
      if (query.filter.q) where.$or = [{ lastName: { $ilike: `%${escapeLike(query.filter.q)}%` } }, { firstName: { $ilike: `%${escapeLike(query.filter.q)}%` } }];
      const [rows, total] = await ctx.em().findAndCount(Beneficiary, where, { orderBy: { [query.sortField]: query.sortOrder, id: 'ASC' }, offset: query.offset, limit: query.limit });
      await logAccess(ctx.em(), user, rows.map((row) => row.id), routeOf(req), 'liste des bénéficiaires');
      sendPage(res, 'beneficiaries', query.offset, rows.map(serializeBeneficiary), total);
    },
  );

  route(router, { method: 'get', path: '/beneficiaries/:id', operationId: 'getBeneficiary', access: { action: 'show', resource: 'beneficiaries' }, summary: 'Voir un bénéficiaire', tag }, async (req, res) => {
    const user = currentUser(req);
    const beneficiary = await findBeneficiary(ctx.em(), parseId(req), user);
    await logAccess(ctx.em(), user, [beneficiary.id], routeOf(req), 'fiche du bénéficiaire');
    res.json(serializeBeneficiary(beneficiary));
  });

  route(router, { method: 'post', path: '/beneficiaries', operationId: 'createBeneficiary', access: { action: 'create', resource: 'beneficiaries' }, status: 201, errors: [409], summary: 'Enregistrer une personne (consentement obligatoire)', tag, body: BeneficiaryCreateSchema }, async (req, res, { body }) => {
    const beneficiary = await createBeneficiary(ctx.em(), body, currentUser(req));
    await ctx.em().flush();
    res.status(201).json(serializeBeneficiary(beneficiary));
  });

  route(router, { method: 'put', path: '/beneficiaries/:id', operationId: 'updateBeneficiary', access: { action: 'edit', resource: 'beneficiaries' }, errors: [409], summary: 'Rectifier les données d’une personne', tag, body: BeneficiaryUpdateSchema }, async (req, res, { body }) => {
    const em = ctx.em();
    const beneficiary = await findBeneficiary(em, parseId(req), currentUser(req));
    if (beneficiary.anonymisedAt) throw conflict('BENEFICIARY_ANONYMISED', 'Cette personne a été anonymisée.');
    if (beneficiary.version !== body.version) throw conflict('CONCURRENT_CHANGE', "Quelqu'un a modifié cette fiche entre-temps : rechargez la page.");
    const { version: _version, ...fields } = body;
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) (beneficiary as Record<string, unknown>)[key] = value;
    beneficiary.lastActivityAt = new Date();
    await em.flush();
    res.json(serializeBeneficiary(beneficiary));
  });

  route(router, { method: 'delete', path: '/beneficiaries/:id', operationId: 'deleteBeneficiary', access: { action: 'edit', resource: 'beneficiaries' }, errors: [409], summary: "Refusé : l'effacement se fait par POST /beneficiaries/:id/erase (administrateur)", tag }, async (req) => {
    await findBeneficiary(ctx.em(), parseId(req), currentUser(req));
    throw conflict('NOT_DELETABLE', "Une personne ne se supprime pas : un administrateur peut effacer son identité (droit à l'effacement) sans fausser les statistiques.");
  });

  // ---- RGPD (admins) ----
  route(router, { method: 'get', path: '/beneficiaries/:id/export.json', operationId: 'exportBeneficiaryJson', access: { action: 'show', resource: 'rgpd' }, summary: "Droit d'accès : tout ce qui est détenu sur la personne (JSON)", tag: 'RGPD' }, async (req, res) => {
    const user = currentUser(req);
    const beneficiary = await findBeneficiary(ctx.em(), parseId(req), user);
    await logAccess(ctx.em(), user, [beneficiary.id], routeOf(req), "droit d'accès");
    await auditNow(ctx.em(), { action: 'person_exported', actor: user, targetType: 'beneficiaries', targetId: beneficiary.id, details: { format: 'json' } });
    res.set('Content-Disposition', `attachment; filename="donnees-personne-${beneficiary.id}.json"`).json(await exportPersonData(ctx.em(), beneficiary));
  });

  route(router, { method: 'get', path: '/beneficiaries/:id/export.pdf', operationId: 'exportBeneficiaryPdf', access: { action: 'show', resource: 'rgpd' }, summary: "Droit d'accès : tout ce qui est détenu sur la personne (PDF)", tag: 'RGPD', produces: ['application/pdf'] }, async (req, res) => {
    const user = currentUser(req);
    const beneficiary = await findBeneficiary(ctx.em(), parseId(req), user);
    await logAccess(ctx.em(), user, [beneficiary.id], routeOf(req), "droit d'accès");
    await auditNow(ctx.em(), { action: 'person_exported', actor: user, targetType: 'beneficiaries', targetId: beneficiary.id, details: { format: 'pdf' } });
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="donnees-personne-${beneficiary.id}.pdf"`);
    personExportPdf(await exportPersonData(ctx.em(), beneficiary)).pipe(res);
  });

  route(router, { method: 'post', path: '/beneficiaries/:id/erase', operationId: 'eraseBeneficiary', access: { action: 'edit', resource: 'rgpd' }, errors: [409], summary: "Droit à l'effacement : l'identité est supprimée, les statistiques restent", tag: 'RGPD' }, async (req, res) => {
    const em = ctx.em();
    const beneficiary = await findBeneficiary(em, parseId(req), currentUser(req));
    auditAction(em, { action: 'person_erased', actor: currentUser(req), targetType: 'beneficiaries', targetId: beneficiary.id, details: { alreadyAnonymised: !!beneficiary.anonymisedAt } });
    if (!beneficiary.anonymisedAt) eraseIdentity(beneficiary);
    await em.flush();
    res.json(serializeBeneficiary(beneficiary));
  });

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
      const { status, beneficiary, need, q, territory, id } = query.filter;
      const conditions: FilterQuery<Referral>[] = [referralScope(user)];
      if (status) conditions.push({ status: { $in: status } });
      if (beneficiary && user.role !== 'partner') conditions.push({ beneficiary });
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
      await logAccess(ctx.em(), user, rows.map((row) => row.beneficiary.id), routeOf(req), 'liste des orientations');
      sendPage(res, 'referrals', query.offset, rows.map((row) => showReferral(row, user.role)), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/referrals/counts', operationId: 'countReferrals', access: { action: 'list', resource: 'referrals' }, summary: "Nombre d'orientations par statut (son territoire pour un travailleur social) : aucune donnée personnelle, aucune lecture journalisée", tag },
    async (req, res) => {
      const user = currentUser(req);
      const scope = referralScopeSql(user);
      const rows = await ctx.em().execute<{ status: string; n: number }[]>(
        `select status, count(*)::int as n from referrals where (?::text is null or territory = ?) and (?::text[] is null or status = any(?::text[])) group by status`,
        [scope.territory, scope.territory, scope.statuses, scope.statuses],
      );
      res.json({ byStatus: Object.fromEntries(rows.map((row) => [row.status, row.n])) });
    },
  );

  route(router, { method: 'get', path: '/referrals/:id', operationId: 'getReferral', access: { action: 'show', resource: 'referrals' }, summary: 'Voir une orientation', tag }, async (req, res) => {
    const user = currentUser(req);
    const referral = await findReferral(ctx.em(), parseId(req), user);
    await logAccess(ctx.em(), user, [referral.beneficiary.id], routeOf(req), "fiche d'orientation");
    res.json(showReferral(referral, user.role));
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
    res.json(showReferral(await acceptReferral(ctx.em(), parseId(req), user, ctx.notifier), user.role));
  });

  route(router, { method: 'post', path: '/referrals/:id/refuse', operationId: 'refuseReferral', access: { action: 'create', resource: 'referral_decisions' }, errors: [409], summary: 'Refuser une orientation avec un motif de la liste (partenaire)', tag, body: RefusalSchema }, async (req, res, { body }) => {
    const user = currentUser(req);
    res.json(showReferral(await refuseReferral(ctx.em(), parseId(req), user, body.reason, body.note), user.role));
  });

  route(router, { method: 'post', path: '/referrals/:id/cancel', operationId: 'cancelReferral', access: { action: 'edit', resource: 'referrals' }, errors: [409], summary: 'Annuler une orientation (travailleur social)', tag, body: CancelSchema }, async (req, res, { body }) => {
    res.json(serializeReferral(await cancelReferral(ctx.em(), parseId(req), currentUser(req), body.note)));
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
      })
    ).pipe(res);
  });

  // ---- allocations ----
  const serializeAllocation = (allocation: Allocation) => ({
    id: allocation.id,
    device: allocation.device.id,
    assetTag: allocation.device.assetTag,
    deviceType: allocation.device.type,
    referral: allocation.referral.id,
    voucherCode: allocation.referral.voucherCode,
    price: allocation.priceCents / 100,
    agreement: allocation.agreement.id,
    allocatedAt: allocation.allocatedAt.toISOString(),
  });

  route(router, { method: 'get', path: '/allocations', operationId: 'listAllocations', access: { action: 'list', resource: 'allocations' }, summary: 'Attributions', tag, query: ListQueryDoc }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['id', 'allocatedAt'], defaultSort: ['allocatedAt', 'DESC'], filter: z.object({}) });
    const [rows, total] = await ctx.em().findAndCount(Allocation, {}, { populate: ['device', 'referral'], orderBy: { [query.sortField]: query.sortOrder }, offset: query.offset, limit: query.limit });
    sendPage(res, 'allocations', query.offset, rows.map(serializeAllocation), total);
  });

  route(
    router,
    {
      method: 'post',
      path: '/allocations', operationId: 'createAllocation', access: { action: 'create', resource: 'allocations' }, status: 201, errors: [404, 409, 422],
      summary: "Attribuer un appareil reconditionné à une orientation acceptée, au prix solidaire (plafond de la convention) : appareil « attribué » et orientation « équipée » ensemble ; en-tête Idempotency-Key pour réessayer sans risque",
      tag,
      body: AllocationCreateSchema,
    },
    async (req, res, { body }) => {
      await idempotent(ctx, req, res, async () => ({
        status: 201,
        body: serializeAllocation(await allocateDevice(ctx.em(), body, currentUser(req), ctx.notifier)),
      }));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/allocations/price-caps', operationId: 'getPriceCaps', access: { action: 'create', resource: 'allocations' },
      summary: "Prix plafonds de la convention en vigueur avec l'organisation de l'utilisateur, par type d'appareil (affichés au moment de l'attribution)",
      tag,
    },
    async (req, res) => {
      const partner = partnerOf(currentUser(req));
      const agreement = await activeAgreement(ctx.em(), partner);
      res.json({
        partner,
        agreement: agreement ? { id: agreement.id, startsOn: agreement.startsOn, endsOn: agreement.endsOn } : null,
        priceCaps: agreement?.priceCaps ?? {},
      });
    },
  );

  route(router, { method: 'get', path: '/allocations/:id/receipt.pdf', operationId: 'getAllocationReceiptPdf', access: { action: 'show', resource: 'allocations' }, summary: 'Reçu remis à la personne', tag, produces: ['application/pdf'] }, async (req, res) => {
    const allocation = await ctx.em().findOne(Allocation, { id: parseId(req) }, { populate: ['device', 'referral', 'referral.beneficiary', 'agreement'] });
    if (!allocation) throw notFound('Attribution');
    await logAccess(ctx.em(), currentUser(req), [allocation.referral.beneficiary.id], routeOf(req), 'reçu');
    res.type('application/pdf').set('Content-Disposition', `inline; filename="recu-${allocation.id}.pdf"`);
    receiptPdf({
      allocationId: allocation.id,
      voucherCode: allocation.referral.voucherCode,
      firstName: allocation.referral.beneficiary.firstName ?? '',
      device: {
        assetTag: allocation.device.assetTag,
        type: allocation.device.type,
        brand: allocation.device.brand ?? null,
        model: allocation.device.model ?? null,
        refurbishedGrade: allocation.device.refurbishedGrade ?? null,
      },
      priceCents: allocation.priceCents,
      referencePriceCents: null,
      allocatedAt: allocation.allocatedAt,
      partner: allocation.agreement.partner,
    }).pipe(res);
  });
  return router;
}
