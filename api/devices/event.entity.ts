import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DEVICE_STATUSES } from './lifecycle.js';
import { Device } from './device.entity.js';
import { User } from '../users/user.entity.js';

export const EVENT_TYPES = [
  'registered',
  'imported',
  'updated',
  'transition',
  'moved',
  'label_printed',
  'medium_added',
  'medium_removed',
  'sanitization',
  'no_storage',
  'audited',
  'missing',
  'found',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * One line of a device's chain of custody. Append-only: a database trigger rejects UPDATE and
 * DELETE (see the initial migration), so not even a bug or a DBA's slip can rewrite history.
 */
export const DeviceEvent = defineEntity({
  name: 'DeviceEvent',
  tableName: 'events',
  properties: {
    id: p.integer().primary(),
    device: () => p.manyToOne(Device).index(),
    type: p.enum([...EVENT_TYPES]),
    fromStatus: p.enum([...DEVICE_STATUSES]).nullable(),
    toStatus: p.enum([...DEVICE_STATUSES]).nullable(),
    actor: () => p.manyToOne(User),
    at: p.datetime().onCreate(() => new Date()),
    site: p.string().length(120).nullable(),
    reason: p.text().nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
  },
});
export type DeviceEvent = InferEntity<typeof DeviceEvent>;
