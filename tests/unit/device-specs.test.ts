import { describe, expect, it } from 'vitest';
import { describeMedia, describeSpecs } from '../../api/devices/device-specs.js';

const laptop = { type: 'laptop' as const, cpu: null, ramGb: null, storageSummary: null, media: [], batteryHealth: null };

describe('describeSpecs: one wording for the device page, the partner screen and the manifest', () => {
  it('tidies the GLPI agent CPU name, counts media by size and kind, and says the battery health', () => {
    const specs = describeSpecs({
      ...laptop,
      cpu: 'Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz',
      ramGb: 8,
      media: [{ kind: 'nvme', capacityGb: 256 }],
      batteryHealth: [88],
    });
    expect(specs).toEqual({
      cpu: 'Intel Core i5-6200U @ 2,30 GHz',
      ramGb: 8,
      ram: '8 Go',
      storage: '1 × 256 Go SSD NVMe',
      batteryHealthPct: 88,
      battery: '88 %',
      summary: 'Intel Core i5-6200U @ 2,30 GHz · RAM 8 Go · 1 × 256 Go SSD NVMe · batterie 88 %',
    });
  });

  it('groups several disks, largest first, in French units', () => {
    expect(describeMedia([{ kind: 'hdd', capacityGb: 500 }, { kind: 'ssd', capacityGb: 128 }, { kind: 'hdd', capacityGb: 500 }, { kind: 'hdd', capacityGb: 1500 }])).toBe(
      '1 × 1,5 To HDD + 2 × 500 Go HDD + 1 × 128 Go SSD',
    );
    expect(describeMedia([{ kind: 'emmc', capacityGb: null }])).toBe('1 × taille inconnue eMMC');
  });

  it('says « non mesurée » for a battery device without a measure, nothing about batteries for a desktop', () => {
    expect(describeSpecs({ ...laptop, type: 'smartphone', batteryHealth: [null] })).toMatchObject({ battery: 'non mesurée', batteryHealthPct: null, summary: 'batterie non mesurée' });
    expect(describeSpecs({ ...laptop, batteryHealth: [71, 90] })).toMatchObject({ battery: '71 % et 90 %', batteryHealthPct: 71 });
    expect(describeSpecs({ ...laptop, type: 'desktop', batteryHealth: [50] })).toMatchObject({ battery: null, batteryHealthPct: null, summary: 'caractéristiques non relevées' });
  });

  it('keeps the storage typed by hand when the device has no media recorded', () => {
    expect(describeSpecs({ ...laptop, type: 'desktop', storageSummary: ' SSD 256 Go ', ramGb: 16 }).summary).toBe('RAM 16 Go · SSD 256 Go');
  });
});

describe('the manifest PDF with specs', () => {
  it('is the same bytes for the same data', async () => {
    const { manifestPdf } = await import('../../api/batches/manifest.js');
    const batch = { reference: 'LOT-2026-0001', site: 'Dépôt', partner: 'Emmaüs Connect', plannedAt: '2026-12-20', status: 'ready', createdAt: new Date('2026-12-01T10:00:00Z'), readyAt: new Date('2026-12-02T10:00:00Z'), pickedUpAt: null };
    const specs = describeSpecs({ ...laptop, cpu: 'Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz', ramGb: 8, media: [{ kind: 'nvme', capacityGb: 256 }], batteryHealth: [88] });
    const device = { assetTag: 'CD59-000001-8', type: 'laptop' as const, brand: 'Dell Inc.', model: 'XPS 13 9350', serialNumber: '640HP72', inventoryNumber: null, certificateNumber: 'CS-2026-000001-ABCD', status: 'in_batch' as const, specs };
    const render = async () => {
      const pdf = await manifestPdf(batch as never, [device], {});
      const chunks: Buffer[] = [];
      for await (const chunk of pdf) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    expect(Buffer.compare(await render(), await render())).toBe(0);
  });
});
