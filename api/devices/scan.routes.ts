import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { authorize, currentUser } from '../core/auth.js';
import { AppError, invalid } from '../core/errors.js';
import { route } from '../core/routes.js';
import { checkAssetTag, looksLikeAssetTag } from './asset-tag.js';
import { Device } from './device.entity.js';
import { assertVisible, deviceCard } from './device.service.js';
import { normaliseSerial } from './device.schemas.js';

const ScanResultSchema = z
  .object({ kind: z.enum(['device', 'batch', 'referral']), id: z.number(), device: z.unknown().optional() })
  .openapi('ScanResult');

/**
 * One endpoint for whatever a barcode scanner reads. Asset tags are checked (format and check
 * digit) before any lookup, so a misread digit says so instead of "unknown". A device's
 * manufacturer serial number is accepted too: technicians scan the sticker under the laptop.
 */
export function scanRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/scan/:code',
      summary: "Identifier un code scanné : numéro d'inventaire Réemploi (asset tag) ou numéro de série",
      tag: 'Scanner',
      roles: 'admin, it_staff, partner',
      response: ScanResultSchema,
      middleware: [authorize('show', 'scanner')],
    },
    async (req, res) => {
      const raw = String(req.params.code ?? '').trim();
      if (!raw || raw.length > 64) throw invalid('Code vide ou trop long.');
      const user = currentUser(req);
      let device: Device | null;
      if (looksLikeAssetTag(raw)) {
        const check = checkAssetTag(raw);
        if (!check.valid) {
          throw new AppError(422, 'INVALID_CHECK_DIGIT', `Le code ${raw.toUpperCase()} a un chiffre de contrôle faux : étiquette abîmée ou mal lue, scannez à nouveau.`);
        }
        device = await ctx.em().findOne(Device, { assetTag: check.tag });
      } else {
        device = await ctx.em().findOne(Device, { serialNumber: normaliseSerial(raw) });
      }
      if (!device) {
        throw new AppError(404, 'UNKNOWN_CODE', `Aucun appareil ne porte le code ${raw.toUpperCase()}.`, { code: raw });
      }
      await assertVisible(ctx.em(), device, user);
      res.json({ kind: 'device', id: device.id, device: deviceCard(device, user.role) });
    },
  );
  return router;
}
