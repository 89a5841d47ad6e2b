import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../users/user.entity.js';
import type { Device } from './device.entity.js';
import { DeviceEvent, type EventType } from './event.entity.js';
import type { DeviceStatus } from './lifecycle.js';

/** Events that change no status (the status changes are written by `transitions.ts` only). */
export type CustodyEventType = Exclude<EventType, 'transition' | 'registered' | 'imported'>;

export interface CustodyEventInput {
  type: CustodyEventType;
  site?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

/** A custody event that changes no status: edited, moved between depots, label printed, medium added, wiped, audited... */
export function recordEvent(em: EntityManager, device: Device, actorId: number, event: CustodyEventInput): DeviceEvent {
  return createEvent(em, device, actorId, { ...event, from: null, to: null });
}

/**
 * One line of the chain of custody, at the device's site unless said otherwise. Status changes
 * call it only through `transitions.ts`; everything else through `recordEvent`.
 */
export function createEvent(
  em: EntityManager,
  device: Device,
  actorId: number,
  event: Omit<CustodyEventInput, 'type'> & { type: EventType; from: DeviceStatus | null; to: DeviceStatus | null },
): DeviceEvent {
  return em.create(DeviceEvent, {
    device,
    actor: em.getReference(User, actorId),
    type: event.type,
    fromStatus: event.from,
    toStatus: event.to,
    site: event.site ?? device.site,
    reason: event.reason ?? null,
    details: event.details ?? null,
    at: new Date(),
  });
}
