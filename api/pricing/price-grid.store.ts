import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInParis } from '../core/bounds.js';
import type { DeviceType } from '../devices/lifecycle.js';
import type { DeviceFields } from '../devices/device-sql.js';
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

/** The specs the grid reads, from the device, its largest disk (else its storage summary) and its last inventory's batteries. */
export async function deviceSpecs(em: EntityManager, device: Pick<DeviceFields, 'id' | 'type' | 'ramGb' | 'cpu' | 'storageSummary'>): Promise<DeviceSpecs> {
  const [row] = await em.execute<{ kind: string | null; capacity_gb: number | null; battery_health: number | null }[]>(
    `select m.kind, m.capacity_gb,
       (select min((battery ->> 'healthPct')::int) from device_inventories i, jsonb_array_elements(i.summary -> 'batteries') battery
         where i.device_id = d.id and battery ->> 'healthPct' is not null) as battery_health
     from devices d left join lateral (select kind, capacity_gb from media where device_id = d.id order by capacity_gb desc nulls last, id limit 1) m on true
     where d.id = ?`,
    [device.id],
  );
  const fromSummary = storageFromSummary(device.storageSummary);
  const disk = row?.kind ? { storageGb: row.capacity_gb ?? fromSummary.storageGb, storageIsSsd: row.kind === 'ssd' || row.kind === 'nvme' } : fromSummary;
  return { type: device.type as DeviceType, ramGb: device.ramGb ?? null, cpuGeneration: cpuGeneration(device.cpu), ...disk, batteryHealthPct: row?.battery_health ?? null };
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
