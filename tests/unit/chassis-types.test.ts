import { describe, expect, it } from 'vitest';
import { deviceTypeOfChassis } from '../../api/devices/chassis-types.js';

describe('one table of chassis names, item types and labels', () => {
  it('maps the SMBIOS chassis names dmidecode and glpi-agent write', () => {
    const cases: Record<string, string> = {
      Notebook: 'laptop',
      Laptop: 'laptop',
      'Sub Notebook': 'laptop',
      Portable: 'laptop',
      Convertible: 'laptop',
      Desktop: 'desktop',
      Tower: 'desktop',
      'Mini Tower': 'desktop',
      'Low Profile Desktop': 'desktop',
      'All in One': 'desktop',
      'All-in-One': 'desktop',
      'Space-saving': 'desktop',
      'Mini PC': 'desktop',
      Tablet: 'tablet',
      Detachable: 'tablet',
      Phone: 'smartphone',
      'Ordinateur portable': 'laptop',
      'Ordinateur fixe': 'desktop',
      'Unité centrale': 'desktop',
      Écran: 'monitor',
    };
    for (const [label, type] of Object.entries(cases)) expect(deviceTypeOfChassis(label), label).toBe(type);
  });

  it('says when it does not know', () => {
    expect(deviceTypeOfChassis('Rack Mount Chassis')).toBeNull();
    expect(deviceTypeOfChassis('')).toBeNull();
    expect(deviceTypeOfChassis(null)).toBeNull();
  });
});
