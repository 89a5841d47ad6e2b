import { Router } from 'express';
import { dayBetween, numberInRange, z } from '../core/zod.js';
import { CALENDAR_DAYS, frenchDay, todayInParis } from '../core/bounds.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { isMeaningfulSource, SOURCE_MIN_LETTERS } from '../factors/factor-bounds.js';
import { aboveLegalCap, legalCapIssues, loadLegalCaps } from './legal-caps.js';
import { CATEGORY_LABELS, GRADED_TYPES, GRID_BOUNDS, SINGLE_PRICE_TYPES, type Category, type GridRules } from './price-grid.js';
import { loadGridVersions } from './price-grid.store.js';

const threshold = (range: (typeof GRID_BOUNDS)[keyof typeof GRID_BOUNDS]) => numberInRange(range).nullable();
const ThresholdsSchema = z.object({
  minRamGb: threshold(GRID_BOUNDS.minRamGb),
  minCpuGeneration: threshold(GRID_BOUNDS.minCpuGeneration),
  minStorageGb: threshold(GRID_BOUNDS.minStorageGb),
  ssdRequired: z.boolean({ error: 'SSD exigé : oui ou non.' }),
  minBatteryHealthPct: threshold(GRID_BOUNDS.minBatteryHealthPct),
});
const price = numberInRange(GRID_BOUNDS.price);
const gradedPrices = z.object({ premium: price, standard: price, essential: price });
const RulesSchema = z.object({
  criteria: z.object(Object.fromEntries(GRADED_TYPES.map((type) => [type, z.object({ premium: ThresholdsSchema, standard: ThresholdsSchema })])) as Record<(typeof GRADED_TYPES)[number], z.ZodObject<{ premium: typeof ThresholdsSchema; standard: typeof ThresholdsSchema }>>),
  prices: z.object({
    ...(Object.fromEntries(GRADED_TYPES.map((type) => [type, gradedPrices])) as Record<(typeof GRADED_TYPES)[number], typeof gradedPrices>),
    ...(Object.fromEntries(SINGLE_PRICE_TYPES.map((type) => [type, z.object({ standard: price })])) as Record<(typeof SINGLE_PRICE_TYPES)[number], z.ZodObject<{ standard: typeof price }>>),
  }),
});

const SOURCE_MESSAGE = `Indiquez d’où vient cette grille : un texte d’au moins ${SOURCE_MIN_LETTERS} lettres (accord avec le partenaire, délibération, document…), 2 000 caractères au plus.`;
const LABEL_MESSAGE = 'Nom de la version attendu : 1 à 120 caractères.';
/** A new version starts today or later: the grid a desk used yesterday stays what it was. */
const PriceGridCreateSchema = z
  .object({
    label: z.string({ error: LABEL_MESSAGE }).trim().min(1, { error: LABEL_MESSAGE }).max(120, { error: LABEL_MESSAGE }),
    validFrom: dayBetween({ earliest: todayInParis, latest: CALENDAR_DAYS.latest }),
    source: z.string({ error: SOURCE_MESSAGE }).trim().max(2000, { error: SOURCE_MESSAGE }).refine(isMeaningfulSource, { error: SOURCE_MESSAGE }),
    rules: RulesSchema,
  })
  .openapi('PriceGridCreate');

/** Every price of the grid with the path of its field and its words in a message. */
function gridPrices(rules: GridRules) {
  return Object.entries(rules.prices).flatMap(([type, byCategory]) =>
    Object.entries(byCategory as Partial<Record<Category, number>>).map(([category, euros]) => ({
      path: `rules.prices.${type}.${category}`,
      type,
      price: euros as number,
      what: `Le prix ${CATEGORY_LABELS[category as Category]}`,
    })),
  );
}

/** The grid that turns a device's specs into a category and a suggested solidarity price (issue #15 §2), and the legal caps above it. */
export function priceGridRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Grille de prix solidaires';

  route(router, { method: 'get', path: '/price-grids', operationId: 'listPriceGrids', access: { action: 'list', resource: 'price-grids' }, summary: 'Versions de la grille de prix (la plus récente d’abord), chacune avec ses dates de validité, sa source, ses seuils et ses prix', tag, query: ListQueryDoc }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['validFrom'], defaultSort: ['validFrom', 'DESC'], filter: z.object({}) });
    const versions = await loadGridVersions(ctx.em());
    const ordered = query.sortOrder === 'ASC' ? [...versions].reverse() : versions;
    sendPage(res, 'price-grids', query.offset, ordered.slice(query.offset, query.offset + query.limit), versions.length);
  });

  route(router, { method: 'get', path: '/price-grids/:id', operationId: 'getPriceGrid', access: { action: 'show', resource: 'price-grids' }, summary: 'Voir une version de la grille de prix', tag }, async (req, res) => {
    const id = parseId(req);
    const version = (await loadGridVersions(ctx.em())).find((candidate) => candidate.id === id);
    if (!version) throw notFound('Version de la grille de prix');
    res.json(version);
  });

  route(
    router,
    {
      method: 'post',
      path: '/price-grids', operationId: 'createPriceGrid', access: { action: 'create', resource: 'price-grids' }, status: 201, errors: [409, 422],
      summary: 'Publier une nouvelle version de la grille à partir d’un jour (aujourd’hui ou plus tard) ; les versions précédentes restent. Refusée si un prix dépasse le prix maximal légal de son type',
      tag,
      body: PriceGridCreateSchema,
    },
    async (req, res, { body }) => {
      const em = ctx.em();
      const issues = legalCapIssues(await loadLegalCaps(em), gridPrices(body.rules as GridRules));
      if (issues.length) throw aboveLegalCap('Grille refusée :', issues);
      const [taken] = await em.execute<{ id: number }[]>(`select id from price_grids where valid_from = ?`, [body.validFrom]);
      if (taken) throw conflict('GRID_VERSION_EXISTS', `Une version de la grille commence déjà le ${frenchDay(body.validFrom)} : choisissez un autre jour.`, { id: taken.id });
      const [created] = await em.execute<{ id: number }[]>(`insert into price_grids (label, valid_from, source, rules, created_by) values (?, ?, ?, ?, ?) returning id`, [
        body.label,
        body.validFrom,
        body.source,
        JSON.stringify(body.rules),
        currentUser(req).id,
      ]);
      res.status(201).json((await loadGridVersions(em)).find((version) => version.id === created.id));
    },
  );

  route(router, { method: 'get', path: '/legal-price-caps', operationId: 'listLegalPriceCaps', access: { action: 'list', resource: 'legal-price-caps' }, summary: 'Prix maximaux de revente des matériels informatiques publics donnés (décret du 7 novembre 2022), avec leur source', tag }, async (_req, res) => {
    res.json(await loadLegalCaps(ctx.em()));
  });
  return router;
}
