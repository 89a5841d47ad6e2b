import { Router } from 'express';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { route } from '../core/routes.js';
import { idempotent } from '../core/idempotency.js';
import { parseId } from '../core/validation.js';
import { BulkOutcomeSchema, DeviceSchema, MoveSchema, TransitionSchema } from './device.schemas.js';
import { moveDeviceToSite } from './device.service.js';
import { deviceCard } from './device-serializers.js';
import { applyBulkOutcome, transitionDevice } from './transitions.js';

/** What moves a device along its chain of custody by hand: a status transition, a refurbishment pile, a move between depots. */
export function custodyRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Appareils';

  route(
    router,
    {
      method: 'post',
      path: '/devices/:id/transitions', operationId: 'transitionDevice', access: { action: 'show', resource: 'devices' }, errors: [409],
      summary: 'Changer le statut (reconditionné, recyclé, retiré) ; 409 si interdit depuis le statut actuel ou modifié entre-temps',
      tag,
      body: TransitionSchema,
      response: DeviceSchema,
    },
    async (req, res, { body }) => {
      const user = currentUser(req);
      const device = await transitionDevice(ctx.em(), parseId(req), body, user);
      res.json(deviceCard(device, user.role));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/devices/outcomes', operationId: 'recordRefurbishmentOutcomes', access: { action: 'show', resource: 'devices' }, errors: [409, 422],
      summary: 'Reconditionné ou recyclé pour une pile d’appareils scannés (partenaire) : tous ou aucun ; Idempotency-Key accepté (un renvoi rejoue la première réponse)',
      tag,
      body: BulkOutcomeSchema,
    },
    async (req, res, { body }) => {
      await idempotent(ctx, req, res, async () => ({ status: 200, body: await applyBulkOutcome(ctx.em(), body, currentUser(req)) }));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/devices/:id/move', operationId: 'moveDevice', access: { action: 'edit', resource: 'devices' }, errors: [409],
      summary: "Déplacer un appareil vers un autre site du Département (il reste sous la garde du Département)",
      tag,
      body: MoveSchema,
      response: DeviceSchema,
    },
    async (req, res, { body }) => {
      const user = currentUser(req);
      const device = await moveDeviceToSite(ctx.em(), parseId(req), body, user);
      res.json(deviceCard(device, user.role));
    },
  );

  return router;
}
