import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Device } from '../devices/device.entity.js';
import { User } from '../users/user.entity.js';
import { MEDIA_KINDS } from './nist.js';

/** A storage medium (disk) inside a device: what must be proven wiped before the device leaves. */
export const Medium = defineEntity({
  name: 'Medium',
  tableName: 'media',
  properties: {
    id: p.integer().primary(),
    device: () => p.manyToOne(Device).index(),
    kind: p.enum([...MEDIA_KINDS]),
    /** Trimmed and upper-cased, unique: how nwipe logs are matched to media. */
    serialNumber: p.string().length(64).unique(),
    model: p.string().length(120).nullable(),
    capacityGb: p.integer().nullable(),
    /** SATA, NVMe, USB…: as the GLPI agent's inventory names it; null when typed by hand or read from an nwipe log. */
    interface: p.string().length(40).nullable(),
    createdBy: () => p.manyToOne(User),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Medium = InferEntity<typeof Medium>;
