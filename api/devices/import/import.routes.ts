import express, { Router } from 'express';
import { z } from '../../core/zod.js';
import type { AppContext } from '../../core/context.js';
import { currentUser } from '../../core/auth.js';
import { invalid } from '../../core/errors.js';
import { idempotent } from '../../core/idempotency.js';
import { route } from '../../core/routes.js';
import { importDevices } from './device-import.js';
import { isHeavyImport, takeHeavyImportSlot } from './heavy-import.js';

const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
  site: z.string().trim().min(2).max(120).optional(),
});

const IMPORT_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

export function importRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Import';

  route(
    router,
    {
      method: 'post',
      path: '/devices/import', operationId: 'importDevices', access: { action: 'create', resource: 'import' }, errors: [409, 415, 422, 429],
      summary:
        'Importer des appareils depuis un CSV ou un XLSX (export GLPI accepté) : mise à jour par numéro de série, tout ou rien ; dryRun=true pour prévisualiser ; en-tête Idempotency-Key pour réessayer sans risque ; au plus 200 000 lignes et 200 colonnes ; un fichier volumineux à la fois par serveur (429 et Retry-After sinon)',
      tag,
      query: ImportQuery,
      rawBody: IMPORT_TYPES,
      middleware: [express.raw({ type: IMPORT_TYPES, limit: '25mb' })],
    },
    async (req, res, { query }) => {
      if (!Buffer.isBuffer(req.body)) {
        throw invalid('Envoyez le fichier CSV ou XLSX tel quel dans le corps de la requête (Content-Type text/csv ou xlsx).');
      }
      const file = req.body;
      // a large file is read in a worker thread, one at a time per instance: another gets 429 meanwhile
      const releaseSlot = isHeavyImport(file) ? takeHeavyImportSlot(res) : undefined;
      try {
        await idempotent(ctx, req, res, async () => ({
          status: 200,
          body: await importDevices(ctx.em(), file, {
            dryRun: query.dryRun,
            defaultSite: query.site,
            actor: currentUser(req),
            format: ctx.config.assetTagFormat,
          }),
        }));
      } finally {
        releaseSlot?.();
      }
    },
  );
  return router;
}
