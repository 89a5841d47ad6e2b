import { describe, expect, it } from 'vitest';
import { cpuGeneration, storageFromSummary } from '../../api/pricing/price-grid.js';

/** How processor names, as GLPI agents and technicians write them, give the generation the grid reads. */
describe('cpuGeneration', () => {
  it.each([
    ['Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz', 6],
    ['Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz', 8],
    ['Intel(R) Core(TM) i7-4790 CPU @ 3.60GHz', 4],
    ['Intel(R) Core(TM) i5-10210U CPU @ 1.60GHz', 10],
    ['Intel(R) Core(TM) i5-1035G1 CPU @ 1.00GHz', 10],
    ['11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz', 11],
    ['12th Gen Intel(R) Core(TM) i5-1235U', 12],
    ['13th Gen Intel(R) Core(TM) i7-13700', 13],
    ['Intel(R) Core(TM) Ultra 5 125U', 14],
    ['AMD Ryzen 5 3500U with Radeon Vega Mobile Gfx', 10],
    ['AMD Ryzen 7 PRO 5850U with Radeon Graphics', 11],
    ['i3-7100U ×2', 7],
  ])('%s → %i', (name, generation) => {
    expect(cpuGeneration(name)).toBe(generation);
  });

  it.each([['Intel(R) Celeron(R) N4020 CPU @ 1.10GHz'], ['Intel(R) Pentium(R) CPU G4400'], ['Qualcomm Technologies, Inc SM8150'], ['Intel(R) Core(TM) i5 CPU M 520 @ 2.40GHz'], [''], [null]])('%s → null (à évaluer)', (name) => {
    expect(cpuGeneration(name)).toBeNull();
  });
});

describe('storageFromSummary', () => {
  it('reads the first disk of a summary as the import and the inventory write it', () => {
    expect(storageFromSummary('256 Go SSD')).toEqual({ storageGb: 256, storageIsSsd: true });
    expect(storageFromSummary('512 Go NVME + 1000 Go HDD')).toEqual({ storageGb: 512, storageIsSsd: true });
    expect(storageFromSummary('1 To HDD')).toEqual({ storageGb: 1000, storageIsSsd: false });
    expect(storageFromSummary('500 GB')).toEqual({ storageGb: 500, storageIsSsd: null });
    expect(storageFromSummary('SSD')).toEqual({ storageGb: null, storageIsSsd: null });
    expect(storageFromSummary(null)).toEqual({ storageGb: null, storageIsSsd: null });
  });
});
