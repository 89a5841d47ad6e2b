import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../core/auth.js';
import { conflict, invalid, notFound } from '../core/errors.js';
import { formatAssetTag, type AssetTagFormat } from './asset-tag.js';
import { recordEvent } from './custody-events.js';
import { Device } from './device.entity.js';
import { DEPOT_STATUSES } from './lifecycle.js';
import type { DeviceCreateSchema, DeviceUpdateSchema, MoveSchema } from './device.schemas.js';
import { recordRegistration } from './transitions.js';

export type DeviceInput = z.infer<typeof DeviceCreateSchema>;

export async function nextAssetTags(em: EntityManager, format: AssetTagFormat, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await em
    .execute<{ value: string }[]>(`select nextval('asset_tag_seq') as value from generate_series(1, ?) order by 1`, [count]);
  return rows.map((row) => formatAssetTag(format, Number(row.value)));
}

export async function nextAssetTag(em: EntityManager, format: AssetTagFormat): Promise<string> {
  const [tag] = await nextAssetTags(em, format, 1);
  return tag;
}

export async function assertSerialFree(em: EntityManager, serialNumber: string | null, exceptId?: number): Promise<void> {
  if (!serialNumber) return;
  const existing = await em.findOne(Device, { serialNumber }, { fields: ['id', 'assetTag'] });
  if (existing && existing.id !== exceptId) {
    throw conflict('SERIAL_TAKEN', `Le numéro de série ${serialNumber} est déjà enregistré (${existing.assetTag}).`, {
      deviceId: existing.id,
      assetTag: existing.assetTag,
    });
  }
}

export async function registerDevice(
  em: EntityManager,
  input: DeviceInput,
  actor: AuthenticatedUser,
  format: AssetTagFormat,
  eventType: 'registered' | 'imported' = 'registered',
): Promise<Device> {
  return em.transactional(async (tx) => {
    await assertSerialFree(tx, input.serialNumber);
    const device = tx.create(Device, {
      ...input,
      assetTag: await nextAssetTag(tx, format),
      site: input.originSite,
      status: 'registered',
    });
    recordRegistration(tx, device, actor.id, eventType);
    await tx.flush();
    return device;
  });
}

/** Loads a device the user may see, locked to the version they saw when they give one. */
async function loadForChange(em: EntityManager, id: number, version: number | undefined): Promise<Device> {
  const device = await em.findOne(Device, { id });
  if (!device) throw notFound('Appareil');
  if (version !== undefined) await em.lock(device, LockMode.OPTIMISTIC, version);
  return device;
}

type Changes = Record<string, [unknown, unknown]>;

export async function updateDevice(
  em: EntityManager,
  id: number,
  input: z.infer<typeof DeviceUpdateSchema>,
  actor: AuthenticatedUser,
): Promise<Device> {
  return em.transactional(async (tx) => {
    const { version, ...fields } = input;
    const device = await loadForChange(tx, id, version);
    if (fields.serialNumber !== undefined) await assertSerialFree(tx, fields.serialNumber, id);
    const changes: Changes = {};
    for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
      if (value === undefined) continue;
      const before = device[key as keyof Device] ?? null;
      if (before !== value) {
        changes[key] = [before, value];
        (device as Record<string, unknown>)[key] = value;
      }
    }
    if (Object.keys(changes).length === 0) return device;
    recordEvent(tx, device, actor.id, { type: 'updated', details: { changes } });
    await tx.flush();
    return device;
  });
}

/** Moves a device still in a Département depot to another depot site (its status does not change). */
export async function moveDeviceToSite(
  em: EntityManager,
  id: number,
  input: z.infer<typeof MoveSchema>,
  actor: AuthenticatedUser,
): Promise<Device> {
  return em.transactional(async (tx) => {
    const device = await loadForChange(tx, id, input.version);
    if (!DEPOT_STATUSES.includes(device.status)) {
      throw conflict('NOT_IN_DEPOT', `L'appareil n'est plus dans un dépôt du Département (statut « ${device.status} »).`);
    }
    if (device.site === input.site) throw invalid(`L'appareil est déjà sur le site « ${input.site} ».`);
    const fromSite = device.site;
    device.site = input.site;
    recordEvent(tx, device, actor.id, { type: 'moved', site: input.site, reason: input.reason, details: { fromSite } });
    await tx.flush();
    return device;
  });
}

/** Printing a label is part of the history but not a change of the device: its version stays. */
export async function markLabelsPrinted(em: EntityManager, devices: Device[], actor: AuthenticatedUser): Promise<void> {
  await em.transactional(async (tx) => {
    const ids = devices.map((device) => device.id);
    // plain SQL: MikroORM's updates (even the query builder's) would raise the optimistic-lock version
    await tx.execute(`update devices set label_printed_at = now() where id = any(?::int[])`, [`{${ids.join(',')}}`]);
    // one statement for the whole sheet (a thousand labels), in the order printed
    await tx.execute(
      `insert into events (device_id, type, actor_id, site, at)
       select d.id, 'label_printed', ?, d.site, now() from unnest(?::int[]) with ordinality as printed(id, position)
       join devices d on d.id = printed.id order by printed.position`,
      [actor.id, `{${ids.join(',')}}`],
    );
  });
}
