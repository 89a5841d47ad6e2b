import { Router } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { Medium } from './medium.entity.js';
import { MediumCreateSchema, MediumFilterSchema, MediumSchema } from './sanitization.schemas.js';
import { addMedium, removeMedium } from './sanitization.service.js';

/** A storage medium as the API answers it, with the result of its latest wipe. */
export function serializeMedium(medium: Medium, lastResult: string | null = null) {
  return {
    id: medium.id,
    device: medium.device.id,
    assetTag: medium.device.assetTag,
    kind: medium.kind,
    serialNumber: medium.serialNumber,
    model: medium.model ?? null,
    capacityGb: medium.capacityGb ?? null,
    interface: medium.interface ?? null,
    lastResult,
    createdAt: medium.createdAt.toISOString(),
  };
}

/** The latest result of each medium (by end of wipe), for the wiping station's list. */
async function lastResults(ctx: AppContext, mediumIds: number[]): Promise<Map<number, string>> {
  if (!mediumIds.length) return new Map();
  const rows = await ctx
    .em()
    .execute<{ medium_id: number; result: string }[]>(
      `select distinct on (medium_id) medium_id, result from sanitizations where medium_id = any(?::int[]) order by medium_id, finished_at desc, id desc`,
      [`{${mediumIds.join(',')}}`],
    );
  return new Map(rows.map((row) => [row.medium_id, row.result]));
}

/** The storage media of a device (HDD, SSD, NVMe, eMMC): added, listed, removed while nothing was recorded on them. */
export function mediumRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Effacement des données';

  route(
    router,
    { method: 'get', path: '/media', operationId: 'listMedia', access: { action: 'list', resource: 'media' }, summary: 'Lister les supports de stockage (filtres : device, kind, q)', tag, query: ListQueryDoc, response: z.array(MediumSchema) },
    async (req, res) => {
      const query = parseListQuery(req, { sortFields: ['id', 'serialNumber', 'kind', 'createdAt'], defaultSort: ['id', 'ASC'], filter: MediumFilterSchema });
      const where: FilterQuery<Medium> = {};
      if (query.filter.device) where.device = { $in: query.filter.device };
      if (query.filter.kind) where.kind = { $in: query.filter.kind };
      if (query.filter.id) where.id = { $in: query.filter.id };
      if (query.filter.q) where.serialNumber = { $ilike: `%${escapeLike(query.filter.q)}%` };
      const [media, total] = await ctx.em().findAndCount(Medium, where, {
        populate: ['device'],
        orderBy: { [query.sortField]: query.sortOrder, id: 'ASC' },
        offset: query.offset,
        limit: query.limit,
      });
      const results = await lastResults(ctx, media.map((medium) => medium.id));
      sendPage(res, 'media', query.offset, media.map((medium) => serializeMedium(medium, results.get(medium.id) ?? null)), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/media/:id', operationId: 'getMedium', access: { action: 'show', resource: 'media' }, summary: 'Voir un support', tag, response: MediumSchema },
    async (req, res) => {
      const medium = await ctx.em().findOne(Medium, { id: parseId(req) }, { populate: ['device'] });
      if (!medium) throw notFound('Support');
      res.json(serializeMedium(medium, (await lastResults(ctx, [medium.id])).get(medium.id) ?? null));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/media', operationId: 'createMedium', access: { action: 'create', resource: 'media' }, status: 201, errors: [404, 409],
      summary: 'Ajouter un support de stockage à un appareil (saisi ou scanné)',
      tag,
      body: MediumCreateSchema,
      response: MediumSchema,
    },
    async (req, res, { body }) => {
      const medium = await addMedium(ctx.em(), body, currentUser(req));
      res.status(201).json(serializeMedium(medium));
    },
  );

  route(
    router,
    { method: 'put', path: '/media/:id', operationId: 'updateMedium', access: { action: 'edit', resource: 'media' }, errors: [409], summary: 'Refusé : un support se retire et se saisit à nouveau', tag },
    async (req) => {
      if (!(await ctx.em().count(Medium, { id: parseId(req) }))) throw notFound('Support');
      throw conflict('NOT_EDITABLE', 'Un support ne se modifie pas : retirez celui saisi par erreur et ajoutez le bon.');
    },
  );

  route(
    router,
    { method: 'delete', path: '/media/:id', operationId: 'deleteMedium', access: { action: 'delete', resource: 'media' }, errors: [409], summary: "Retirer un support saisi par erreur (s'il n'a aucun effacement enregistré)", tag },
    async (req, res) => {
      const id = parseId(req);
      await removeMedium(ctx.em(), id, currentUser(req));
      res.json({ id });
    },
  );

  return router;
}
