import { Router } from 'express';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { AppError } from '../core/errors.js';
import { idempotent } from '../core/idempotency.js';
import { route } from '../core/routes.js';
import { parseId } from '../core/validation.js';
import { checkAssetTag } from '../devices/asset-tag.js';
import { Device } from '../devices/device.entity.js';
import { serializeDevice } from '../devices/device-serializers.js';
import { BatchDevicesSchema, BatchSchema, PickupSchema } from './batch.schemas.js';
import { addDevicesToBatch, closeBatch, confirmPickup, markBatchReady, removeDeviceFromBatch } from './batch.service.js';
import { byCount } from '../core/french.js';
import { countDevices, loadVisibleBatch, sendBatch, serializeBatch } from './batch.routes.js';
import { signCheckpointNow } from '../transparency/transparency-log.js';

/**
 * A batch's content and its steps: devices added and removed while it is prepared, ready, picked up, closed.
 * Longer than 80 lines on purpose: one `route()` declaration after another, in the order Express
 * tries them; each handler is a few lines.
 */
export function batchContentRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = "Lots d'enlèvement";

  route(
    router,
    {
      method: 'post',
      path: '/batches/:id/devices', operationId: 'addDevicesToBatch', access: { action: 'edit', resource: 'batches' }, errors: [409],
      summary: 'Ajouter des appareils effacés à un lot en préparation (par ids ou par étiquettes scannées) ; tout ou rien',
      tag,
      body: BatchDevicesSchema,
    },
    async (req, res, { body }) => {
      const ids = [...(body.ids ?? [])];
      const unknownTags: string[] = [];
      if (body.assetTags?.length) {
        const tags = body.assetTags.map((code) => checkAssetTag(code));
        const valid = tags.filter((check) => check.valid).map((check) => (check as { tag: string }).tag);
        const devices = await ctx.em().find(Device, { assetTag: { $in: valid } }, { fields: ['id', 'assetTag'] });
        for (const [index, check] of tags.entries()) {
          const device = check.valid ? devices.find((candidate) => candidate.assetTag === check.tag) : undefined;
          if (device) ids.push(device.id);
          else unknownTags.push(body.assetTags[index]);
        }
      }
      if (unknownTags.length) {
        throw new AppError(409, 'DEVICES_REFUSED', `${byCount(unknownTags.length, 'Étiquette inconnue', 'Étiquettes inconnues')} : ${unknownTags.join(', ')}. Rien n'a été ajouté.`, {
          added: [],
          alreadyInBatch: [],
          refused: unknownTags.map((assetTag) => ({ id: null, assetTag, reason: 'étiquette inconnue ou mal lue' })),
        });
      }
      res.json(await addDevicesToBatch(ctx.em(), parseId(req), [...new Set(ids)], currentUser(req)));
    },
  );

  route(
    router,
    { method: 'delete', path: '/batches/:id/devices/:deviceId', operationId: 'removeDeviceFromBatch', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: "Retirer un appareil d'un lot en préparation (il redevient « effacé »)", tag },
    async (req, res) => {
      await removeDeviceFromBatch(ctx.em(), parseId(req), parseId(req, 'deviceId'), currentUser(req));
      res.json({ id: parseId(req, 'deviceId') });
    },
  );

  route(
    router,
    { method: 'post', path: '/batches/:id/ready', operationId: 'markBatchReady', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: 'Déclarer le lot prêt : son contenu est figé et le partenaire le voit', tag, response: BatchSchema },
    async (req, res) => sendBatch(ctx, res, await markBatchReady(ctx.em(), parseId(req), currentUser(req), ctx.notifier)),
  );

  route(
    router,
    {
      method: 'post',
      path: '/batches/:id/pickup', operationId: 'confirmBatchPickup', access: { action: 'create', resource: 'pickups' }, errors: [409, 422],
      summary:
        "Confirmer l'enlèvement avec les étiquettes scannées : les appareils passent sous la garde du partenaire ; s'il en manque, un écart écrit est obligatoire (lot « disputed ») ; en-tête Idempotency-Key pour réessayer sans risque",
      tag,
      body: PickupSchema,
    },
    async (req, res, { body }) => {
      await idempotent(ctx, req, res, async () => {
        const result = await confirmPickup(ctx.em(), parseId(req), body, currentUser(req), ctx.notifier);
        // the name was only there because the session check used to leave the user in the identity map
        await ctx.em().populate(result.batch, ['pickedUpBy']);
        const counts = await countDevices(ctx, [result.batch.id]);
        return { status: 200, body: { batch: serializeBatch(result.batch, counts.get(result.batch.id)), handedOver: result.handedOver, missing: result.missing } };
      });
      // the devices left the Département's custody: a signed checkpoint of it, after the answer
      if (res.statusCode === 200) await signCheckpointNow(ctx);
    },
  );

  route(
    router,
    { method: 'post', path: '/batches/:id/close', operationId: 'closeBatch', access: { action: 'edit', resource: 'batches' }, errors: [409], summary: 'Clôturer un lot enlevé', tag, response: BatchSchema },
    async (req, res) => sendBatch(ctx, res, await closeBatch(ctx.em(), parseId(req))),
  );

  route(
    router,
    { method: 'get', path: '/batches/:id/devices', operationId: 'listBatchDevices', access: { action: 'show', resource: 'batches' }, summary: "Appareils d'un lot (attendus, enlevés)", tag },
    async (req, res) => {
      const batch = await loadVisibleBatch(ctx, parseId(req), currentUser(req));
      const devices = await ctx.em().find(Device, { batch }, { orderBy: { assetTag: 'ASC' } });
      res.json(devices.map(serializeDevice));
    },
  );

  return router;
}
