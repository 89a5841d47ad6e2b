import type { NumberRange } from '../core/bounds.js';

/**
 * What each factor figure may be, for any device type (a smartphone to an office printer). The
 * seeded ADEME figures sit well inside: manufacturing 56.3 to 202.6 kg CO2e, avoided 24.6 and
 * 27 kg CO2e a year. No zod here: the back office's factor screen checks the same ranges.
 */
export const FACTOR_FIGURES = {
  /** A USB key weighs a few grams, an office multifunction printer tens of kilograms. */
  massKg: { min: 0.01, max: 100, unit: 'kg' },
  /** ADEME's footprints go from a few kg (accessories) to a few hundred (desktops); 5 t is a large server. */
  manufacturingKgco2e: { min: 1, max: 5000, unit: 'kg CO2e' },
  /** Avoided per year of second life: more than twice the largest seeded manufacturing footprint is not a yearly figure. */
  avoidedKgco2ePerYear: { min: 0.1, max: 500, unit: 'kg CO2e par an' },
  /** Half a year (a device at the end of its life) to fifteen (longer than any device is supported). */
  secondLifeYears: { min: 0.5, max: 15, unit: 'ans' },
  /**
   * A new device costs at least 10 € (a keyboard) and at most 10,000 € (the agreements' price
   * ceiling): a price of 0 would make every sale a negative saving for the household.
   */
  referenceNewPriceEur: { min: 10, max: 10_000, unit: '€' },
} as const satisfies Record<string, NumberRange>;

export type FactorFigure = keyof typeof FACTOR_FIGURES;

/** A source names a document, an organisation or a weighing: at least this many letters, not « 000 » or « ... ». */
export const SOURCE_MIN_LETTERS = 3;

export const isMeaningfulSource = (text: string) => (text.match(/\p{L}/gu)?.length ?? 0) >= SOURCE_MIN_LETTERS;
