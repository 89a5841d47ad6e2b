import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';

import { route } from '../core/routes.js';

export const DashboardSchema = z
  .object({
    total: z.number(),
    byStatus: z.record(z.string(), z.number()),
    byType: z.record(z.string(), z.number()),
    labelsToPrint: z.number(),
  })
  .openapi('Dashboard');

/** Aggregates only: no device, no person. */
export function dashboardRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    { method: 'get', path: '/dashboard', operationId: 'getDashboard', access: { action: 'show', resource: 'dashboard' }, summary: "Chiffres clés du parc (agrégats)", tag: 'Tableau de bord', response: DashboardSchema },
    async (_req, res) => {
      const em = ctx.em();
      const [byStatus, byType, [labels]] = await Promise.all([
        em.execute<{ key: string; count: string }[]>(`select status as key, count(*) as count from devices group by status`),
        em.execute<{ key: string; count: string }[]>(`select type as key, count(*) as count from devices group by type`),
        em.execute<{ count: string }[]>(`select count(*) as count from devices where label_printed_at is null and status = 'registered'`),
      ]);
      const toRecord = (rows: { key: string; count: string }[]) => Object.fromEntries(rows.map((row) => [row.key, Number(row.count)]));
      res.json({
        total: byStatus.reduce((sum, row) => sum + Number(row.count), 0),
        byStatus: toRecord(byStatus),
        byType: toRecord(byType),
        labelsToPrint: Number(labels.count),
      });
    },
  );
  return router;
}
