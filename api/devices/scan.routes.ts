import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { canAccess } from '../core/permissions.js';
import { AppError, forbidden, invalid } from '../core/errors.js';
import { Referral } from '../referrals/referral.entity.js';
import { serializeReferral, serializeReferralForPartner } from '../referrals/referral.service.js';
import { referralScope } from '../referrals/referral-scope.js';
import { looksLikeVoucherCode, normaliseVoucherCode } from '../referrals/voucher-code.js';
import { logAccess } from '../referrals/access-log.js';
import { route } from '../core/routes.js';
import { checkAssetTag, looksLikeAssetTag } from './asset-tag.js';
import { findVisibleDeviceRow } from './device-scope.js';
import { deviceCard } from './device-serializers.js';
import type { DeviceFields } from './device-sql.js';
import { normaliseSerial } from './device.schemas.js';
import { Batch } from '../batches/batch.entity.js';
import { batchScope } from '../batches/batch-scope.js';
import { normaliseBatchReference } from '../batches/batch-reference.js';
import { priceSuggestion } from '../pricing/price-grid.store.js';

const ScanResultSchema = z
  .object({
    kind: z.enum(['device', 'batch', 'referral']),
    id: z.number(),
    device: z.unknown().optional(),
    batch: z.object({ reference: z.string(), status: z.string() }).optional(),
    /** A device scanned by the partner or an admin: its category and suggested price in the grid in force (null: a type the grid does not price). */
    pricing: z.unknown().optional(),
  })
  .openapi('ScanResult');

const ScanQuery = z.object({
  /** `true`: a device scanned by the partner or an admin comes with its category and suggested price (the reception desk). */
  pricing: z.enum(['true', 'false'], { error: 'pricing : true ou false.' }).optional(),
});

/**
 * One endpoint for whatever a barcode scanner reads. Asset tags are checked (format and check
 * digit) before any lookup, so a misread digit says so instead of "unknown". A device's
 * manufacturer serial number is accepted too: technicians scan the sticker under the laptop.
 * Devices are read by plain SQL (`findVisibleDeviceRow`: the device and whether this user may see it, in one query): this is the busiest read of the partner's desk.
 */
export function scanRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/scan/:code', operationId: 'scanCode', access: { action: 'show', resource: 'scan' }, errors: [404, 422],
      summary: "Identifier un code scanné : numéro d'inventaire Réemploi (asset tag) ou numéro de série",
      tag: 'Scanner',
      response: ScanResultSchema,
      query: ScanQuery,
    },
    async (req, res, { query }) => {
      const raw = String(req.params.code ?? '').trim();
      if (!raw || raw.length > 64) throw invalid('Code vide ou trop long.');
      const user = currentUser(req);
      const batchReference = normaliseBatchReference(raw);
      if (batchReference) {
        // the manifest's barcode: the batch, for the roles that see it (a partner only its own, once ready)
        if (!canAccess(user.role, 'show', 'batches')) throw forbidden('Ce code est une référence de lot : votre rôle ne permet pas de voir les lots.');
        const batch = await ctx.em().findOne(Batch, { $and: [{ reference: batchReference }, batchScope(user)] });
        if (!batch) throw new AppError(404, 'UNKNOWN_CODE', `Aucun lot ne porte la référence ${batchReference}.`, { code: raw });
        res.json({ kind: 'batch', id: batch.id, batch: { reference: batch.reference, status: batch.status } });
        return;
      }
      let device: DeviceFields | null;
      // a voucher brought by a resident: only the roles that work with referrals may read it
      const findReferralByVoucher = async (voucherCode: string) => {
        if (!['partner', 'social_worker', 'admin'].includes(user.role)) throw forbidden("Ce code est un bon d'orientation : votre rôle ne permet pas de le lire.");
        const referral = await ctx.em().findOne(Referral, { $and: [{ voucherCode }, referralScope(user)] }, { populate: ['beneficiary', 'referrer'] });
        if (!referral) return null;
        await logAccess(ctx.em(), user, [referral.beneficiary.id], 'GET /api/scan/:code', 'scan du bon');
        res.json({
          kind: 'referral',
          id: referral.id,
          referral: user.role === 'partner' ? serializeReferralForPartner(referral) : serializeReferral(referral),
        });
        return referral;
      };
      // social workers may scan vouchers, not devices
      const assertMayScanDevices = () => {
        if (!canAccess(user.role, 'show', 'scanner')) throw forbidden();
      };
      if (looksLikeAssetTag(raw)) {
        assertMayScanDevices();
        const check = checkAssetTag(raw);
        if (!check.valid) {
          throw new AppError(422, 'INVALID_CHECK_DIGIT', `Le code ${raw.toUpperCase()} a un chiffre de contrôle faux : étiquette abîmée ou mal lue, scannez à nouveau.`);
        }
        device = await findVisibleDeviceRow(ctx.em(), 'asset_tag', check.tag, user);
      } else {
        const voucherCode = normaliseVoucherCode(raw);
        if (voucherCode) {
          const referral = await findReferralByVoucher(voucherCode);
          if (referral) return;
        }
        if (!canAccess(user.role, 'show', 'scanner') && looksLikeVoucherCode(raw)) {
          throw voucherCode
            ? new AppError(404, 'UNKNOWN_CODE', `Aucune orientation ne porte le code ${voucherCode}.`, { code: raw })
            : new AppError(422, 'INVALID_VOUCHER', `Le code ${raw.toUpperCase()} ressemble à un bon mais sa dernière lettre ne correspond pas : code mal recopié ou mal lu.`);
        }
        assertMayScanDevices();
        const serial = normaliseSerial(raw);
        device = serial ? await findVisibleDeviceRow(ctx.em(), 'serial_number', serial, user) : null;
        if (!device && !voucherCode && looksLikeVoucherCode(raw)) {
          throw new AppError(422, 'INVALID_VOUCHER', `Le code ${raw.toUpperCase()} ressemble à un bon mais sa dernière lettre ne correspond pas : code mal recopié ou mal lu.`);
        }
      }
      if (!device) {
        throw new AppError(404, 'UNKNOWN_CODE', `Aucun appareil ne porte le code ${raw.toUpperCase()}.`, { code: raw });
      }
      // the reception desk prices the device: its category and suggested price in the grid in force (issue #15 §2)
      // asked for by the desk only (`?pricing=true`): the refurbishment desk's scans, the busiest, read no grid
      const pricing = query.pricing === 'true' && (user.role === 'partner' || user.role === 'admin') ? await priceSuggestion(ctx.em(), device) : undefined;
      res.json({ kind: 'device', id: device.id, device: deviceCard(device, user.role), ...(pricing !== undefined ? { pricing } : {}) });
    },
  );
  return router;
}
