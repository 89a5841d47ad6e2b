import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';
import { Device } from '../devices/device.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { Referral } from './referral.entity.js';

/** A refurbished device sold to a referred resident at a solidarity price. Unique per device and per referral in the database. */
export const Allocation = defineEntity({
  name: 'Allocation',
  tableName: 'allocations',
  properties: {
    id: p.integer().primary(),
    device: () => p.manyToOne(Device).unique(),
    referral: () => p.manyToOne(Referral).unique(),
    agreement: () => p.manyToOne(Agreement),
    priceCents: p.integer(),
    allocatedBy: () => p.manyToOne(User),
    allocatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Allocation = InferEntity<typeof Allocation>;
