import { Router } from 'express';
import type { AppContext } from '../core/context.js';
import { route } from '../core/routes.js';
import { parseId } from '../core/validation.js';
import { loadAudit, reconcile } from './stock-take.service.js';
import { auditPdf, writeAuditXlsx } from './stock-take-report.js';

/** A stock-take's result as a document (PDF, Excel). */
export function stockTakeDocumentRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Inventaire du dépôt';

  for (const format of ['pdf', 'xlsx'] as const) {
    route(
      router,
      {
        method: 'get',
        path: `/audits/:id/report.${format}`,
        operationId: format === 'pdf' ? 'getStockTakeReportPdf' : 'getStockTakeReportXlsx',
        access: { action: 'show', resource: 'audits' },
        summary: `Résultat de l'inventaire (${format.toUpperCase()})`,
        tag,
        produces: [format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
      async (req, res) => {
        const audit = await loadAudit(ctx.em(), parseId(req));
        const result = await reconcile(ctx.em(), audit.id);
        res.set('Content-Disposition', `attachment; filename="inventaire-${audit.id}.${format}"`);
        if (format === 'pdf') {
          res.type('application/pdf');
          auditPdf(audit, result).pipe(res);
        } else {
          res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          await writeAuditXlsx(audit, result, res);
        }
      },
    );
  }
  return router;
}
