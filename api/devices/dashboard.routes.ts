import { Router } from 'express';
import { z } from '../core/zod.js';
import { raw, type ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { route } from '../core/routes.js';
import { Device } from './device.entity.js';
import { visibleDevices } from './device-scope.js';

export const DashboardSchema = z
  .object({
    total: z.number(),
    byStatus: z.record(z.string(), z.number()),
    byType: z.record(z.string(), z.number()),
    labelsToPrint: z.number(),
  })
  .openapi('Dashboard');

/** How many devices of this scope per value of `column`. */
async function countBy(em: EntityManager, scope: ObjectQuery<Device>, column: 'status' | 'type'): Promise<Record<string, number>> {
  const rows = await em
    .createQueryBuilder(Device, 'd')
    .select([`d.${column} as key`, raw('count(*) as count')])
    .where(scope)
    .groupBy(`d.${column}`)
    .execute<{ key: string; count: string }[]>('all', false);
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.count)]));
}

/**
 * Aggregates only: no device, no person. Each role counts the devices it sees (the partner, those
 * handed to its organisation: the same scope as its list of devices).
 */
export function dashboardRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    { method: 'get', path: '/dashboard', operationId: 'getDashboard', access: { action: 'show', resource: 'dashboard' }, summary: "Chiffres clés des appareils que voit l'utilisateur (agrégats ; le partenaire : ceux confiés à son organisation)", tag: 'Tableau de bord', response: DashboardSchema },
    async (req, res) => {
      const em = ctx.em();
      const scope = visibleDevices(currentUser(req));
      const [byStatus, byType, labelsToPrint] = await Promise.all([
        countBy(em, scope, 'status'),
        countBy(em, scope, 'type'),
        em.createQueryBuilder(Device, 'd').where({ $and: [scope, { labelPrintedAt: null, status: 'registered' }] }).getCount(),
      ]);
      res.json({ total: Object.values(byStatus).reduce((sum, count) => sum + count, 0), byStatus, byType, labelsToPrint });
    },
  );
  return router;
}
