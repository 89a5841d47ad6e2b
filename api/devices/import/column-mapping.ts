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

/** Column headers we recognise: GLPI's French computer export, our own export, and common English names. */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  serialNumber: ['numerodeserie', 'numeroserie', 'serialnumber', 'serial', 'sn', 'nserie', 'ndeserie'],
  hostname: ['nom', 'name', 'hostname', 'nomdelamachine'],
  brand: ['fabricant', 'marque', 'brand', 'manufacturer', 'constructeur'],
  model: ['modele', 'model'],
  type: ['type', 'typedappareil', 'devicetype', 'categorie'],
  originSite: ['lieu', 'site', 'location', 'originsite', 'sitedorigine'],
  inventoryNumber: ['numerodinventaire', 'numeroinventaire', 'inventorynumber', 'inventaire', 'otherserial', 'ndinventaire'],
  cpu: ['processeur', 'cpu', 'processor', 'composantsprocesseur'],
  ramGb: ['memoire', 'ram', 'ramgb', 'memoirego', 'memoiregb', 'memoiremio', 'composantsmemoire'],
  year: ['annee', 'year', 'anneedachat', 'anneedemiseenservice'],
  notes: ['commentaires', 'commentaire', 'notes', 'remarques'],
};

export function mapHeaders(headers: string[]): { header: string; field: ImportField | null }[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const key = simplify(header);
    const field = (Object.keys(HEADER_ALIASES) as ImportField[]).find(
      (candidate) => !taken.has(candidate) && HEADER_ALIASES[candidate].includes(key),
    );
    if (field) taken.add(field);
    return { header, field: field ?? null };
  });
}

const TYPE_ALIASES: Record<DeviceType, string[]> = {
  laptop: ['laptop', 'portable', 'ordinateurportable', 'pcportable', 'notebook', 'ultraportable'],
  desktop: ['desktop', 'unitecentrale', 'postefixe', 'pcfixe', 'tour', 'ordinateurdebureau', 'fixe', 'minipc', 'toutenun', 'allinone', 'stationdetravail', 'uc'],
  monitor: ['monitor', 'ecran', 'moniteur'],
  tablet: ['tablet', 'tablette'],
  smartphone: ['smartphone', 'telephone', 'mobile', 'telephoneportable', 'telephonemobile'],
  printer: ['printer', 'imprimante'],
  other: ['other', 'autre', 'divers'],
};

export function mapDeviceType(value: string): DeviceType | undefined {
  const key = simplify(value);
  return (Object.keys(TYPE_ALIASES) as DeviceType[]).find((type) => TYPE_ALIASES[type].includes(key));
}

/** "8", "8 Go", "8192" (MiB, as GLPI counts) → gigabytes. */
export function parseRamGb(value: string): number | undefined {
  const number = Number(value.replace(/[^\d.,]/g, '').replace(',', '.'));
  if (!Number.isFinite(number) || number <= 0) return undefined;
  return Math.round(number >= 512 ? number / 1024 : number);
}
