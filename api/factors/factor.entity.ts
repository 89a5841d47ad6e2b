import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { User } from '../users/user.entity.js';

/**
 * How the greenhouse gases avoided by one reused device are counted:
 * - `manufacturing`: the reused device replaces the purchase of a new one, so the manufacturing
 *   footprint of a new device is avoided (ADEME–Arcep 2022 figures);
 * - `per_year`: the ADEME 2022 study on refurbished products gives the impact avoided per year
 *   of second life; multiplied by the expected years of second life.
 */
export const AVOIDED_METHODS = ['manufacturing', 'per_year'] as const;
export type AvoidedMethod = (typeof AVOIDED_METHODS)[number];

/** Reference figures for one device type, each with its source (ADEME's values change between releases). */
export const Factor = defineEntity({
  name: 'Factor',
  tableName: 'factors',
  properties: {
    id: p.integer().primary(),
    deviceType: p.enum([...DEVICE_TYPES]).unique(),
    massKg: p.double().nullable(),
    massSource: p.text(),
    manufacturingKgco2e: p.double().nullable(),
    manufacturingSource: p.text(),
    avoidedMethod: p.enum([...AVOIDED_METHODS]).default('manufacturing'),
    avoidedKgco2ePerYear: p.double().nullable(),
    avoidedSource: p.text(),
    secondLifeYears: p.double().nullable(),
    secondLifeSource: p.text(),
    referenceNewPriceEur: p.double().nullable(),
    priceSource: p.text(),
    version: p.string().length(120),
    publishedOn: p.date().nullable(),
    updatedBy: () => p.manyToOne(User).nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Factor = InferEntity<typeof Factor>;
