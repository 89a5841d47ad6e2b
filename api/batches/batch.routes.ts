import { Router } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser, type AuthenticatedUser } from '../core/auth.js';
import { AppError, conflict, notFound } from '../core/errors.js';
import { idempotent } from '../core/idempotency.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { checkAssetTag } from '../devices/asset-tag.js';
import { Device } from '../devices/device.entity.js';
import { serializeDevice } from '../devices/device-serializers.js';
import { Batch } from './batch.entity.js';
import { assertBatchVisible, batchScope } from './batch-scope.js';
import { BatchCreateSchema, BatchDevicesSchema, BatchFilterSchema, BatchSchema, BatchUpdateSchema, PickupSchema } from './batch.schemas.js';
import {
  addDevicesToBatch,
  closeBatch,
  confirmPickup,
  createBatch,
  DEFAULT_PARTNER,
  markBatchReady,
  removeDeviceFromBatch,
} from './batch.service.js';
import { manifestPdf, writeManifestXlsx } from './manifest.js';
import { loadCertificateContent } from '../sanitization/certificate.routes.js';
import { certificatesPdf } from '../sanitization/certificate-pdf.js';
import { byCount } from '../core/french.js';

interface BatchCounts {
  total: number;
  byType: Record<string, number>;
}

async function countDevices(ctx: AppContext, batchIds: number[]): Promise<Map<number, BatchCounts>> {
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

function serializeBatch(batch: Batch, counts: BatchCounts = { total: 0, byType: {} }) {
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

export function batchRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = "Lots d'enlèvement";
  const depot = 'admin, it_staff';

  async function loadVisible(id: number, user: AuthenticatedUser): Promise<Batch> {
    const batch = await ctx.em().findOne(Batch, { id }, { populate: ['pickedUpBy'] });
    if (!batch) throw notFound('Lot');
    assertBatchVisible(batch, user);
    return batch;
  }

  async function answer(res: Parameters<Parameters<typeof route>[2]>[1], batch: Batch, status = 200) {
    await ctx.em().populate(batch, ['pickedUpBy']);
    const counts = await countDevices(ctx, [batch.id]);
    res.status(status).json(serializeBatch(batch, counts.get(batch.id)));
  }

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
    async (req, res) => answer(res, await loadVisible(parseId(req), currentUser(req))),
  );

  route(
    router,
    { method: 'post', path: '/batches', operationId: 'createBatch', access: { action: 'create', resource: 'batches' }, status: 201, errors: [409], summary: "Créer un lot (brouillon) : sa référence LOT-AAAA-NNNN est attribuée", tag, body: BatchCreateSchema, response: BatchSchema },
    async (req, res, { body }) => {
      const batch = await createBatch(ctx.em(), { ...body, partner: body.partner ?? DEFAULT_PARTNER }, currentUser(req));
      await answer(res, batch, 201);
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
      await answer(res, batch);
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

  route(
    router,
    {
      method: 'post',
      path: '/batches/:id/devices', operationId: 'addDevicesToBatch', access: { action: 'edit', resource: 'batches' }, errors: [409],
      summary: 'Ajouter des appareils effacés à un lot en préparation (par ids ou par étiquettes scannées) ; tout ou rien',
      tag,
      body: BatchDevicesSchema,
    },
    async (req, res, { body }) => {
      const ids = [...(body.ids ?? [])];
      const unknownTags: string[] = [];
      if (body.assetTags?.length) {
        const tags = body.assetTags.map((code) => checkAssetTag(code));
        const valid = tags.filter((check) => check.valid).map((check) => (check as { tag: string }).tag);
        const devices = await ctx.em().find(Device, { assetTag: { $in: valid } }, { fields: ['id', 'assetTag'] });
        for (const [index, check] of tags.entries()) {
          const device = check.valid ? devices.find((candidate) => candidate.assetTag === check.tag) : undefined;
          if (device) ids.push(device.id);
          else unknownTags.push(body.assetTags[index]);
        }
      }
      if (unknownTags.length) {
        throw new AppError(409, 'DEVICES_REFUSED', `${byCount(unknownTags.length, 'Étiquette inconnue', 'Étiquettes inconnues')} : ${unknownTags.join(', ')}. Rien n'a été ajouté.`, {
          added: [],
          alreadyInBatch: [],
          refused: unknownTags.map((assetTag) => ({ id: null, assetTag, reason: 'étiquette inconnue ou mal lue' })),
        });
      }
      res.json(await addDevicesToBatch(ctx.em(), parseId(req), [...new Set(ids)], currentUser(req)));
    },
  );

  route(
    router,
    { method: 'delete', path: '/batches/:id/devices/:deviceId', operationId: 'removeDeviceFromBatch', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: "Retirer un appareil d'un lot en préparation (il redevient « effacé »)", tag },
    async (req, res) => {
      await removeDeviceFromBatch(ctx.em(), parseId(req), parseId(req, 'deviceId'), currentUser(req));
      res.json({ id: parseId(req, 'deviceId') });
    },
  );

  route(
    router,
    { method: 'post', path: '/batches/:id/ready', operationId: 'markBatchReady', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: 'Déclarer le lot prêt : son contenu est figé et le partenaire le voit', tag, response: BatchSchema },
    async (req, res) => answer(res, await markBatchReady(ctx.em(), parseId(req), currentUser(req), ctx.notifier)),
  );

  route(
    router,
    {
      method: 'post',
      path: '/batches/:id/pickup', operationId: 'confirmBatchPickup', access: { action: 'create', resource: 'pickups' }, errors: [409, 422],
      summary:
        "Confirmer l'enlèvement avec les étiquettes scannées : les appareils passent sous la garde du partenaire ; s'il en manque, un écart écrit est obligatoire (lot « disputed ») ; en-tête Idempotency-Key pour réessayer sans risque",
      tag,
      body: PickupSchema,
    },
    async (req, res, { body }) => {
      await idempotent(ctx, req, res, async () => {
        const result = await confirmPickup(ctx.em(), parseId(req), body, currentUser(req), ctx.notifier);
        // the name was only there because the session check used to leave the user in the identity map
        await ctx.em().populate(result.batch, ['pickedUpBy']);
        const counts = await countDevices(ctx, [result.batch.id]);
        return { status: 200, body: { batch: serializeBatch(result.batch, counts.get(result.batch.id)), handedOver: result.handedOver, missing: result.missing } };
      });
    },
  );

  route(
    router,
    { method: 'post', path: '/batches/:id/close', operationId: 'closeBatch', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: 'Clôturer un lot enlevé', tag, response: BatchSchema },
    async (req, res) => answer(res, await closeBatch(ctx.em(), parseId(req))),
  );

  route(
    router,
    { method: 'get', path: '/batches/:id/devices', operationId: 'listBatchDevices', access: { action: 'show', resource: 'batches' }, summary: "Appareils d'un lot (attendus, enlevés)", tag },
    async (req, res) => {
      const batch = await loadVisible(parseId(req), currentUser(req));
      const devices = await ctx.em().find(Device, { batch }, { orderBy: { assetTag: 'ASC' } });
      res.json(devices.map(serializeDevice));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/batches/:id/certificates.pdf', operationId: 'getBatchCertificatesPdf', access: { action: 'show', resource: 'batches' },
      summary: "Certificats d'effacement de tous les appareils du lot, en un seul PDF",
      tag,
      produces: ['application/pdf'],
    },
    async (req, res) => {
      const batch = await loadVisible(parseId(req), currentUser(req));
      const devices = await ctx.em().find(Device, { batch }, { orderBy: { assetTag: 'ASC' } });
      const contents = [];
      for (const device of devices) {
        const content = await loadCertificateContent(ctx, device);
        if (content) contents.push(content);
      }
      res.type('application/pdf').set('Content-Disposition', `inline; filename="certificats-${batch.reference}.pdf"`);
      (await certificatesPdf(`Certificats d'effacement — ${batch.reference}`, contents, ctx.config.organisationName)).pipe(res);
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    route(
      router,
      {
        method: 'get',
        path: `/batches/:id/manifest.${format}`,
        operationId: format === 'pdf' ? 'getBatchManifestPdf' : 'getBatchManifestXlsx',
        access: { action: 'show', resource: 'batches' },
        errors: [409],
        summary: format === 'pdf' ? 'Manifeste imprimable du lot (code-barres du lot et de chaque appareil, totaux, signatures)' : 'Manifeste du lot au format Excel (filtrable)',
        tag,
        produces: [format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
      async (req, res) => {
        const batch = await loadVisible(parseId(req), currentUser(req));
        if (batch.status === 'draft') throw conflict('BATCH_STATUS', `Le lot ${batch.reference} est en préparation : son manifeste existe quand il est prêt.`);
        const devices = await ctx.em().find(Device, { batch }, { orderBy: { assetTag: 'ASC' } });
        const masses = Object.fromEntries(
          (await ctx.em().execute<{ device_type: string; mass_kg: number | null }[]>(`select device_type, mass_kg from factors`)).map((row) => [row.device_type, row.mass_kg]),
        );
        const filename = `manifeste-${batch.reference}.${format}`;
        res.set('Content-Disposition', `attachment; filename="${filename}"`);
        if (format === 'pdf') {
          res.type('application/pdf');
          (await manifestPdf(batch, devices, masses)).pipe(res);
        } else {
          res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          await writeManifestXlsx(batch, devices, res, masses);
        }
      },
    );
  }
  return router;
}
