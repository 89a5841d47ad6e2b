import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { notFound } from '../core/errors.js';
import { idempotent } from '../core/idempotency.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { Allocation } from './allocation.entity.js';
import { activeAgreement, allocateDevice, partnerOf } from './allocation.service.js';
import { logAccess, routeOf } from './access-log.js';
import { receiptPdf } from './documents.js';
import { AllocationCreateSchema } from './referral.schemas.js';
import { allocationScope } from './referral-scope.js';

/** An allocation as the API answers it: the device and the voucher, never the person. */
export const serializeAllocation = (allocation: Allocation) => ({
  id: allocation.id,
  device: allocation.device.id,
  assetTag: allocation.device.assetTag,
  deviceType: allocation.device.type,
  referral: allocation.referral.id,
  voucherCode: allocation.referral.voucherCode,
  price: allocation.priceCents / 100,
  agreement: allocation.agreement.id,
  allocatedAt: allocation.allocatedAt.toISOString(),
});

/** Allocations: a refurbished device sold to an accepted referral at a solidarity price. */
export function allocationRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Orientations et attributions';

  // ---- allocations ----
  route(router, { method: 'get', path: '/allocations', operationId: 'listAllocations', access: { action: 'list', resource: 'allocations' }, summary: 'Attributions', tag, query: ListQueryDoc }, async (req, res) => {
    const query = parseListQuery(req, { sortFields: ['id', 'allocatedAt'], defaultSort: ['allocatedAt', 'DESC'], filter: z.object({}) });
    const [rows, total] = await ctx.em().findAndCount(Allocation, allocationScope(currentUser(req)), { populate: ['device', 'referral'], orderBy: { [query.sortField]: query.sortOrder }, offset: query.offset, limit: query.limit });
    sendPage(res, 'allocations', query.offset, rows.map(serializeAllocation), total);
  });

  route(
    router,
    {
      method: 'post',
      path: '/allocations', operationId: 'createAllocation', access: { action: 'create', resource: 'allocations' }, status: 201, errors: [404, 409, 422],
      summary: "Attribuer un appareil reconditionné à une orientation acceptée, au prix solidaire (plafond de la convention) : appareil « attribué » et orientation « équipée » ensemble ; en-tête Idempotency-Key pour réessayer sans risque",
      tag,
      body: AllocationCreateSchema,
    },
    async (req, res, { body }) => {
      await idempotent(ctx, req, res, async () => ({
        status: 201,
        body: serializeAllocation(await allocateDevice(ctx.em(), body, currentUser(req), ctx.notifier)),
      }));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/allocations/price-caps', operationId: 'getPriceCaps', access: { action: 'create', resource: 'allocations' },
      summary: "Prix plafonds de la convention en vigueur avec l'organisation de l'utilisateur, par type d'appareil (affichés au moment de l'attribution), et ce que l'accueil vérifie",
      tag,
    },
    async (req, res) => {
      const partner = partnerOf(currentUser(req));
      const agreement = await activeAgreement(ctx.em(), partner);
      res.json({
        partner,
        agreement: agreement ? { id: agreement.id, startsOn: agreement.startsOn, endsOn: agreement.endsOn } : null,
        priceCaps: agreement?.priceCaps ?? {},
        identityCheck: agreement?.identityCheck ?? null,
      });
    },
  );

  route(router, { method: 'get', path: '/allocations/:id/receipt.pdf', operationId: 'getAllocationReceiptPdf', access: { action: 'show', resource: 'allocations' }, summary: 'Reçu remis à la personne', tag, produces: ['application/pdf'] }, async (req, res) => {
    const allocation = await ctx.em().findOne(Allocation, { $and: [{ id: parseId(req) }, allocationScope(currentUser(req))] }, { populate: ['device', 'referral', 'referral.beneficiary', 'agreement'] });
    if (!allocation) throw notFound('Attribution');
    await logAccess(ctx.em(), currentUser(req), [allocation.referral.beneficiary.id], routeOf(req), 'reçu');
    res.type('application/pdf').set('Content-Disposition', `inline; filename="recu-${allocation.id}.pdf"`);
    receiptPdf({
      allocationId: allocation.id,
      voucherCode: allocation.referral.voucherCode,
      firstName: allocation.referral.beneficiary.firstName ?? '',
      device: {
        assetTag: allocation.device.assetTag,
        type: allocation.device.type,
        brand: allocation.device.brand ?? null,
        model: allocation.device.model ?? null,
        refurbishedGrade: allocation.device.refurbishedGrade ?? null,
      },
      priceCents: allocation.priceCents,
      referencePriceCents: null,
      allocatedAt: allocation.allocatedAt,
      partner: allocation.agreement.partner,
    }).pipe(res);
  });
  return router;
}
