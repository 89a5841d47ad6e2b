import { Router } from 'express';
import { dayBetween, numberInRange, z } from '../core/zod.js';
import { CALENDAR_DAYS, todayInParis } from '../core/bounds.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { User } from '../users/user.entity.js';
import { AVOIDED_METHODS, Factor } from './factor.entity.js';
import { FACTOR_FIGURES, isMeaningfulSource, SOURCE_MIN_LETTERS, type FactorFigure } from './factor-bounds.js';
import { auditAction, changedFields } from '../admin-log/admin-log.js';
import { SOURCE_CATALOGUE } from './source-catalogue.js';

/** An empty figure (null) is one nobody has found yet: the report names it as missing. */
const figure = (name: FactorFigure) => numberInRange(FACTOR_FIGURES[name]).nullable();
const SOURCE_MESSAGE = `Indiquez la source du chiffre : un texte d’au moins ${SOURCE_MIN_LETTERS} lettres (document, organisme, pesée…), 2 000 caractères au plus.`;
const source = z.string({ error: SOURCE_MESSAGE }).trim().max(2000, { error: SOURCE_MESSAGE }).refine(isMeaningfulSource, { error: SOURCE_MESSAGE });
const VERSION_MESSAGE = 'Version des facteurs attendue : 1 à 120 caractères.';

/** Every figure travels with its source: an admin changing a value must say where it comes from. */
const FactorUpdateSchema = z
  .object({
    massKg: figure('massKg'),
    massSource: source,
    manufacturingKgco2e: figure('manufacturingKgco2e'),
    manufacturingSource: source,
    avoidedMethod: z.enum(AVOIDED_METHODS),
    avoidedKgco2ePerYear: figure('avoidedKgco2ePerYear'),
    avoidedSource: source,
    secondLifeYears: figure('secondLifeYears'),
    secondLifeSource: source,
    referenceNewPriceEur: figure('referenceNewPriceEur'),
    priceSource: source,
    version: z.string({ error: VERSION_MESSAGE }).trim().min(1, { error: VERSION_MESSAGE }).max(120, { error: VERSION_MESSAGE }),
    /** A published figure: not before 2000, not in the future. */
    publishedOn: dayBetween({ earliest: CALENDAR_DAYS.earliest, latest: todayInParis }).nullable(),
  })
  .partial()
  .openapi('FactorUpdate');

const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export function serializeFactor(factor: Factor) {
  return {
    id: factor.id,
    deviceType: factor.deviceType,
    massKg: toNumber(factor.massKg),
    massSource: factor.massSource,
    manufacturingKgco2e: toNumber(factor.manufacturingKgco2e),
    manufacturingSource: factor.manufacturingSource,
    avoidedMethod: factor.avoidedMethod,
    avoidedKgco2ePerYear: toNumber(factor.avoidedKgco2ePerYear),
    avoidedSource: factor.avoidedSource,
    secondLifeYears: toNumber(factor.secondLifeYears),
    secondLifeSource: factor.secondLifeSource,
    referenceNewPriceEur: toNumber(factor.referenceNewPriceEur),
    priceSource: factor.priceSource,
    version: factor.version,
    publishedOn: factor.publishedOn ? String(factor.publishedOn).slice(0, 10) : null,
    updatedBy: factor.updatedBy?.id ?? null,
    updatedAt: factor.updatedAt,
  };
}

export function factorRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Facteurs environnementaux';
  route(router, { method: 'get', path: '/factors', operationId: 'listFactors', access: { action: 'list', resource: 'factors' }, summary: 'Facteurs par type d’appareil (masse, fabrication, impact évité, prix neuf), avec leurs sources', tag, query: ListQueryDoc }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['id', 'deviceType', 'updatedAt'], defaultSort: ['id', 'ASC'], filter: z.object({ deviceType: z.enum(DEVICE_TYPES).optional() }) });
    const [rows, total] = await ctx.em().findAndCount(Factor, query.filter.deviceType ? { deviceType: query.filter.deviceType } : {}, { orderBy: { [query.sortField]: query.sortOrder }, offset: query.offset, limit: query.limit });
    sendPage(res, 'factors', query.offset, rows.map(serializeFactor), total);
  });
  route(router, { method: 'get', path: '/factors/sources', operationId: 'listFactorSources', access: { action: 'list', resource: 'factors' }, summary: 'Documents publiés d’où viennent les facteurs : titre, éditeur, année, adresse publique', tag }, async (_req, res) => {
    res.json(SOURCE_CATALOGUE);
  });
  route(router, { method: 'get', path: '/factors/:id', operationId: 'getFactor', access: { action: 'show', resource: 'factors' }, summary: 'Voir un facteur', tag }, async (req, res) => {
    const factor = await ctx.em().findOne(Factor, { id: parseId(req) });
    if (!factor) throw notFound('Facteur');
    res.json(serializeFactor(factor));
  });
  route(router, { method: 'put', path: '/factors/:id', operationId: 'updateFactor', access: { action: 'edit', resource: 'factors' }, errors: [409], summary: 'Modifier un facteur (chaque chiffre avec sa source)', tag, body: FactorUpdateSchema }, async (req, res, { body }) => {
    const em = ctx.em();
    const factor = await em.findOne(Factor, { id: parseId(req) });
    if (!factor) throw notFound('Facteur');
    const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    const before = serializeFactor(factor);
    em.assign(factor, { ...changes, updatedBy: em.getReference(User, currentUser(req).id), updatedAt: new Date() });
    auditAction(em, { action: 'factor_updated', actor: currentUser(req), targetType: 'factors', targetId: factor.id, details: { deviceType: factor.deviceType, changes: changedFields(before, serializeFactor(factor), Object.keys(changes)) } });
    await em.flush();
    res.json(serializeFactor(factor));
  });
  return router;
}
