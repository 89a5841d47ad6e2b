import { Router, type Response } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser, type AuthenticatedUser } from '../core/auth.js';
import { conflict, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { Batch } from './batch.entity.js';
import { assertBatchVisible, batchScope } from './batch-scope.js';
import { BatchCreateSchema, BatchFilterSchema, BatchSchema, BatchUpdateSchema } from './batch.schemas.js';
import { createBatch, DEFAULT_PARTNER } from './batch.service.js';

interface BatchCounts {
  total: number;
  byType: Record<string, number>;
}

export async function countDevices(ctx: AppContext, batchIds: number[]): Promise<Map<number, BatchCounts>> {
  const counts = new Map<number, BatchCounts>(batchIds.map((id) => [id, { total: 0, byType: {} }]));
  if (!batchIds.length) return counts;
  const rows = await ctx
    .em()
    .execute<{ batch_id: number; type: string; n: number }[]>(
      `select batch_id, type, count(*)::int as n from devices where batch_id = any(?::int[]) group by batch_id, type`,
      [`{${batchIds.join(',')}}`],
    );
  for (const row of rows) {
    const entry = counts.get(row.batch_id)!;
    entry.total += row.n;
    entry.byType[row.type] = row.n;
  }
  return counts;
}

export function serializeBatch(batch: Batch, counts: BatchCounts = { total: 0, byType: {} }) {
  return {
    id: batch.id,
    reference: batch.reference,
    site: batch.site,
    partner: batch.partner,
    plannedAt: batch.plannedAt ?? null,
    status: batch.status,
    notes: batch.notes ?? null,
    deviceCount: counts.total,
    countsByType: counts.byType,
    readyAt: batch.readyAt?.toISOString() ?? null,
    pickedUpAt: batch.pickedUpAt?.toISOString() ?? null,
    pickedUpByName: batch.pickedUpBy?.name ?? null,
    discrepancy: batch.discrepancy ?? null,
    missingAssetTags: batch.missingAssetTags ?? null,
    closedAt: batch.closedAt?.toISOString() ?? null,
    version: batch.version,
    createdAt: batch.createdAt.toISOString(),
  };
}


/** A batch this user may see (404 otherwise), with who picked it up. */
export async function loadVisibleBatch(ctx: AppContext, id: number, user: AuthenticatedUser): Promise<Batch> {
  const batch = await ctx.em().findOne(Batch, { id }, { populate: ['pickedUpBy'] });
  if (!batch) throw notFound('Lot');
  assertBatchVisible(batch, user);
  return batch;
}

/** Answers with the batch as the API shows it, its device counts included. */
export async function sendBatch(ctx: AppContext, res: Response, batch: Batch, status = 200) {
  await ctx.em().populate(batch, ['pickedUpBy']);
  const counts = await countDevices(ctx, [batch.id]);
  res.status(status).json(serializeBatch(batch, counts.get(batch.id)));
}

/** Batches themselves: list, read, create, correct (the planned date, the notes), never delete. */
export function batchRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = "Lots d'enlèvement";

  route(
    router,
    {
      method: 'get',
      path: '/batches', operationId: 'listBatches', access: { action: 'list', resource: 'batches' },
      summary: 'Lister les lots (filtres : q, status, site) ; le partenaire ne voit que les lots qui lui sont adressés, une fois prêts',
      tag,
      query: ListQueryDoc,
      response: z.array(BatchSchema),
    },
    async (req, res) => {
      const query = parseListQuery(req, {
        sortFields: ['id', 'reference', 'status', 'plannedAt', 'site', 'createdAt', 'pickedUpAt'],
        defaultSort: ['createdAt', 'DESC'],
        filter: BatchFilterSchema,
      });
      const user = currentUser(req);
      const where: FilterQuery<Batch> = {};
      const { q, status, site, id } = query.filter;
      if (q) where.reference = { $ilike: `%${escapeLike(q)}%` };
      if (status) where.status = { $in: status };
      if (site) where.site = site;
      if (id) where.id = { $in: id };
      const [batches, total] = await ctx.em().findAndCount(Batch, { $and: [where, batchScope(user)] }, {
        populate: ['pickedUpBy'],
        orderBy: { [query.sortField]: query.sortOrder, id: query.sortOrder },
        offset: query.offset,
        limit: query.limit,
      });
      const counts = await countDevices(ctx, batches.map((batch) => batch.id));
      sendPage(res, 'batches', query.offset, batches.map((batch) => serializeBatch(batch, counts.get(batch.id))), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/batches/:id', operationId: 'getBatch', access: { action: 'show', resource: 'batches' }, summary: 'Voir un lot', tag, response: BatchSchema },
    async (req, res) => sendBatch(ctx, res, await loadVisibleBatch(ctx, parseId(req), currentUser(req))),
  );

  route(
    router,
    { method: 'post', path: '/batches', operationId: 'createBatch', access: { action: 'create', resource: 'batches' }, status: 201, errors: [409], summary: "Créer un lot (brouillon) : sa référence LOT-AAAA-NNNN est attribuée", tag, body: BatchCreateSchema, response: BatchSchema },
    async (req, res, { body }) => {
      const batch = await createBatch(ctx.em(), { ...body, partner: body.partner ?? DEFAULT_PARTNER }, currentUser(req));
      await sendBatch(ctx, res, batch, 201);
    },
  );

  route(
    router,
    { method: 'put', path: '/batches/:id', operationId: 'updateBatch', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: "Modifier la date prévue ou les notes d'un lot en préparation", tag, body: BatchUpdateSchema, response: BatchSchema },
    async (req, res, { body }) => {
      const em = ctx.em();
      const batch = await em.findOne(Batch, { id: parseId(req) });
      if (!batch) throw notFound('Lot');
      if (batch.version !== body.version) throw conflict('CONCURRENT_CHANGE', "Quelqu'un a modifié ce lot entre-temps : rechargez la page.");
      if (batch.status !== 'draft') throw conflict('BATCH_STATUS', `Le lot ${batch.reference} est figé.`);
      if (body.plannedAt !== undefined) batch.plannedAt = body.plannedAt;
      if (body.notes !== undefined) batch.notes = body.notes;
      await em.flush();
      await sendBatch(ctx, res, batch);
    },
  );

  route(
    router,
    { method: 'delete', path: '/batches/:id', operationId: 'deleteBatch', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: 'Refusé : un lot ne se supprime pas', tag },
    async (req) => {
      if (!(await ctx.em().count(Batch, { id: parseId(req) }))) throw notFound('Lot');
      throw conflict('NOT_DELETABLE', "Un lot ne se supprime pas : retirez-en les appareils s'il est en préparation.");
    },
  );

  return router;
}
