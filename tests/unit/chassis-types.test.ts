import { describe, expect, it } from 'vitest';
import { builtInChassisType, deviceTypeOfChassis } from '../../api/devices/chassis-types.js';

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

  it('reads the spreadsheet words the device import used to know, however they are spaced', () => {
    expect(deviceTypeOfChassis('PC portable')).toBe('laptop');
    expect(deviceTypeOfChassis('pcportable')).toBe('laptop');
    expect(deviceTypeOfChassis('Tout-en-un')).toBe('desktop');
    expect(deviceTypeOfChassis('AllInOne')).toBe('desktop');
    expect(deviceTypeOfChassis('Téléphone mobile')).toBe('smartphone');
    expect(deviceTypeOfChassis('Divers')).toBe('other');
  });

  it('adds what an admin mapped, never over the built-in table', () => {
    const added = new Map([['rackmountchassis', 'desktop' as const], ['minitower', 'laptop' as const]]);
    expect(deviceTypeOfChassis('Rack Mount Chassis', added)).toBe('desktop');
    expect(deviceTypeOfChassis('rack-mount chassis', added)).toBe('desktop');
    expect(deviceTypeOfChassis('Mini Tower', added)).toBe('desktop');
    expect(builtInChassisType('Rack Mount Chassis')).toBeNull();
    expect(builtInChassisType('Notebook')).toBe('laptop');
  });
});
