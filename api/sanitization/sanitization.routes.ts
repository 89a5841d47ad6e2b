import express, { Router } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict, invalid, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { DeviceSchema } from '../devices/device.schemas.js';
import { deviceCard } from '../devices/device-serializers.js';
import { Medium } from './medium.entity.js';
import { Sanitization } from './sanitization.entity.js';
import {
  MediumCreateSchema,
  MediumFilterSchema,
  MediumSchema,
  SanitizationCreateSchema,
  SanitizationFilterSchema,
  SanitizationSchema,
} from './sanitization.schemas.js';
import { addMedium, markNoStorage, recordSanitization, removeMedium } from './sanitization.service.js';
import { importSanitizationLog } from './log-import.js';

function serializeMedium(medium: Medium, lastResult: string | null = null) {
  return {
    id: medium.id,
    device: medium.device.id,
    assetTag: medium.device.assetTag,
    kind: medium.kind,
    serialNumber: medium.serialNumber,
    model: medium.model ?? null,
    capacityGb: medium.capacityGb ?? null,
    lastResult,
    createdAt: medium.createdAt.toISOString(),
  };
}

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
    startedAt: record.startedAt.toISOString(),
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

/** The latest result of each medium (by end of wipe), for the wiping station's list. */
async function lastResults(ctx: AppContext, mediumIds: number[]): Promise<Map<number, string>> {
  if (!mediumIds.length) return new Map();
  const rows = await ctx
    .em()
    .execute<{ medium_id: number; result: string }[]>(
      `select distinct on (medium_id) medium_id, result from sanitizations where medium_id = any(?::int[]) order by medium_id, finished_at desc, id desc`,
      [`{${mediumIds.join(',')}}`],
    );
  return new Map(rows.map((row) => [row.medium_id, row.result]));
}

export function sanitizationRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Effacement des données';
  const depot = 'admin, it_staff';

  route(
    router,
    { method: 'get', path: '/media', operationId: 'listMedia', access: { action: 'list', resource: 'media' }, summary: 'Lister les supports de stockage (filtres : device, kind, q)', tag, query: ListQueryDoc, response: z.array(MediumSchema) },
    async (req, res) => {
      const query = parseListQuery(req, { sortFields: ['id', 'serialNumber', 'kind', 'createdAt'], defaultSort: ['id', 'ASC'], filter: MediumFilterSchema });
      const where: FilterQuery<Medium> = {};
      if (query.filter.device) where.device = { $in: query.filter.device };
      if (query.filter.kind) where.kind = { $in: query.filter.kind };
      if (query.filter.id) where.id = { $in: query.filter.id };
      if (query.filter.q) where.serialNumber = { $ilike: `%${escapeLike(query.filter.q)}%` };
      const [media, total] = await ctx.em().findAndCount(Medium, where, {
        populate: ['device'],
        orderBy: { [query.sortField]: query.sortOrder, id: 'ASC' },
        offset: query.offset,
        limit: query.limit,
      });
      const results = await lastResults(ctx, media.map((medium) => medium.id));
      sendPage(res, 'media', query.offset, media.map((medium) => serializeMedium(medium, results.get(medium.id) ?? null)), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/media/:id', operationId: 'getMedium', access: { action: 'show', resource: 'media' }, summary: 'Voir un support', tag, response: MediumSchema },
    async (req, res) => {
      const medium = await ctx.em().findOne(Medium, { id: parseId(req) }, { populate: ['device'] });
      if (!medium) throw notFound('Support');
      res.json(serializeMedium(medium, (await lastResults(ctx, [medium.id])).get(medium.id) ?? null));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/media', operationId: 'createMedium', access: { action: 'create', resource: 'media' }, status: 201, errors: [404, 409],
      summary: 'Ajouter un support de stockage à un appareil (saisi ou scanné)',
      tag,
      body: MediumCreateSchema,
      response: MediumSchema,
    },
    async (req, res, { body }) => {
      const medium = await addMedium(ctx.em(), body, currentUser(req));
      res.status(201).json(serializeMedium(medium));
    },
  );

  route(
    router,
    { method: 'put', path: '/media/:id', operationId: 'updateMedium', access: { action: 'edit', resource: 'media' }, errors: [409], summary: 'Refusé : un support se retire et se saisit à nouveau', tag },
    async (req) => {
      if (!(await ctx.em().count(Medium, { id: parseId(req) }))) throw notFound('Support');
      throw conflict('NOT_EDITABLE', 'Un support ne se modifie pas : retirez celui saisi par erreur et ajoutez le bon.');
    },
  );

  route(
    router,
    { method: 'delete', path: '/media/:id', operationId: 'deleteMedium', access: { action: 'delete', resource: 'media' }, errors: [409], summary: "Retirer un support saisi par erreur (s'il n'a aucun effacement enregistré)", tag },
    async (req, res) => {
      const id = parseId(req);
      await removeMedium(ctx.em(), id, currentUser(req));
      res.json({ id });
    },
  );

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
      path: '/sanitizations/import', operationId: 'importWipeLog', access: { action: 'create', resource: 'sanitizations' }, errors: [409, 415, 422],
      summary:
        "Importer un journal nwipe / ShredOS (texte) ou son rapport JSON : disques reconnus par numéro de série ; importer deux fois le même journal n'ajoute rien",
      tag,
      rawBody: ['text/plain', 'application/json'],
      middleware: [
        express.text({ type: ['text/plain', 'text/x-log', 'application/json', 'application/octet-stream'], limit: '20mb' }),
      ],
    },
    async (req, res) => {
      // a JSON report sent as application/json was already parsed by the app-wide JSON parser
      const text = typeof req.body === 'string' ? req.body : req.body && Object.keys(req.body).length ? JSON.stringify(req.body) : '';
      if (!text.trim()) {
        throw invalid('Envoyez le journal nwipe tel quel dans le corps de la requête (Content-Type text/plain ou application/json).');
      }
      res.json(await importSanitizationLog(ctx.em(), text, currentUser(req), ctx.notifier));
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
