/**
 * The price grid (issue #15 §2): a device's specs → a category → a suggested solidarity price.
 * No ORM and no zod here: the back office imports the categories, the thresholds' shape and the
 * rule itself to show the grid. The rule « specs → category » is `categorise`, and nowhere else.
 */
import type { NumberRange } from '../core/bounds.js';
import type { DeviceType } from '../devices/lifecycle.js';

/** From the best to the plainest; `to_assess`: a spec the grid needs is unknown, nobody guesses. */
export const CATEGORIES = ['premium', 'standard', 'essential'] as const;
export type Category = (typeof CATEGORIES)[number];
export type CategoryOrToAssess = Category | 'to_assess';

export const CATEGORY_LABELS: Record<CategoryOrToAssess, string> = { premium: 'Premium', standard: 'Standard', essential: 'Essentiel', to_assess: 'À évaluer' };

/** Types sorted by their specs; monitors and printers have one category (Standard) and one price. */
export const GRADED_TYPES = ['laptop', 'desktop', 'tablet', 'smartphone'] as const satisfies readonly DeviceType[];
export const SINGLE_PRICE_TYPES = ['monitor', 'printer'] as const satisfies readonly DeviceType[];
export type GradedType = (typeof GRADED_TYPES)[number];
export type PricedType = GradedType | (typeof SINGLE_PRICE_TYPES)[number];

/**
 * What a device needs at least to reach a category. A null threshold is not looked at for that
 * type (a desktop has no battery, a phone's storage type says nothing). A device that reaches
 * neither Premium nor Standard is Essentiel.
 */
export interface Thresholds {
  minRamGb: number | null;
  /** Intel Core generation, or its equivalent for AMD Ryzen (see `cpuGeneration`). */
  minCpuGeneration: number | null;
  minStorageGb: number | null;
  ssdRequired: boolean;
  minBatteryHealthPct: number | null;
}

export interface GridRules {
  criteria: Record<GradedType, { premium: Thresholds; standard: Thresholds }>;
  /** Euros per type and category; a single-price type has only `standard`. */
  prices: Record<GradedType, Record<Category, number>> & Record<(typeof SINGLE_PRICE_TYPES)[number], { standard: number }>;
}

/** What a threshold or a price of the grid may be (the API's schema and the back office's form). */
export const GRID_BOUNDS = {
  minRamGb: { min: 1, max: 256, integer: true, unit: 'Go' },
  minCpuGeneration: { min: 2, max: 30, integer: true },
  minStorageGb: { min: 1, max: 100_000, integer: true, unit: 'Go' },
  minBatteryHealthPct: { min: 1, max: 100, integer: true, unit: '%' },
  price: { min: 0, max: 10_000, cents: true, unit: '€' },
} as const satisfies Record<string, NumberRange>;

/** What the rule reads of a device; null where nobody knows yet. */
export interface DeviceSpecs {
  type: DeviceType;
  ramGb: number | null;
  cpuGeneration: number | null;
  storageGb: number | null;
  /** true: SSD or NVMe; false: a spinning disk or eMMC; null: unknown. */
  storageIsSsd: boolean | null;
  /** The weakest battery's health; null when the device reported none. */
  batteryHealthPct: number | null;
}

export type MissingSpec = 'ramGb' | 'cpuGeneration' | 'storageGb' | 'storageType' | 'batteryHealthPct';
export const MISSING_SPEC_LABELS: Record<MissingSpec, string> = {
  ramGb: 'mémoire vive',
  cpuGeneration: 'génération du processeur',
  storageGb: 'taille du stockage',
  storageType: 'type de stockage (SSD ou disque dur)',
  batteryHealthPct: 'santé de la batterie',
};

export interface Categorisation {
  category: CategoryOrToAssess | null;
  /** The specs the grid needed and did not find (category `to_assess`). */
  missing: MissingSpec[];
}

/** The specs a type's thresholds look at, whatever category is checked. */
function neededSpecs(criteria: { premium: Thresholds; standard: Thresholds }): MissingSpec[] {
  const both = [criteria.premium, criteria.standard];
  const needed: MissingSpec[] = [];
  if (both.some((limits) => limits.minRamGb !== null)) needed.push('ramGb');
  if (both.some((limits) => limits.minCpuGeneration !== null)) needed.push('cpuGeneration');
  if (both.some((limits) => limits.minStorageGb !== null)) needed.push('storageGb');
  if (both.some((limits) => limits.ssdRequired)) needed.push('storageType');
  if (both.some((limits) => limits.minBatteryHealthPct !== null)) needed.push('batteryHealthPct');
  return needed;
}

const SPEC_VALUE: Record<MissingSpec, (specs: DeviceSpecs) => unknown> = {
  ramGb: (specs) => specs.ramGb,
  cpuGeneration: (specs) => specs.cpuGeneration,
  storageGb: (specs) => specs.storageGb,
  storageType: (specs) => specs.storageIsSsd,
  batteryHealthPct: (specs) => specs.batteryHealthPct,
};

const atLeast = (value: number | null, minimum: number | null) => minimum === null || (value !== null && value >= minimum);

function reaches(specs: DeviceSpecs, limits: Thresholds): boolean {
  return (
    atLeast(specs.ramGb, limits.minRamGb) &&
    atLeast(specs.cpuGeneration, limits.minCpuGeneration) &&
    atLeast(specs.storageGb, limits.minStorageGb) &&
    (!limits.ssdRequired || specs.storageIsSsd === true) &&
    atLeast(specs.batteryHealthPct, limits.minBatteryHealthPct)
  );
}

/**
 * THE rule: a device's specs → its category in this grid. Thresholds are minimums, reached when
 * equal (8 Go for « 8 Go au moins »). A spec the type's thresholds need and the device lacks gives
 * « à évaluer », never a category. `null`: the grid prices no such type (« Autre »).
 */
export function categorise(specs: DeviceSpecs, rules: GridRules): Categorisation {
  if ((SINGLE_PRICE_TYPES as readonly string[]).includes(specs.type)) return { category: 'standard', missing: [] };
  if (!(GRADED_TYPES as readonly string[]).includes(specs.type)) return { category: null, missing: [] };
  const criteria = rules.criteria[specs.type as GradedType];
  const missing = neededSpecs(criteria).filter((spec) => SPEC_VALUE[spec](specs) === null);
  if (missing.length) return { category: 'to_assess', missing };
  if (reaches(specs, criteria.premium)) return { category: 'premium', missing: [] };
  if (reaches(specs, criteria.standard)) return { category: 'standard', missing: [] };
  return { category: 'essential', missing: [] };
}

/** The grid's price for a type and category, in euros; null for « à évaluer » or an unpriced type. */
export function gridPrice(rules: GridRules, type: DeviceType, category: CategoryOrToAssess | null): number | null {
  if (category === null || category === 'to_assess') return null;
  const prices = (rules.prices as Record<string, Partial<Record<Category, number>>>)[type];
  return prices?.[category] ?? null;
}

/**
 * AMD Ryzen series → the Intel Core generation launched the same year (Ryzen 1000 and 2000: 2017–18
 * like Intel's 8th; 3000 and 4000: 2019–20, 10th; 5000: 2021, 11th; 6000: 2022, 12th; 7000: 2023,
 * 13th; 8000: 2024, 14th): one scale for the thresholds.
 */
const RYZEN_SERIES_TO_INTEL: Record<number, number> = { 1: 8, 2: 8, 3: 10, 4: 10, 5: 11, 6: 12, 7: 13, 8: 14 };

/**
 * The generation of a processor named as GLPI, dmidecode or a technician write it: « Intel(R)
 * Core(TM) i5-8250U » → 8, « i7-1165G7 » → 11, « i5-10210U » → 10, « AMD Ryzen 5 3500U » → 10.
 * Null for what it cannot tell (Celeron, Pentium, ARM chips, a blank): « à évaluer ».
 */
export function cpuGeneration(cpu: string | null | undefined): number | null {
  if (!cpu) return null;
  const intel = /\bi[3579]-(\d{4,5})[a-z]*\d*\b/i.exec(cpu);
  if (intel) {
    const digits = intel[1];
    // 2nd–9th: four digits, the first is the generation (8250U); 10th and after: the first two, of five digits
    // (10210U, 12400) or of four beginning with 1 (1165G7, 1235U) — the 1st generation had three digits (i5-520M)
    if (digits.length === 5 || digits.startsWith('1')) return Number(digits.slice(0, 2));
    return Number(digits[0]);
  }
  if (/core\s*\(?(tm)?\)?\s*ultra/i.test(cpu)) return 14;
  const ryzen = /\bryzen\s*(?:[3579]|threadripper)\s*(?:pro\s*)?(\d)\d{3}/i.exec(cpu);
  if (ryzen) return RYZEN_SERIES_TO_INTEL[Number(ryzen[1])] ?? null;
  return null;
}

/** « 256 Go SSD », « 500 Go HDD + 1 To HDD », « 128GB NVMe » → the first disk's size and type. */
export function storageFromSummary(summary: string | null | undefined): { storageGb: number | null; storageIsSsd: boolean | null } {
  const match = summary ? /(\d+(?:[.,]\d+)?)\s*(go|gb|to|tb)\s*(ssd|nvme|hdd|emmc|disque dur)?/i.exec(summary) : null;
  if (!match) return { storageGb: null, storageIsSsd: null };
  const size = Number(match[1].replace(',', '.')) * (/^t/i.test(match[2]) ? 1000 : 1);
  const kind = match[3]?.toLowerCase();
  return { storageGb: Math.round(size), storageIsSsd: kind ? kind === 'ssd' || kind === 'nvme' : null };
}
