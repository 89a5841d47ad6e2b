import express, { Router } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { invalid, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { DeviceSchema } from '../devices/device.schemas.js';
import { deviceCard } from '../devices/device-serializers.js';
import { Sanitization } from './sanitization.entity.js';
import { SanitizationCreateSchema, SanitizationFilterSchema, SanitizationSchema } from './sanitization.schemas.js';
import { markNoStorage, recordSanitization } from './sanitization.service.js';
import { importSanitizationLog } from './log-import.js';
import { verifyUtf8 } from '../core/upload-guards.js';

export function serializeSanitization(record: Sanitization) {
  return {
    id: record.id,
    medium: record.medium.id,
    mediumSerialNumber: record.medium.serialNumber,
    device: record.device.id,
    assetTag: record.device.assetTag,
    category: record.category,
    technique: record.technique,
    tool: record.tool,
    toolVersion: record.toolVersion ?? null,
    startedAt: record.startedAt ? record.startedAt.toISOString() : null,
    finishedAt: record.finishedAt.toISOString(),
    passes: record.passes ?? null,
    verification: record.verification,
    result: record.result,
    errors: record.errors ?? null,
    operator: record.operator.id,
    operatorName: record.operator.name,
    source: record.source,
    hostSerial: record.hostSerial ?? null,
    createdAt: record.createdAt.toISOString(),
  };
}

/**
 * Wipe records: listed, read, recorded by hand or imported from nwipe / ShredOS logs; a device without storage.
 * Longer than 80 lines on purpose: one `route()` declaration after another, in the order Express
 * tries them; each handler is a few lines.
 */
export function sanitizationRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Effacement des données';

  route(
    router,
    {
      method: 'get',
      path: '/sanitizations', operationId: 'listSanitizations', access: { action: 'list', resource: 'sanitizations' },
      summary: 'Lister les effacements (filtres : device, medium, result, technique, source)',
      tag,
      query: ListQueryDoc,
      response: z.array(SanitizationSchema),
    },
    async (req, res) => {
      const query = parseListQuery(req, {
        sortFields: ['id', 'startedAt', 'finishedAt', 'result', 'technique', 'createdAt'],
        defaultSort: ['finishedAt', 'DESC'],
        filter: SanitizationFilterSchema,
      });
      const { device, medium, result, technique, source, id } = query.filter;
      const where: FilterQuery<Sanitization> = {};
      if (device) where.device = { $in: device };
      if (medium) where.medium = { $in: medium };
      if (result) where.result = result;
      if (technique) where.technique = { $in: technique };
      if (source) where.source = source;
      if (id) where.id = { $in: id };
      const [records, total] = await ctx.em().findAndCount(Sanitization, where, {
        populate: ['medium', 'device', 'operator'],
        orderBy: { [query.sortField]: query.sortOrder, id: query.sortOrder },
        offset: query.offset,
        limit: query.limit,
      });
      sendPage(res, 'sanitizations', query.offset, records.map(serializeSanitization), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/sanitizations/:id', operationId: 'getSanitization', access: { action: 'show', resource: 'sanitizations' }, summary: 'Voir un effacement', tag, response: SanitizationSchema },
    async (req, res) => {
      const record = await ctx.em().findOne(Sanitization, { id: parseId(req) }, { populate: ['medium', 'device', 'operator'] });
      if (!record) throw notFound('Effacement');
      res.json(serializeSanitization(record));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/sanitizations', operationId: 'createSanitization', access: { action: 'create', resource: 'sanitizations' }, status: 201, errors: [404, 409],
      summary:
        "Enregistrer l'effacement (ou la destruction) d'un support : quand tous les supports sont effacés l'appareil devient « sanitized » et reçoit son certificat ; un échec le met en quarantaine",
      tag,
      body: SanitizationCreateSchema,
      response: SanitizationSchema,
    },
    async (req, res, { body }) => {
      const record = await recordSanitization(ctx.em(), body, currentUser(req), ctx.notifier);
      const saved = await ctx.em().findOneOrFail(Sanitization, { id: record.id }, { populate: ['medium', 'device', 'operator'], refresh: true });
      res.status(201).json(serializeSanitization(saved));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/sanitizations/import', operationId: 'importWipeLog', openToStations: true, access: { action: 'create', resource: 'sanitizations' }, errors: [409, 415, 422],
      summary:
        "Importer un journal nwipe / ShredOS (texte) ou son rapport JSON : disques reconnus par numéro de série ; importer deux fois le même journal n'ajoute rien ; dryRun=true pour prévisualiser sans rien enregistrer",
      tag,
      rawBody: ['text/plain', 'application/json'],
      query: z.object({ dryRun: z.enum(['true', 'false']).optional().transform((value) => value === 'true') }),
      middleware: [
        // invalid UTF-8 is refused, as in a JSON body, instead of being read as U+FFFD
        express.text({ type: ['text/plain', 'text/x-log', 'application/json', 'application/octet-stream'], limit: '20mb', verify: verifyUtf8 }),
      ],
    },
    async (req, res, { query }) => {
      // a JSON report sent as application/json was already parsed by the app-wide JSON parser
      const text = typeof req.body === 'string' ? req.body : req.body && Object.keys(req.body).length ? JSON.stringify(req.body) : '';
      if (!text.trim()) {
        throw invalid('Envoyez le journal nwipe tel quel dans le corps de la requête (Content-Type text/plain ou application/json).');
      }
      res.json(await importSanitizationLog(ctx.em(), text, currentUser(req), ctx.notifier, { dryRun: query.dryRun }));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/devices/:id/no-storage', operationId: 'markDeviceWithoutStorage', access: { action: 'create', resource: 'sanitizations' }, errors: [409],
      summary: "Constater qu'un appareil n'a aucun support de stockage (écran, imprimante…) : il devient « sanitized » avec son certificat",
      tag,
      response: DeviceSchema,
    },
    async (req, res) => {
      const user = currentUser(req);
      const device = await markNoStorage(ctx.em(), parseId(req), user);
      res.json(deviceCard(device, user.role));
    },
  );
  return router;
}
