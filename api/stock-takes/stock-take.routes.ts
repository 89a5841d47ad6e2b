import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { route } from '../core/routes.js';
import { idempotent } from '../core/idempotency.js';
import { ListQueryDoc, oneOrMany, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { moveDeviceToSite } from '../devices/device.service.js';
import { AppError } from '../core/errors.js';
import { Audit, AUDIT_STATUSES } from './stock-take.entity.js';
import { auditCounts, closeAudit, loadAudit, reconcile, recordScan, setAuditPaused, startAudit } from './stock-take.service.js';

const AuditCreateSchema = z.object({ site: z.string().trim().min(2).max(120) }).openapi('AuditCreate');
const ScanSchema = z.object({ code: z.string().trim().min(1).max(64) }).openapi('AuditScan');
const RelocateSchema = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).openapi('AuditRelocate');
const AuditFilterSchema = z.object({ site: z.string().max(120).optional(), status: oneOrMany(z.enum(AUDIT_STATUSES)).optional() });

export function serializeAudit(audit: Audit) {
  return {
    id: audit.id,
    site: audit.site,
    status: audit.status,
    startedAt: audit.startedAt.toISOString(),
    startedByName: audit.startedBy?.name ?? null,
    closedAt: audit.closedAt?.toISOString() ?? null,
    closedByName: audit.closedBy?.name ?? null,
  };
}

/** A stock-take with its counts and its lists of devices, as the API answers it. */
export async function stockTakeDetail(ctx: AppContext, id: number) {
  const audit = await loadAudit(ctx.em(), id);
  const result = await reconcile(ctx.em(), id);
  return { ...serializeAudit(audit), ...result.counts, lists: result };
}

/** Stock-takes of a depot site: started, scanned, paused, closed; found devices relocated. */
export function stockTakeRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Inventaire du dépôt';

  route(router, { method: 'get', path: '/audits', operationId: 'listStockTakes', access: { action: 'list', resource: 'audits' }, summary: 'Lister les inventaires', tag, query: ListQueryDoc }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['id', 'site', 'startedAt', 'status'], defaultSort: ['startedAt', 'DESC'], filter: AuditFilterSchema });
    const where: Record<string, unknown> = {};
    if (query.filter.site) where.site = query.filter.site;
    if (query.filter.status) where.status = { $in: query.filter.status };
    const [audits, total] = await ctx.em().findAndCount(Audit, where, {
      populate: ['startedBy', 'closedBy'],
      orderBy: { [query.sortField]: query.sortOrder, id: 'DESC' },
      offset: query.offset,
      limit: query.limit,
    });
    const counts = await auditCounts(ctx.em(), audits.map((audit) => audit.id));
    sendPage(res, 'audits', query.offset, audits.map((audit) => ({ ...serializeAudit(audit), ...counts.get(audit.id) })), total);
  });

  route(router, { method: 'post', path: '/audits', operationId: 'startStockTake', access: { action: 'create', resource: 'audits' }, status: 201, errors: [409], summary: "Commencer l'inventaire d'un site : les appareils attendus sont ceux que le système y place", tag, body: AuditCreateSchema }, async (req, res, { body }) => {
    const audit = await startAudit(ctx.em(), body.site, currentUser(req));
    res.status(201).json(await stockTakeDetail(ctx, audit.id));
  });

  route(router, { method: 'get', path: '/audits/:id', operationId: 'getStockTake', access: { action: 'show', resource: 'audits' }, summary: 'Inventaire : compteurs attendus / trouvés / manquants / inattendus / inconnus et leurs listes', tag }, async (req, res) => {
    res.json(await stockTakeDetail(ctx, parseId(req)));
  });

  route(
    router,
    { method: 'post', path: '/audits/:id/scans', operationId: 'scanInStockTake', access: { action: 'edit', resource: 'audits' }, errors: [409, 422], summary: 'Scanner un code pendant l’inventaire → found | unexpected | unknown | duplicate ; en-tête Idempotency-Key : un scan envoyé de nouveau (file hors ligne) rejoue sa première réponse', tag, body: ScanSchema },
    async (req, res, { body }) => {
      const id = parseId(req);
      await idempotent(ctx, req, res, async () => {
        const scan = await recordScan(ctx.em(), id, body.code, currentUser(req));
        return { status: 200, body: { ...scan, counts: (await reconcile(ctx.em(), id)).counts } };
      });
    },
  );

  for (const action of ['pause', 'resume'] as const) {
    route(router, { method: 'post', path: `/audits/:id/${action}`, operationId: action === 'pause' ? 'pauseStockTake' : 'resumeStockTake', access: { action: 'edit', resource: 'audits' }, errors: [409], summary: action === 'pause' ? "Mettre l'inventaire en pause" : "Reprendre l'inventaire", tag }, async (req, res) => {
      await setAuditPaused(ctx.em(), parseId(req), action === 'pause');
      res.json(await stockTakeDetail(ctx, parseId(req)));
    });
  }

  route(
    router,
    { method: 'post', path: '/audits/:id/close', operationId: 'closeStockTake', access: { action: 'edit', resource: 'audits' }, errors: [409], summary: 'Clôturer : un événement « inventorié » par appareil vu, les manquants sont signalés', tag },
    async (req, res) => {
      await closeAudit(ctx.em(), parseId(req), currentUser(req));
      res.json(await stockTakeDetail(ctx, parseId(req)));
    },
  );

  route(
    router,
    { method: 'post', path: '/audits/:id/relocate', operationId: 'relocateFoundDevices', access: { action: 'edit', resource: 'audits' }, errors: [409], summary: "Rattacher au site de l'inventaire des appareils trouvés là mais enregistrés ailleurs", tag, body: RelocateSchema },
    async (req, res, { body }) => {
      const audit = await loadAudit(ctx.em(), parseId(req));
      const moved: string[] = [];
      const refused: { id: number; reason: string }[] = [];
      for (const deviceId of body.ids) {
        try {
          const device = await moveDeviceToSite(ctx.em(), deviceId, { site: audit.site, reason: `Trouvé lors de l'inventaire n° ${audit.id}` }, currentUser(req));
          moved.push(device.assetTag);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          refused.push({ id: deviceId, reason: error.message });
        }
      }
      res.json({ moved, refused });
    },
  );

  return router;
}
