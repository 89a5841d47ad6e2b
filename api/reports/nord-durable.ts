import { DEVICE_TYPES, type DeviceType } from '../devices/lifecycle.js';
import { avoidedPerDevice, type FactorValues } from './factor-values.js';
import { isDemoValue } from '../factors/source-catalogue.js';
import { round } from './rounding.js';

/**
 * Nord durable: devices reused (allocated in the period on the chosen territory), the mass they
 * divert from waste and the greenhouse gases their reuse avoids, by type with the factors' sources.
 */

/** The period's allocations of one type (`allocationGroups(…).byType`, allocations.ts). */
type AllocationTypeRow = { type: DeviceType; devices: number };

function byTypeFigures(row: AllocationTypeRow, factor: FactorValues | undefined) {
  const devices = row.devices;
  const avoided = avoidedPerDevice(factor);
  const massKg = factor?.massKg ?? null;
  return {
    deviceType: row.type,
    devices,
    massKgPerDevice: massKg,
    massSource: factor?.massSource ?? 'aucun facteur',
    massIsDemo: isDemoValue(factor?.massSource),
    avoidedMethod: factor?.avoidedMethod ?? 'manufacturing',
    co2eKgPerDevice: avoided.value,
    co2eSource: avoided.source,
    massDivertedKg: massKg === null ? null : round(massKg * devices, 3),
    co2eAvoidedKg: avoided.value === null ? null : round(avoided.value * devices, 3),
  };
}

export function nordDurableFigures(rows: AllocationTypeRow[], factors: FactorValues[], devicesReused: number) {
  const factorByType = new Map(factors.map((factor) => [factor.deviceType, factor]));
  const byType = rows
    .map((row) => byTypeFigures(row, factorByType.get(row.type)))
    .sort((a, b) => DEVICE_TYPES.indexOf(a.deviceType) - DEVICE_TYPES.indexOf(b.deviceType));
  const missingFactors = byType.flatMap((row) => [
    ...(row.massKgPerDevice === null ? [`${row.deviceType}.massKg`] : []),
    ...(row.co2eKgPerDevice === null ? [`${row.deviceType}.co2e (${row.avoidedMethod})`] : []),
  ]);
  // the types allocated whose mass or new price is a demonstration value: every figure says so
  const demoValues = {
    mass: byType.filter((row) => row.massIsDemo).map((row) => row.deviceType),
    price: byType.filter((row) => isDemoValue(factorByType.get(row.deviceType)?.priceSource)).map((row) => row.deviceType),
  };
  return {
    devicesReused,
    massDivertedKg: round(byType.reduce((sum, row) => sum + (row.massDivertedKg ?? 0), 0), 3),
    co2eAvoidedKg: round(byType.reduce((sum, row) => sum + (row.co2eAvoidedKg ?? 0), 0), 3),
    byType,
    missingFactors,
    demoValues,
  };
}
