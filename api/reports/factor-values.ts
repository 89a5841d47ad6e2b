import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeviceType } from '../devices/lifecycle.js';
import { Factor, type AvoidedMethod } from '../factors/factor.entity.js';

/** The factors as a report uses and keeps them (numbers, ISO dates): the values behind its figures. */
export interface FactorValues {
  deviceType: DeviceType;
  massKg: number | null;
  massSource: string;
  manufacturingKgco2e: number | null;
  manufacturingSource: string;
  avoidedMethod: AvoidedMethod;
  avoidedKgco2ePerYear: number | null;
  avoidedSource: string;
  secondLifeYears: number | null;
  secondLifeSource: string;
  referenceNewPriceEur: number | null;
  priceSource: string;
  version: string;
  publishedOn: string | null;
  updatedAt: string;
}

const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export async function loadFactors(em: EntityManager): Promise<FactorValues[]> {
  const rows = await em.find(Factor, {}, { orderBy: { id: 'ASC' } });
  return rows.map((row) => ({
    deviceType: row.deviceType,
    massKg: toNumber(row.massKg),
    massSource: row.massSource,
    manufacturingKgco2e: toNumber(row.manufacturingKgco2e),
    manufacturingSource: row.manufacturingSource,
    avoidedMethod: row.avoidedMethod,
    avoidedKgco2ePerYear: toNumber(row.avoidedKgco2ePerYear),
    avoidedSource: row.avoidedSource,
    secondLifeYears: toNumber(row.secondLifeYears),
    secondLifeSource: row.secondLifeSource,
    referenceNewPriceEur: toNumber(row.referenceNewPriceEur),
    priceSource: row.priceSource,
    version: row.version,
    publishedOn: row.publishedOn ? String(row.publishedOn).slice(0, 10) : null,
    updatedAt: new Date(row.updatedAt).toISOString(),
  }));
}

/**
 * kg CO2e avoided by one reused device of this type, or null when the factor is incomplete. Nord
 * durable's totals and the breakdown by territory (territories.ts) both use it.
 */
export function avoidedPerDevice(factor: FactorValues | undefined): { value: number | null; source: string } {
  if (!factor) return { value: null, source: 'aucun facteur' };
  if (factor.avoidedMethod === 'per_year') {
    const value = factor.avoidedKgco2ePerYear !== null && factor.secondLifeYears !== null ? factor.avoidedKgco2ePerYear * factor.secondLifeYears : null;
    return { value, source: `${factor.avoidedSource} ; durée de seconde vie : ${factor.secondLifeSource}` };
  }
  return { value: factor.manufacturingKgco2e, source: factor.manufacturingSource };
}
