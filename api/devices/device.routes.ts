import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser, type AuthenticatedUser } from '../core/auth.js';
import { conflict, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { Device } from './device.entity.js';
import { DEVICE_SORT_FIELDS, DeviceCreateSchema, DeviceFilterSchema, DeviceSchema, DeviceUpdateSchema, DeviceWithSpecsSchema } from './device.schemas.js';
import { loadDeviceSpecs } from './device-specs.js';
import { registerDevice, updateDevice } from './device.service.js';
import { assertVisible, visibleDevices } from './device-scope.js';
import { deviceCard, serializeDevice } from './device-serializers.js';

/** From this offset on, a page is found by its ids first (see listDevices). */
const DEEP_OFFSET = 1000;

/** The same expression as the trigram index `devices_search_trgm`, so the search uses it. */
const SEARCH_EXPRESSION = `(coalesce(d.asset_tag, '') || ' ' || coalesce(d.serial_number, '') || ' ' || coalesce(d.inventory_number, '') || ' ' || coalesce(d.model, ''))`;

export async function listDevices(ctx: AppContext, user: AuthenticatedUser, query: ReturnType<typeof parseDeviceListQuery>) {
  const qb = ctx.em().createQueryBuilder(Device, 'd');
  const { q, status, type, brand, site, labelPrinted, id, batch, missing } = query.filter;
  if (q) qb.andWhere(`${SEARCH_EXPRESSION} ilike ?`, [`%${escapeLike(q)}%`]);
  if (status) qb.andWhere({ status: { $in: status } });
  if (user.role === 'partner') qb.andWhere(visibleDevices(user));
  if (type) qb.andWhere({ type: { $in: type } });
  if (brand) qb.andWhere({ brand: { $ilike: escapeLike(brand) } });
  if (site) qb.andWhere({ site });
  if (labelPrinted !== undefined) qb.andWhere({ labelPrintedAt: labelPrinted ? { $ne: null } : null });
  if (id) qb.andWhere({ id: { $in: id } });
  if (batch) qb.andWhere({ batch });
  if (missing !== undefined) qb.andWhere({ missingSince: missing ? { $ne: null } : null });
  const order = { [query.sortField]: query.sortOrder, id: query.sortOrder };
  const count = qb.clone();
  qb.orderBy(order).offset(query.offset).limit(query.limit);
  let page = qb;
  if (query.offset >= DEEP_OFFSET) {
    // deep pages: skip the first rows on ids only (an index-only scan of devices_created_at_id_index
    // for the default order), then read the 25 devices; skipping whole rows read 50,000 of them
    page = ctx.em().createQueryBuilder(Device, 'page').where({ id: { $in: qb.clone().select('d.id').getKnexQuery() } }).orderBy(order);
  }
  // the page and the total side by side (two pooled connections): the list waits for the slower, not the sum
  return Promise.all([page.getResultList(), count.getCount()]);
}

function parseDeviceListQuery(req: Parameters<typeof parseListQuery>[0]) {
  return parseListQuery(req, { sortFields: DEVICE_SORT_FIELDS, defaultSort: ['createdAt', 'DESC'], filter: DeviceFilterSchema });
}

/**
 * Devices: listed, read, registered, described; never deleted.
 * Longer than 80 lines on purpose: one `route()` declaration after another, in the order Express
 * tries them; each handler is a few lines.
 */
export function deviceRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Appareils';

  route(
    router,
    {
      method: 'get',
      path: '/devices', operationId: 'listDevices', access: { action: 'list', resource: 'devices' },
      summary: 'Lister les appareils (filtres : q, status, type, brand, site, labelPrinted, id), chacun avec ses caractéristiques (specs)',
      tag,
      query: ListQueryDoc,
      response: z.array(DeviceWithSpecsSchema),
    },
    async (req, res) => {
      const query = parseDeviceListQuery(req);
      const [devices, total] = await listDevices(ctx, currentUser(req), query);
      const specs = await loadDeviceSpecs(ctx.em(), devices);
      sendPage(res, 'devices', query.offset, devices.map((device) => ({ ...serializeDevice(device), specs: specs.get(device.id)! })), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/devices/:id', operationId: 'getDevice', access: { action: 'show', resource: 'devices' }, summary: 'Voir un appareil, avec ses caractéristiques (specs)', tag, response: DeviceWithSpecsSchema },
    async (req, res) => {
      const device = await ctx.em().findOne(Device, { id: parseId(req) });
      if (!device) throw notFound('Appareil');
      const user = currentUser(req);
      await assertVisible(ctx.em(), device, user);
      const specs = await loadDeviceSpecs(ctx.em(), [device]);
      res.json({ ...deviceCard(device, user.role), specs: specs.get(device.id)! });
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/devices', operationId: 'createDevice', access: { action: 'create', resource: 'devices' }, status: 201, errors: [409],
      summary: "Enregistrer un appareil : le numéro d'inventaire Réemploi (asset tag) est attribué",
      tag,
      body: DeviceCreateSchema,
      response: DeviceSchema,
    },
    async (req, res, { body }) => {
      const device = await registerDevice(ctx.em(), body, currentUser(req), ctx.config.assetTagFormat);
      res.status(201).json(serializeDevice(device));
    },
  );

  route(
    router,
    {
      method: 'put',
      path: '/devices/:id', operationId: 'updateDevice', access: { action: 'edit', resource: 'devices' }, errors: [409],
      summary: 'Modifier la fiche (pas le statut) ; 409 si quelqu’un l’a modifiée depuis la version envoyée',
      tag,
      body: DeviceUpdateSchema,
      response: DeviceSchema,
    },
    async (req, res, { body }) => {
      const user = currentUser(req);
      const device = await updateDevice(ctx.em(), parseId(req), body, user);
      res.json(deviceCard(device, user.role));
    },
  );

  route(
    router,
    { method: 'delete', path: '/devices/:id', operationId: 'deleteDevice', access: { action: 'edit', resource: 'devices' }, errors: [409], summary: 'Refusé : un appareil se retire (transition withdrawn), il ne se supprime pas', tag },
    async (req) => {
      if (!(await ctx.em().count(Device, { id: parseId(req) }))) throw notFound('Appareil');
      throw conflict(
        'NOT_DELETABLE',
        "Un appareil ne se supprime pas : sa chaîne de traçabilité doit rester complète. Un administrateur peut le retirer (« Retirer ») avec un motif.",
      );
    },
  );

  route(
    router,
    { method: 'get', path: '/sites', operationId: 'listSites', access: { action: 'create', resource: 'devices' }, summary: 'Sites connus (lieux des appareils), pour les listes de choix', tag, response: z.array(z.object({ id: z.string(), name: z.string() })) },
    async (_req, res) => {
      const rows = await ctx.em().execute<{ site: string }[]>(
        `select site from devices group by site union select origin_site from devices group by origin_site order by 1`,
      );
      res.json(rows.map(({ site }) => ({ id: site, name: site })));
    },
  );
  return router;
}
