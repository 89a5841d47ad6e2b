import express, { Router, type Request } from 'express';
import { z } from '../../core/zod.js';
import type { AppContext } from '../../core/context.js';
import { currentUser } from '../../core/auth.js';
import { invalid, notFound } from '../../core/errors.js';
import { route } from '../../core/routes.js';
import { parseId } from '../../core/validation.js';
import { verifyUtf8 } from '../../core/upload-guards.js';
import { Device } from '../device.entity.js';
import { assertVisible } from '../device-scope.js';
import { importInventory } from './inventory-import.js';

const RAW_BODY = Symbol('raw inventory');
type WithRawBody = Request & { [RAW_BODY]?: Buffer };

const largeJsonParser = express.json({
  limit: '20mb',
  verify: (req, res, buffer) => {
    verifyUtf8(req, res, buffer);
    (req as WithRawBody)[RAW_BODY] = Buffer.from(buffer);
  },
});

/**
 * GLPI agents' inventories run to megabytes (installed software): this parser, mounted in app.ts
 * before the app-wide 1 MB one, reads them and keeps the bytes as received to store them. A
 * request without credentials is left to the 1 MB parser (and refused by authentication).
 */
export const inventoryBodyParser: express.RequestHandler = (req, res, next) => {
  if (!req.headers.authorization) return next();
  largeJsonParser(req, res, next);
};

const InventoryQuery = z.object({
  assetTag: z.string().trim().toUpperCase().min(3).max(32).optional(),
  site: z.string().trim().min(2).max(120).optional(),
});

/** Hardware inventories from the GLPI agent (issue #15 §1): posted from the bench, read on the device page. */
export function inventoryRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Inventaire matériel';

  route(
    router,
    {
      method: 'post',
      path: '/inventory', operationId: 'importHardwareInventory', openToStations: true, access: { action: 'create', resource: 'devices' }, errors: [409, 413, 415],
      summary:
        "Recevoir l'inventaire JSON de l'agent GLPI (glpi-agent --json, format glpi-project/inventory_format) : appareil retrouvé par numéro de série, sinon par ?assetTag=, sinon créé sur ?site= ; caractéristiques, disques et batteries mis à jour ; le même inventaire deux fois ne change rien",
      tag,
      query: InventoryQuery,
    },
    async (req, res, { query }) => {
      const raw = (req as WithRawBody)[RAW_BODY];
      if (!raw || !req.is('application/json')) {
        throw invalid("Envoyez l'inventaire JSON de l'agent GLPI dans le corps de la requête (Content-Type application/json).");
      }
      res.json(await importInventory(ctx.em(), raw, req.body, currentUser(req), { ...query, site: query.site ?? req.station?.site, format: ctx.config.assetTagFormat }));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/devices/:id/inventory', operationId: 'getDeviceInventory', access: { action: 'show', resource: 'devices' },
      summary: "Le dernier inventaire matériel reçu d'un appareil : caractéristiques lues, disques, batteries et leur santé (404 si aucun)",
      tag,
    },
    async (req, res) => {
      const device = await ctx.em().findOne(Device, { id: parseId(req) });
      if (!device) throw notFound('Appareil');
      await assertVisible(ctx.em(), device, currentUser(req));
      const [row] = await ctx.em().getConnection().execute<{ summary: unknown; received_at: Date; raw_size: number }[]>(
        `select summary, received_at, raw_size from device_inventories where device_id = ?`,
        [device.id],
      );
      if (!row) throw notFound('Inventaire matériel');
      res.json({ device: device.id, receivedAt: new Date(row.received_at).toISOString(), rawSize: row.raw_size, summary: row.summary });
    },
  );
  return router;
}
