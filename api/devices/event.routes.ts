import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { notFound } from '../core/errors.js';
import type { FilterQuery, ObjectQuery } from '@mikro-orm/core';
import { isVisible, visibleDevices } from './device-scope.js';
import type { Device } from './device.entity.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, oneOrMany, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { DeviceEvent, EVENT_TYPES } from './event.entity.js';
import { DEVICE_STATUSES } from './lifecycle.js';

const EventSchema = z
  .object({
    id: z.number(),
    device: z.number(),
    assetTag: z.string(),
    type: z.enum(EVENT_TYPES),
    fromStatus: z.enum(DEVICE_STATUSES).nullable(),
    toStatus: z.enum(DEVICE_STATUSES).nullable(),
    actor: z.number(),
    actorName: z.string(),
    actorRole: z.string(),
    at: z.string(),
    site: z.string().nullable(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('Event');

const EventFilterSchema = z.object({
  device: oneOrMany(z.number().int().positive()).optional(),
  type: oneOrMany(z.enum(EVENT_TYPES)).optional(),
  actor: z.number().int().positive().optional(),
});

export function serializeEvent(event: DeviceEvent) {
  return {
    id: Number(event.id),
    device: event.device.id,
    assetTag: event.device.assetTag,
    type: event.type,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    actor: event.actor.id,
    actorName: event.actor.name,
    actorRole: event.actor.role,
    at: event.at.toISOString(),
    site: event.site ?? null,
    reason: event.reason ?? null,
    details: event.details ?? null,
  };
}

/** The chain of custody, read-only: there is no route to change or delete an event. */
export function eventRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Traçabilité';

  route(
    router,
    {
      method: 'get',
      path: '/events', operationId: 'listEvents', access: { action: 'list', resource: 'events' },
      summary: "Historique (chaîne de traçabilité) : filtres device, type, actor",
      tag,
      query: ListQueryDoc,
      response: z.array(EventSchema),
    },
    async (req, res) => {
      const query = parseListQuery(req, { sortFields: ['id', 'at', 'type'], defaultSort: ['at', 'DESC'], filter: EventFilterSchema });
      const where: FilterQuery<DeviceEvent> = {};
      const device: ObjectQuery<Device> = { ...visibleDevices(currentUser(req)), ...(query.filter.device ? { id: { $in: query.filter.device } } : {}) };
      if (Object.keys(device).length) where.device = device;
      if (query.filter.type) where.type = { $in: query.filter.type };
      if (query.filter.actor) where.actor = query.filter.actor;
      const [events, total] = await ctx.em().findAndCount(DeviceEvent, where, {
        populate: ['device', 'actor'],
        orderBy: { [query.sortField]: query.sortOrder, id: query.sortOrder },
        offset: query.offset,
        limit: query.limit,
      });
      sendPage(res, 'events', query.offset, events.map(serializeEvent), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/events/:id', operationId: 'getEvent', access: { action: 'show', resource: 'events' }, summary: 'Voir un événement', tag, response: EventSchema },
    async (req, res) => {
      const event = await ctx.em().findOne(DeviceEvent, { id: parseId(req) }, { populate: ['device', 'actor'] });
      if (!event) throw notFound('Événement');
      // a device the partner may not see has no history for it (404: nothing leaks)
      if (!(await isVisible(ctx.em(), event.device, currentUser(req)))) throw notFound('Événement');
      res.json(serializeEvent(event));
    },
  );
  return router;
}
