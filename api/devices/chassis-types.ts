import type { DeviceType } from './lifecycle.js';

/**
 * What a device's « type » is called in the files we import, mapped to our device types: the
 * SMBIOS chassis names (DMTF SMBIOS 3.x, table 17 « System Enclosure or Chassis Types ») that
 * dmidecode and glpi-agent write (`hardware.chassis_type`), GLPI's item types, and the French and
 * English labels people put in a spreadsheet's « Type » column. One table, shared by every import.
 * Keys are compared after `chassisKey` (lower case, accents and extra spaces removed).
 */
const CHASSIS_TYPES: Record<string, DeviceType> = {
  // SMBIOS chassis types: portable computers
  portable: 'laptop',
  laptop: 'laptop',
  notebook: 'laptop',
  'sub notebook': 'laptop',
  'hand held': 'smartphone',
  convertible: 'laptop',
  detachable: 'tablet',
  tablet: 'tablet',
  // SMBIOS chassis types: desktop computers
  desktop: 'desktop',
  'low profile desktop': 'desktop',
  'pizza box': 'desktop',
  'mini tower': 'desktop',
  tower: 'desktop',
  'all in one': 'desktop',
  'space saving': 'desktop',
  'lunch box': 'desktop',
  'mini pc': 'desktop',
  'stick pc': 'desktop',
  'docking station': 'other',
  other: 'other',
  unknown: 'other',
  // GLPI item types (inventory `itemtype`)
  computer: 'desktop',
  phone: 'smartphone',
  printer: 'printer',
  monitor: 'monitor',
  // French labels of spreadsheets and GLPI's French interface
  'ordinateur portable': 'laptop',
  'ordinateur fixe': 'desktop',
  'unite centrale': 'desktop',
  ordinateur: 'desktop',
  tablette: 'tablet',
  telephone: 'smartphone',
  smartphone: 'smartphone',
  ecran: 'monitor',
  moniteur: 'monitor',
  imprimante: 'printer',
};

/** « Mini Tower », « mini-tower » and « MINI  TOWER » are the same key; so are « Écran » and « ecran ». */
export function chassisKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Our device type for a chassis name, item type or label; null when the table does not know it. */
export function deviceTypeOfChassis(label: string | null | undefined): DeviceType | null {
  if (!label) return null;
  const key = chassisKey(label);
  return CHASSIS_TYPES[key] ?? null;
}
