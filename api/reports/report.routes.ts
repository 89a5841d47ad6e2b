import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Router, type Response } from 'express';
import { calendarDay, z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { invalid, notFound } from '../core/errors.js';
import { idempotent } from '../core/idempotency.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { User } from '../users/user.entity.js';
import { computeSummary, type ReportParameters } from './indicators.js';
import { writePartnershipWorkbook } from './workbook/index.js';
import { DownloadCut } from './workbook/paging.js';
import { StoredReport } from './report.entity.js';
import { listTerritories } from './territories.js';

const day = calendarDay();
const periodFields = {
  from: day,
  to: day,
  territory: z.string().trim().max(120).optional().transform((value) => value || null),
};
/** A period ends after it starts and covers at most ten years (a report, not a data dump). */
const checkPeriod = <T extends { from: string; to: string }>(value: T, context: z.core.$RefinementCtx<T>) => {
  if (value.to < value.from) context.addIssue({ code: 'custom', path: ['to'], message: 'la fin précède le début' });
  else if (Number(value.to.slice(0, 4)) - Number(value.from.slice(0, 4)) > 10) context.addIssue({ code: 'custom', path: ['to'], message: 'au plus dix ans' });
};
const PeriodQuery = z.object(periodFields).superRefine(checkPeriod).openapi('ReportPeriod');
const ReportCreateSchema = z
  .object({ ...periodFields, label: z.string().trim().min(3).max(200) })
  .superRefine(checkPeriod)
  .openapi('ReportCreate');

const fileName = (parameters: ReportParameters) =>
  `partenariat-reemploi_${parameters.from}_${parameters.to}${parameters.territory ? `_${parameters.territory.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-')}` : ''}.xlsx`;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsxHeaders(res: Response, name: string) {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
}

export function serializeReport(report: StoredReport) {
  return {
    id: report.id,
    label: report.label,
    from: String(report.periodFrom).slice(0, 10),
    to: String(report.periodTo).slice(0, 10),
    territory: report.territory ?? null,
    fileSize: report.fileSize,
    sha256: report.sha256,
    factors: report.factors,
    createdBy: report.createdBy.id,
    createdAt: report.createdAt,
  };
}

/**
 * Longer than 80 lines on purpose: one `route()` declaration after another, in the order Express
 * tries them; each handler is a few lines.
 */
export function reportRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Rapports';

  route(router, { method: 'get', path: '/reports/summary', operationId: 'getReportSummary', access: { action: 'show', resource: 'reports' }, summary: 'Indicateurs du partenariat et du Nord durable pour une période et un territoire (agrégats)', tag, query: PeriodQuery }, async (_req, res, { query }) => {
    res.json(await computeSummary(ctx.em(), query));
  });

  route(router, { method: 'get', path: '/reports/partnership.xlsx', operationId: 'getPartnershipWorkbook', access: { action: 'show', resource: 'reports' }, summary: 'Classeur du comité de pilotage (diffusé en continu)', tag, query: PeriodQuery, produces: [XLSX] }, async (_req, res, { query }) => {
    const em = ctx.em();
    // computed before the first byte: an error can still become a clean JSON answer
    const summary = await computeSummary(em, query);
    sendXlsxHeaders(res, fileName(query));
    // a download cut short has nobody left to answer (the request log says "request aborted")
    await writePartnershipWorkbook(em, query, summary, res).catch((error: unknown) => {
      if (!(error instanceof DownloadCut)) throw error;
    });
  });

  // before /reports/:id, which would take "territories" for an id
  route(
    router,
    { method: 'get', path: '/reports/territories', operationId: 'listReportTerritories', access: { action: 'show', resource: 'reports' }, summary: 'Territoires connus (orientations, bénéficiaires, comptes des travailleurs sociaux), pour le choix du territoire', tag, response: z.array(z.object({ id: z.string(), name: z.string() })) },
    async (_req, res) => {
      res.json((await listTerritories(ctx.em())).map((name) => ({ id: name, name })));
    },
  );

  route(router, { method: 'get', path: '/reports', operationId: 'listStoredReports', access: { action: 'list', resource: 'reports' }, summary: 'Rapports conservés', tag, query: ListQueryDoc }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['id', 'createdAt', 'periodFrom', 'label'], defaultSort: ['createdAt', 'DESC'], filter: z.object({}) });
    const [rows, total] = await ctx.em().findAndCount(StoredReport, {}, { orderBy: { [query.sortField]: query.sortOrder }, offset: query.offset, limit: query.limit });
    sendPage(res, 'reports', query.offset, rows.map(serializeReport), total);
  });

  route(router, { method: 'post', path: '/reports', operationId: 'createStoredReport', access: { action: 'create', resource: 'reports' }, status: 201, errors: [409], summary: 'Produire et conserver le rapport (classeur, paramètres et facteurs utilisés) ; en-tête Idempotency-Key pour réessayer sans risque', tag, body: ReportCreateSchema }, async (req, res, { body }) => {
    await idempotent(ctx, req, res, async () => {
      const em = ctx.em();
      const parameters: ReportParameters = { from: body.from, to: body.to, territory: body.territory };
      const summary = await computeSummary(em, parameters);
      // the whole workbook in memory, then one row holding its bytes: a generation cut short stores nothing
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise<void>((resolve, reject) => {
        sink.on('end', resolve);
        sink.on('error', reject);
      });
      await writePartnershipWorkbook(em, parameters, summary, sink);
      await ended;
      const file = Buffer.concat(chunks);
      if (!file.length) throw invalid('Le classeur est vide.');
      const report = em.create(StoredReport, {
        label: body.label,
        periodFrom: body.from,
        periodTo: body.to,
        territory: body.territory,
        factors: summary.factors,
        summary: summary as unknown as Record<string, unknown>,
        file,
        fileSize: file.length,
        sha256: createHash('sha256').update(file).digest('hex'),
        createdBy: em.getReference(User, currentUser(req).id),
      });
      await em.flush();
      return { status: 201, body: serializeReport(report) };
    });
  });

  route(router, { method: 'get', path: '/reports/:id', operationId: 'getStoredReport', access: { action: 'show', resource: 'reports' }, summary: 'Voir un rapport conservé (paramètres, facteurs, indicateurs)', tag }, async (req, res) => {
    const report = await ctx.em().findOne(StoredReport, { id: parseId(req) });
    if (!report) throw notFound('Rapport');
    res.json({ ...serializeReport(report), summary: report.summary });
  });

  route(router, { method: 'get', path: '/reports/:id/file.xlsx', operationId: 'getStoredReportFile', access: { action: 'show', resource: 'reports' }, summary: 'Télécharger le classeur conservé, à l’octet près', tag, produces: [XLSX] }, async (req, res) => {
    // the bytes as stored, straight from the bytea column
    const [report] = await ctx.em().execute<{ file: Buffer; from: string; to: string; territory: string | null }[]>(
      `select file, to_char(period_from, 'YYYY-MM-DD') as "from", to_char(period_to, 'YYYY-MM-DD') as "to", territory from reports where id = ?`,
      [parseId(req)],
    );
    if (!report) throw notFound('Rapport');
    sendXlsxHeaders(res, fileName(report));
    res.setHeader('Content-Length', String(report.file.length));
    res.end(report.file);
  });

  return router;
}
