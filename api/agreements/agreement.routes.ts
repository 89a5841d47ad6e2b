import { Router } from 'express';
import { calendarDay, z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict, invalid, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { Agreement, IDENTITY_CHECKS, MAX_SHOPS, SHOP_TEXT_MAX } from './agreement.entity.js';
import { auditAction, changedFields } from '../admin-log/admin-log.js';
import { aboveLegalCap, legalCapIssues, loadLegalCaps } from '../pricing/legal-caps.js';

const COUNT_MESSAGE = 'Nombre entier attendu, de 0 à 1 000 000.';
const count = z.number({ error: COUNT_MESSAGE }).int({ error: COUNT_MESSAGE }).min(0, { error: COUNT_MESSAGE }).max(1_000_000, { error: COUNT_MESSAGE });
/** An agreement runs within the years the service may report on. */
const agreementDay = calendarDay();
const CAP_MESSAGE = 'Prix plafond attendu en euros, de 0 à 10 000 €, au centime près (par exemple 89,90).';
/** A price to the cent: 89.999 € would be refused at the counter with a cap nobody can read. */
const priceCap = z
  .number({ error: CAP_MESSAGE })
  .min(0, { error: CAP_MESSAGE })
  .max(10_000, { error: CAP_MESSAGE })
  .refine((euros) => Math.abs(euros * 100 - Math.round(euros * 100)) < 1e-6, { error: CAP_MESSAGE });
const YEARS_MESSAGE = 'Nombre entier d’années attendu, de 1 à 30.';
const KNOWN_TYPES: readonly string[] = DEVICE_TYPES;
/** Euros per device type; a type left out has no cap, so it cannot be sold under this agreement. */
const priceCaps = z.record(z.string(), priceCap, { error: 'Prix plafonds attendus par type d’appareil.' }).superRefine((caps, ctx) => {
  for (const type of Object.keys(caps)) {
    if (!KNOWN_TYPES.includes(type)) ctx.addIssue({ code: 'custom', path: [type], message: `Type d'appareil inconnu : « ${type} » (types possibles : ${DEVICE_TYPES.join(', ')}).` });
  }
});
/** One line of text of a shop, as it will be printed on the voucher. */
const shopText = (what: string, max: number, min = 2) =>
  z.string({ error: `${what} : texte attendu.` }).trim().min(min, { error: `${what} : au moins ${min} caractères.` }).max(max, { error: `${what} : ${max} caractères au plus.` });
/** A shop as the voucher prints it; written in short sentences, one idea each (FALC). */
const ShopSchema = z.object({
  name: shopText('Nom du lieu', SHOP_TEXT_MAX.name),
  address: shopText('Adresse', SHOP_TEXT_MAX.address, 5),
  openingHours: shopText('Horaires', SHOP_TEXT_MAX.openingHours),
  directions: z
    .string({ error: 'Comment y aller : texte attendu.' })
    .trim()
    .max(SHOP_TEXT_MAX.directions, { error: `Comment y aller : ${SHOP_TEXT_MAX.directions} caractères au plus.` })
    .default(''),
});
const shops = z.array(ShopSchema, { error: 'Liste des lieux d’accueil attendue.' }).max(MAX_SHOPS, { error: `${MAX_SHOPS} lieux d’accueil au plus : le bon tient sur une page.` });
const identityCheck = z.enum(IDENTITY_CHECKS, { error: `Vérification à l'accueil attendue : ${IDENTITY_CHECKS.join(' ou ')}.` });

/** Each field as sent, without defaults: a change sends only what changes, the rest stays. */
const AgreementFields = {
  partner: z.string({ error: 'Nom du partenaire attendu.' }).trim().min(2, { error: 'Nom du partenaire : au moins 2 caractères.' }).max(120, { error: 'Nom du partenaire : 120 caractères au plus.' }),
  startsOn: agreementDay,
  endsOn: agreementDay,
  devicesCommitted: count,
  residentsCommitted: count,
  trainingsCommitted: count,
  solidaritySalesCommitted: count,
  priceCaps,
  /** An empty reference means none. */
  reuseCommitmentRef: z.string({ error: 'Texte attendu.' }).trim().max(200, { error: 'Référence : 200 caractères au plus.' }).transform((value) => value || null).nullable(),
  maxDeviceAgeYears: z.number({ error: YEARS_MESSAGE }).int({ error: YEARS_MESSAGE }).min(1, { error: YEARS_MESSAGE }).max(30, { error: YEARS_MESSAGE }).nullable(),
  identityCheck,
  shops,
};
const AgreementCreateSchema = z
  .object({
    ...AgreementFields,
    devicesCommitted: count.default(0),
    residentsCommitted: count.default(0),
    trainingsCommitted: count.default(0),
    solidaritySalesCommitted: count.default(0),
    priceCaps: priceCaps.default({}),
    reuseCommitmentRef: AgreementFields.reuseCommitmentRef.optional().transform((value) => value ?? null),
    maxDeviceAgeYears: AgreementFields.maxDeviceAgeYears.optional().transform((value) => value ?? null),
    identityCheck: identityCheck.default('identity_document'),
    shops: shops.default([]),
  })
  .openapi('AgreementCreate');
// no defaults here: a field left out keeps its value (with defaults, `{devicesCommitted: 120}` reset every other commitment to 0)
const AgreementUpdateSchema = z.object(AgreementFields).partial().openapi('AgreementUpdate');

export function serializeAgreement(agreement: Agreement) {
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
    identityCheck: agreement.identityCheck,
    shops: agreement.shops,
  };
}

/** `2026-01-01` → `01/01/2026`, as the French read a day. */
const frenchDay = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** An agreement may not let the partner sell above the legal maximum resale price of a type (décret of 7 November 2022). */
async function assertWithinLegalCaps(ctx: AppContext, priceCaps: Record<string, number>) {
  const issues = legalCapIssues(
    await loadLegalCaps(ctx.em()),
    Object.entries(priceCaps).map(([type, cap]) => ({ path: `priceCaps.${type}`, type, price: cap, what: 'Le prix plafond de la convention' })),
  );
  if (issues.length) throw aboveLegalCap('Convention refusée :', issues);
}

/** One agreement in force per partner at any date: periods of one partner never overlap. */
async function assertNoOverlap(ctx: AppContext, partner: string, startsOn: string, endsOn: string, exceptId?: number) {
  if (endsOn < startsOn) throw invalid('La fin de la convention précède son début.', [{ path: 'endsOn', message: 'La date de fin doit être le jour du début ou après.' }]);
  const overlapping = await ctx.em().findOne(Agreement, { partner, startsOn: { $lte: endsOn }, endsOn: { $gte: startsOn }, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (overlapping) {
    throw conflict(
      'AGREEMENT_OVERLAP',
      `Une convention avec ${partner} couvre déjà une partie de cette période (du ${frenchDay(overlapping.startsOn)} au ${frenchDay(overlapping.endsOn)}) : choisissez des dates hors de cette période, ou corrigez cette convention-là.`,
      { agreementId: overlapping.id },
    );
  }
}

export function agreementRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Conventions';
  route(router, { method: 'get', path: '/agreements', operationId: 'listAgreements', access: { action: 'list', resource: 'agreements' }, summary: 'Conventions de partenariat', tag, query: ListQueryDoc }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['id', 'startsOn', 'partner'], defaultSort: ['startsOn', 'DESC'], filter: z.object({ partner: z.string().optional() }) });
    const [rows, total] = await ctx.em().findAndCount(Agreement, query.filter.partner ? { partner: query.filter.partner } : {}, { orderBy: { [query.sortField]: query.sortOrder }, offset: query.offset, limit: query.limit });
    sendPage(res, 'agreements', query.offset, rows.map(serializeAgreement), total);
  });
  route(router, { method: 'get', path: '/agreements/:id', operationId: 'getAgreement', access: { action: 'show', resource: 'agreements' }, summary: 'Voir une convention', tag }, async (req, res) => {
    const agreement = await ctx.em().findOne(Agreement, { id: parseId(req) });
    if (!agreement) throw notFound('Convention');
    res.json(serializeAgreement(agreement));
  });
  route(router, { method: 'post', path: '/agreements', operationId: 'createAgreement', access: { action: 'create', resource: 'agreements' }, status: 201, errors: [409, 422], summary: 'Enregistrer une convention (prix plafonds par type d’appareil, en euros, au plus les prix maximaux légaux)', tag, body: AgreementCreateSchema }, async (req, res, { body }) => {
    await assertWithinLegalCaps(ctx, body.priceCaps);
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
  route(router, { method: 'put', path: '/agreements/:id', operationId: 'updateAgreement', access: { action: 'edit', resource: 'agreements' }, errors: [409, 422], summary: 'Modifier une convention (prix plafonds au plus les prix maximaux légaux)', tag, body: AgreementUpdateSchema }, async (req, res, { body }) => {
    const agreement = await ctx.em().findOne(Agreement, { id: parseId(req) });
    if (!agreement) throw notFound('Convention');
    if (body.priceCaps) await assertWithinLegalCaps(ctx, body.priceCaps);
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
