import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeviceType } from './lifecycle.js';

/**
 * What a device's « type » is called in the files we import, mapped to our device types: the
 * SMBIOS chassis names (DMTF SMBIOS 3.x, table 17 « System Enclosure or Chassis Types ») that
 * dmidecode and glpi-agent write (`hardware.chassis_type`), GLPI's item types, and the French and
 * English labels people put in a spreadsheet's « Type » column. One table, shared by every import
 * (the GLPI CSV export, the GLPI agent's inventory); an admin adds the values it does not know
 * (table chassis_type_mappings, `loadAddedChassisTypes`). Keys are compared after `lookupKey`
 * (lower case, no accents, letters and digits only: « Mini-Tower » and « minitower » are one key).
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
  // other words of spreadsheets' « Type » columns, French and English
  'pc portable': 'laptop',
  ultraportable: 'laptop',
  'poste fixe': 'desktop',
  'pc fixe': 'desktop',
  tour: 'desktop',
  'ordinateur de bureau': 'desktop',
  fixe: 'desktop',
  'tout en un': 'desktop',
  'station de travail': 'desktop',
  uc: 'desktop',
  mobile: 'smartphone',
  'telephone portable': 'smartphone',
  'telephone mobile': 'smartphone',
  autre: 'other',
  divers: 'other',
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

/** The key a label is looked up by: « Tout-en-un », « tout en un » and « toutenun » are one key. */
export const lookupKey = (label: string) => chassisKey(label).replace(/[^a-z0-9]/g, '');

const BUILT_IN = new Map(Object.entries(CHASSIS_TYPES).map(([label, type]) => [lookupKey(label), type]));

/** What admins added for values the built-in table does not know: lookup key → device type. */
export type AddedChassisTypes = ReadonlyMap<string, DeviceType>;

/**
 * Our device type for a chassis name, item type or label; null when neither the built-in table
 * nor the types an admin added (`added`) know it. The built-in table wins: an admin adds, never overrides.
 */
export function deviceTypeOfChassis(label: string | null | undefined, added?: AddedChassisTypes): DeviceType | null {
  if (!label) return null;
  const key = lookupKey(label);
  return BUILT_IN.get(key) ?? added?.get(key) ?? null;
}

/** The built-in table's type for a label (null: a value an admin may add). */
export const builtInChassisType = (label: string): DeviceType | null => BUILT_IN.get(lookupKey(label)) ?? null;

/** The mappings admins added (table chassis_type_mappings), read once per import. */
export async function loadAddedChassisTypes(em: EntityManager): Promise<AddedChassisTypes> {
  const rows = await em.getConnection().execute<{ key: string; device_type: DeviceType }[]>('select key, device_type from chassis_type_mappings');
  return new Map(rows.map((row) => [row.key, row.device_type]));
}
