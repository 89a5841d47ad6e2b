import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { authorize, currentUser } from '../core/auth.js';
import { conflict, invalid, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { Agreement } from './agreement.entity.js';
import { auditAction, changedFields } from '../admin-log/admin-log.js';

const count = z.number().int().min(0).max(1_000_000);
const AgreementFields = {
  partner: z.string().trim().min(2).max(120),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  devicesCommitted: count.default(0),
  residentsCommitted: count.default(0),
  trainingsCommitted: count.default(0),
  solidaritySalesCommitted: count.default(0),
  priceCaps: z.partialRecord(z.enum(DEVICE_TYPES), z.number().min(0).max(10_000)).default({}),
  reuseCommitmentRef: z.string().trim().max(200).nullish().transform((value) => value || null),
  maxDeviceAgeYears: z.number().int().min(1).max(30).nullish().transform((value) => value ?? null),
};
const AgreementCreateSchema = z.object(AgreementFields).openapi('AgreementCreate');
const AgreementUpdateSchema = z.object(AgreementFields).partial().openapi('AgreementUpdate');

function serializeAgreement(agreement: Agreement) {
  return {
    id: agreement.id,
    partner: agreement.partner,
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn,
    devicesCommitted: agreement.devicesCommitted,
    residentsCommitted: agreement.residentsCommitted,
    trainingsCommitted: agreement.trainingsCommitted,
    solidaritySalesCommitted: agreement.solidaritySalesCommitted,
    priceCaps: agreement.priceCaps,
    reuseCommitmentRef: agreement.reuseCommitmentRef ?? null,
    maxDeviceAgeYears: agreement.maxDeviceAgeYears ?? null,
  };
}

/** One agreement in force per partner at any date: periods of one partner never overlap. */
async function assertNoOverlap(ctx: AppContext, partner: string, startsOn: string, endsOn: string, exceptId?: number) {
  if (endsOn < startsOn) throw invalid('La fin de la convention précède son début.', [{ path: 'endsOn', message: 'avant le début' }]);
  const overlapping = await ctx.em().findOne(Agreement, { partner, startsOn: { $lte: endsOn }, endsOn: { $gte: startsOn }, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (overlapping) {
    throw conflict('AGREEMENT_OVERLAP', `Une convention avec ${partner} couvre déjà une partie de cette période (${overlapping.startsOn} → ${overlapping.endsOn}).`, { agreementId: overlapping.id });
  }
}

export function agreementRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Conventions';
  route(router, { method: 'get', path: '/agreements', summary: 'Conventions de partenariat', tag, roles: 'admin, viewer', query: ListQueryDoc, middleware: [authorize('list', 'agreements')] }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['id', 'startsOn', 'partner'], defaultSort: ['startsOn', 'DESC'], filter: z.object({ partner: z.string().optional() }) });
    const [rows, total] = await ctx.em().findAndCount(Agreement, query.filter.partner ? { partner: query.filter.partner } : {}, { orderBy: { [query.sortField]: query.sortOrder }, offset: query.offset, limit: query.limit });
    sendPage(res, 'agreements', query.offset, rows.map(serializeAgreement), total);
  });
  route(router, { method: 'get', path: '/agreements/:id', summary: 'Voir une convention', tag, roles: 'admin, viewer', middleware: [authorize('show', 'agreements')] }, async (req, res) => {
    const agreement = await ctx.em().findOne(Agreement, { id: parseId(req) });
    if (!agreement) throw notFound('Convention');
    res.json(serializeAgreement(agreement));
  });
  route(router, { method: 'post', path: '/agreements', summary: 'Enregistrer une convention (prix plafonds par type d’appareil, en euros)', tag, roles: 'admin', body: AgreementCreateSchema, middleware: [authorize('create', 'agreements')] }, async (req, res, { body }) => {
    await assertNoOverlap(ctx, body.partner, body.startsOn, body.endsOn);
    // the log line needs the new id: agreement and line are written in one transaction
    const agreement = await ctx.em().transactional(async (tx) => {
      const created = tx.create(Agreement, body);
      await tx.flush();
      auditAction(tx, { action: 'agreement_created', actor: currentUser(req), targetType: 'agreements', targetId: created.id, details: serializeAgreement(created) });
      return created;
    });
    res.status(201).json(serializeAgreement(agreement));
  });
  route(router, { method: 'put', path: '/agreements/:id', summary: 'Modifier une convention', tag, roles: 'admin', body: AgreementUpdateSchema, middleware: [authorize('edit', 'agreements')] }, async (req, res, { body }) => {
    const agreement = await ctx.em().findOne(Agreement, { id: parseId(req) });
    if (!agreement) throw notFound('Convention');
    const next = { ...serializeAgreement(agreement), ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) };
    await assertNoOverlap(ctx, next.partner, next.startsOn, next.endsOn, agreement.id);
    const before = serializeAgreement(agreement);
    ctx.em().assign(agreement, next);
    auditAction(ctx.em(), { action: 'agreement_updated', actor: currentUser(req), targetType: 'agreements', targetId: agreement.id, details: { partner: agreement.partner, changes: changedFields(before, serializeAgreement(agreement)) } });
    await ctx.em().flush();
    res.json(serializeAgreement(agreement));
  });
  return router;
}
