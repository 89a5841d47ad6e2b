import { deviceTypeOfChassis, type AddedChassisTypes } from '../chassis-types.js';
import type { DeviceType } from '../lifecycle.js';

export type ImportField =
  | 'serialNumber'
  | 'hostname'
  | 'brand'
  | 'model'
  | 'type'
  | 'originSite'
  | 'inventoryNumber'
  | 'cpu'
  | 'ramGb'
  | 'year'
  | 'notes';

/** Lower case, no accents, letters and digits only: "Numéro de série" → "numerodeserie". */
export const simplify = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * Column headers we recognise: GLPI's computer export in French and English (the search options'
 * names: « Numéro de série » / « Serial number », « Composants - Processeur » / « Components -
 * Processor »…), our own export, and common English names.
 */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  serialNumber: ['numerodeserie', 'numeroserie', 'serialnumber', 'serial', 'sn', 'nserie', 'ndeserie'],
  hostname: ['nom', 'name', 'hostname', 'nomdelamachine'],
  brand: ['fabricant', 'marque', 'brand', 'manufacturer', 'constructeur'],
  model: ['modele', 'model'],
  type: ['type', 'typedappareil', 'devicetype', 'categorie'],
  originSite: ['lieu', 'site', 'location', 'originsite', 'sitedorigine'],
  inventoryNumber: ['numerodinventaire', 'numeroinventaire', 'inventorynumber', 'inventaire', 'otherserial', 'ndinventaire'],
  cpu: ['processeur', 'cpu', 'processor', 'composantsprocesseur', 'componentsprocessor'],
  ramGb: ['memoire', 'ram', 'ramgb', 'memoirego', 'memoiregb', 'memoiremio', 'composantsmemoire', 'memory', 'componentsmemory'],
  year: ['annee', 'year', 'anneedachat', 'anneedemiseenservice'],
  notes: ['commentaires', 'commentaire', 'notes', 'remarques', 'comments'],
};

/**
 * GLPI prefixes a column of another item type than the one searched with that type's name
 * (« Ordinateur - Numéro de série », in a search across asset types or with a meta-criterion):
 * the column is the computer's own field. Other prefixes stay (« Système d'exploitation - Nom »
 * is not the computer's name; « Composants - Processeur » is recognised whole).
 */
const ITEM_TYPE_PREFIX = /^(ordinateur|computer|moniteur|monitor|ecran|imprimante|printer|telephone|phone|tablette|tablet)\s*-\s*/;

const headerKey = (header: string) =>
  simplify(
    header
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim()
      .replace(ITEM_TYPE_PREFIX, ''),
  );

export function mapHeaders(headers: string[]): { header: string; field: ImportField | null }[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const key = headerKey(header);
    const field = (Object.keys(HEADER_ALIASES) as ImportField[]).find(
      (candidate) => !taken.has(candidate) && HEADER_ALIASES[candidate].includes(key),
    );
    if (field) taken.add(field);
    return { header, field: field ?? null };
  });
}

/** The device type a file's « Type » cell names: the one shared table of chassis-types.ts, and what admins added to it. */
export function mapDeviceType(value: string, added?: AddedChassisTypes): DeviceType | undefined {
  return deviceTypeOfChassis(value, added) ?? undefined;
}

/** "8", "8 Go", "8192" (MiB, as GLPI counts) → gigabytes. */
export function parseRamGb(value: string): number | undefined {
  const number = Number(value.replace(/[^\d.,]/g, '').replace(',', '.'));
  if (!Number.isFinite(number) || number <= 0) return undefined;
  return Math.round(number >= 512 ? number / 1024 : number);
}
