import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInParis } from '../core/bounds.js';
import type { DeviceType } from '../devices/lifecycle.js';
import type { DeviceFields } from '../devices/device-sql.js';
import { loadSpecsInputs, weakestBattery, type SpecsInput } from '../devices/device-specs.js';
import { CATEGORY_LABELS, MISSING_SPEC_LABELS, categorise, cpuGeneration, gridPrice, storageFromSummary, type CategoryOrToAssess, type DeviceSpecs, type GridRules, type MissingSpec } from './price-grid.js';

/** One version of the grid as the API answers it; `validUntil` is the day before the next version starts. */
export interface PriceGridVersion {
  id: number;
  label: string;
  validFrom: string;
  validUntil: string | null;
  current: boolean;
  source: string;
  rules: GridRules;
  createdBy: number | null;
  createdAt: string;
}

interface GridRow {
  id: number;
  label: string;
  valid_from: string;
  source: string;
  rules: GridRules;
  created_by: number | null;
  created_at: Date;
}

const dayBefore = (isoDay: string) => new Date(Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10)) - 1)).toISOString().slice(0, 10);

/** Every version, the latest start first, each with the day it ends and whether it is in force today. */
export async function loadGridVersions(em: EntityManager): Promise<PriceGridVersion[]> {
  const rows = await em.execute<GridRow[]>(`select id, label, to_char(valid_from, 'YYYY-MM-DD') as valid_from, source, rules, created_by, created_at from price_grids order by valid_from desc`);
  const today = todayInParis();
  const currentId = rows.find((row) => row.valid_from <= today)?.id;
  return rows.map((row, index) => ({
    id: row.id,
    label: row.label,
    validFrom: row.valid_from,
    validUntil: index > 0 ? dayBefore(rows[index - 1].valid_from) : null,
    current: row.id === currentId,
    source: row.source,
    rules: row.rules,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

export async function currentGrid(em: EntityManager): Promise<PriceGridVersion | null> {
  return (await loadGridVersions(em)).find((version) => version.current) ?? null;
}

/** The specs the grid reads, from what the device's specs are made of (loadSpecsInputs, as the device page reads them). */
export async function deviceSpecs(em: EntityManager, device: Pick<DeviceFields, 'id' | 'type' | 'ramGb' | 'cpu' | 'storageSummary'>): Promise<DeviceSpecs> {
  const inputs = await loadSpecsInputs(em, [{ ...device, type: device.type as DeviceType }]);
  return gridSpecs(inputs.get(device.id)!);
}

/** The device's largest medium (the first of equal ones), else its storage summary; its weakest battery. */
function gridSpecs(input: SpecsInput): DeviceSpecs {
  const largest = [...input.media].sort((a, b) => (b.capacityGb ?? -1) - (a.capacityGb ?? -1))[0];
  const fromSummary = storageFromSummary(input.storageSummary);
  const disk = largest ? { storageGb: largest.capacityGb ?? fromSummary.storageGb, storageIsSsd: largest.kind === 'ssd' || largest.kind === 'nvme' } : fromSummary;
  return { type: input.type, ramGb: input.ramGb, cpuGeneration: cpuGeneration(input.cpu), ...disk, batteryHealthPct: weakestBattery(input.batteryHealth) };
}

export interface PriceSuggestion {
  category: CategoryOrToAssess;
  categoryLabel: string;
  /** Euros; null when the device is « à évaluer ». */
  suggestedPrice: number | null;
  /** What the grid needed and did not find, in French. */
  missing: string[];
  grid: { id: number; label: string; validFrom: string };
}

/** The category and suggested price of a device in the grid in force today; null for a type the grid does not price, or no grid. */
export async function priceSuggestion(em: EntityManager, device: Pick<DeviceFields, 'id' | 'type' | 'ramGb' | 'cpu' | 'storageSummary'>): Promise<PriceSuggestion | null> {
  const grid = await currentGrid(em);
  if (!grid) return null;
  const { category, missing } = categorise(await deviceSpecs(em, device), grid.rules);
  if (category === null) return null;
  return {
    category,
    categoryLabel: CATEGORY_LABELS[category],
    suggestedPrice: gridPrice(grid.rules, device.type as DeviceType, category),
    missing: missing.map((spec: MissingSpec) => MISSING_SPEC_LABELS[spec]),
    grid: { id: grid.id, label: grid.label, validFrom: grid.validFrom },
  };
}
