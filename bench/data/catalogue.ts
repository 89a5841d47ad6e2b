import type { DeviceStatus, DeviceType } from '../../api/devices/lifecycle.js';
import type { MediaKind, SanitizationCategory, SanitizationTechnique } from '../../api/sanitization/nist.js';

/** The fixed vocabulary of the benchmark dataset: what a Département's fleet looks like at scale. */

export interface ModelEntry {
  type: DeviceType;
  brand: string;
  model: string;
  weight: number;
  cpu?: string;
  ramGb?: number;
  storage?: { kind: MediaKind; model: string; capacityGb: number; prefix: string };
  serialPrefix: string;
  serialLength: number;
  years: [number, number];
}

const ssd256 = { kind: 'ssd' as const, model: 'Samsung PM871b', capacityGb: 256, prefix: 'S3Z' };
const ssd512 = { kind: 'ssd' as const, model: 'SK hynix SC311', capacityGb: 512, prefix: 'MI8' };
const nvme512 = { kind: 'nvme' as const, model: 'Samsung PM981', capacityGb: 512, prefix: 'S4D' };
const hdd500 = { kind: 'hdd' as const, model: 'WDC WD5000AAKX', capacityGb: 500, prefix: 'WCC' };
const hdd1000 = { kind: 'hdd' as const, model: 'Seagate ST1000DM010', capacityGb: 1000, prefix: 'Z9A' };
const emmc32 = { kind: 'emmc' as const, model: 'eMMC intégrée', capacityGb: 32, prefix: 'EM' };
const ufs128 = { kind: 'emmc' as const, model: 'UFS intégrée', capacityGb: 128, prefix: 'UFS' };

export const MODELS: ModelEntry[] = [
  { type: 'laptop', brand: 'Dell', model: 'Latitude 5490', weight: 9, cpu: 'Intel Core i5-8350U', ramGb: 8, storage: ssd256, serialPrefix: '', serialLength: 7, years: [2018, 2020] },
  { type: 'laptop', brand: 'Dell', model: 'Latitude 5400', weight: 6, cpu: 'Intel Core i5-8365U', ramGb: 8, storage: ssd256, serialPrefix: '', serialLength: 7, years: [2019, 2021] },
  { type: 'laptop', brand: 'Dell', model: 'Latitude 7400', weight: 4, cpu: 'Intel Core i5-8365U', ramGb: 16, storage: nvme512, serialPrefix: '', serialLength: 7, years: [2019, 2021] },
  { type: 'laptop', brand: 'Dell', model: 'Latitude E7470', weight: 3, cpu: 'Intel Core i5-6300U', ramGb: 8, storage: ssd256, serialPrefix: '', serialLength: 7, years: [2016, 2018] },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T480', weight: 6, cpu: 'Intel Core i5-8250U', ramGb: 8, storage: ssd256, serialPrefix: 'PF', serialLength: 6, years: [2018, 2020] },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T490', weight: 4, cpu: 'Intel Core i5-8265U', ramGb: 16, storage: nvme512, serialPrefix: 'PF', serialLength: 6, years: [2019, 2021] },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad L480', weight: 3, cpu: 'Intel Core i3-8130U', ramGb: 8, storage: ssd256, serialPrefix: 'PF', serialLength: 6, years: [2018, 2020] },
  { type: 'laptop', brand: 'HP', model: 'ProBook 640 G4', weight: 5, cpu: 'Intel Core i5-8250U', ramGb: 8, storage: ssd256, serialPrefix: '5CG', serialLength: 7, years: [2018, 2020] },
  { type: 'laptop', brand: 'HP', model: 'EliteBook 840 G5', weight: 5, cpu: 'Intel Core i5-8350U', ramGb: 16, storage: nvme512, serialPrefix: '5CG', serialLength: 7, years: [2018, 2021] },
  { type: 'laptop', brand: 'HP', model: 'EliteBook 830 G6', weight: 2, cpu: 'Intel Core i5-8265U', ramGb: 8, storage: ssd512, serialPrefix: '5CG', serialLength: 7, years: [2019, 2021] },
  { type: 'laptop', brand: 'Fujitsu', model: 'Lifebook E548', weight: 2, cpu: 'Intel Core i5-7200U', ramGb: 8, storage: ssd256, serialPrefix: 'DSAE', serialLength: 6, years: [2017, 2019] },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 7050', weight: 6, cpu: 'Intel Core i5-7500', ramGb: 8, storage: hdd500, serialPrefix: '', serialLength: 7, years: [2017, 2019] },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 3060', weight: 4, cpu: 'Intel Core i3-8100', ramGb: 8, storage: ssd256, serialPrefix: '', serialLength: 7, years: [2018, 2020] },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 9020', weight: 2, cpu: 'Intel Core i5-4590', ramGb: 8, storage: hdd500, serialPrefix: '', serialLength: 7, years: [2014, 2016] },
  { type: 'desktop', brand: 'HP', model: 'ProDesk 600 G3 SFF', weight: 5, cpu: 'Intel Core i5-6500', ramGb: 8, storage: hdd500, serialPrefix: 'CZC', serialLength: 7, years: [2017, 2019] },
  { type: 'desktop', brand: 'HP', model: 'EliteDesk 800 G4', weight: 3, cpu: 'Intel Core i5-8500', ramGb: 16, storage: hdd1000, serialPrefix: 'CZC', serialLength: 7, years: [2018, 2020] },
  { type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M710s', weight: 4, cpu: 'Intel Core i3-7100', ramGb: 4, storage: hdd500, serialPrefix: 'MJ', serialLength: 6, years: [2017, 2019] },
  { type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M720q', weight: 2, cpu: 'Intel Core i5-8400T', ramGb: 8, storage: ssd256, serialPrefix: 'MJ', serialLength: 6, years: [2018, 2020] },
  { type: 'monitor', brand: 'Dell', model: 'P2419H', weight: 6, serialPrefix: 'CN-', serialLength: 10, years: [2018, 2021] },
  { type: 'monitor', brand: 'Dell', model: 'P2217', weight: 3, serialPrefix: 'CN-', serialLength: 10, years: [2016, 2018] },
  { type: 'monitor', brand: 'HP', model: 'EliteDisplay E243', weight: 4, serialPrefix: 'CNC', serialLength: 7, years: [2017, 2020] },
  { type: 'monitor', brand: 'Iiyama', model: 'ProLite XU2492HSU', weight: 2, serialPrefix: '11', serialLength: 10, years: [2018, 2021] },
  { type: 'tablet', brand: 'Samsung', model: 'Galaxy Tab A 10.1', weight: 3, ramGb: 2, storage: emmc32, serialPrefix: 'R52', serialLength: 8, years: [2019, 2021] },
  { type: 'tablet', brand: 'Apple', model: 'iPad 7', weight: 2, ramGb: 3, storage: emmc32, serialPrefix: 'DMP', serialLength: 9, years: [2019, 2021] },
  { type: 'smartphone', brand: 'Samsung', model: 'Galaxy A52', weight: 3, ramGb: 4, storage: ufs128, serialPrefix: 'R58', serialLength: 8, years: [2021, 2022] },
  { type: 'smartphone', brand: 'Samsung', model: 'Galaxy A40', weight: 2, ramGb: 4, storage: ufs128, serialPrefix: 'R58', serialLength: 8, years: [2019, 2020] },
  { type: 'smartphone', brand: 'Apple', model: 'iPhone SE (2020)', weight: 1, ramGb: 3, storage: ufs128, serialPrefix: 'F', serialLength: 11, years: [2020, 2022] },
  { type: 'printer', brand: 'HP', model: 'LaserJet Pro M404dn', weight: 3, serialPrefix: 'PHB', serialLength: 7, years: [2018, 2021] },
  { type: 'printer', brand: 'Brother', model: 'HL-L5100DN', weight: 1, serialPrefix: 'E7', serialLength: 8, years: [2017, 2020] },
  { type: 'other', brand: 'Cisco', model: 'IP Phone 7821', weight: 1, serialPrefix: 'FCH', serialLength: 8, years: [2015, 2018] },
];

/** Where devices are wiped and batched: the Département's depots. */
export const DEPOTS = ['Dépôt DSI — Lille', 'Antenne de Valenciennes', 'Antenne de Dunkerque', 'Antenne de Douai', 'Antenne de Maubeuge'];

/** Where devices are collected before they reach a depot (registered there, then moved). */
export const COLLECTION_SITES = [
  'Hôtel du Département — Lille',
  'UTPAS Roubaix',
  'UTPAS Tourcoing',
  'Direction de l’enfance — Lille',
  'Collège Jean Macé — Lille',
  'Collège Albert Camus — Valenciennes',
  'Maison du Département — Cambrai',
  'Maison du Département — Avesnes-sur-Helpe',
  'Archives départementales — Lille',
  'Centre routier — Hazebrouck',
];

export const PARTNER = 'Emmaüs Connect';

/** Territories of the social workers who refer residents, with a commune of each. */
export const TERRITORIES: { name: string; weight: number; postcode: string; commune: string }[] = [
  { name: 'UTPAS Roubaix', weight: 8, postcode: '59100', commune: 'Roubaix' },
  { name: 'UTPAS Tourcoing', weight: 6, postcode: '59200', commune: 'Tourcoing' },
  { name: 'UTPAS Lille Centre', weight: 7, postcode: '59000', commune: 'Lille' },
  { name: 'UTPAS Lille Sud', weight: 6, postcode: '59000', commune: 'Lille' },
  { name: 'UTPAS Villeneuve-d’Ascq', weight: 3, postcode: '59650', commune: 'Villeneuve-d’Ascq' },
  { name: 'UTPAS Armentières', weight: 3, postcode: '59280', commune: 'Armentières' },
  { name: 'UTPAS Dunkerque', weight: 5, postcode: '59140', commune: 'Dunkerque' },
  { name: 'UTPAS Valenciennes', weight: 5, postcode: '59300', commune: 'Valenciennes' },
  { name: 'UTPAS Denain', weight: 4, postcode: '59220', commune: 'Denain' },
  { name: 'UTPAS Douai', weight: 4, postcode: '59500', commune: 'Douai' },
  { name: 'UTPAS Cambrai', weight: 3, postcode: '59400', commune: 'Cambrai' },
  { name: 'UTPAS Maubeuge', weight: 4, postcode: '59600', commune: 'Maubeuge' },
  { name: 'UTPAS Avesnes-sur-Helpe', weight: 2, postcode: '59440', commune: 'Avesnes-sur-Helpe' },
  { name: 'UTPAS Hazebrouck', weight: 2, postcode: '59190', commune: 'Hazebrouck' },
  { name: 'MDIE Lille', weight: 2, postcode: '59000', commune: 'Lille' },
  { name: 'France Services Fourmies', weight: 1, postcode: '59610', commune: 'Fourmies' },
];

/**
 * Share of the devices in each state at the end of the dataset. A large partner backlog
 * (handed_over) is realistic and gives the transition benchmark distinct devices to work on.
 */
export const STATUS_SHARES: [DeviceStatus, number][] = [
  ['registered', 7],
  ['quarantined', 1],
  ['sanitized', 6],
  ['in_batch', 3],
  ['handed_over', 22],
  ['refurbished', 25],
  ['recycled', 19],
  ['allocated', 14],
  ['withdrawn', 3],
];

export const WIPE: Record<MediaKind, { technique: SanitizationTechnique; category: SanitizationCategory; tool: string; version: string | null; passes: number | null; minutes: number }> = {
  ssd: { technique: 'overwrite_prng', category: 'clear', tool: 'nwipe', version: '0.35', passes: 1, minutes: 40 },
  hdd: { technique: 'overwrite_dod_short', category: 'clear', tool: 'nwipe', version: '0.35', passes: 3, minutes: 190 },
  nvme: { technique: 'nvme_sanitize', category: 'purge', tool: 'nvme-cli', version: '2.4', passes: null, minutes: 3 },
  emmc: { technique: 'crypto_erase', category: 'purge', tool: 'Réinitialisation usine chiffrée', version: null, passes: null, minutes: 10 },
  other: { technique: 'shred', category: 'destroy', tool: 'Broyeur', version: null, passes: null, minutes: 5 },
};

export const REASONS = {
  wipeFailure: ['Pass errors: 1247 (secteurs illisibles)', 'Verify errors: 12', 'Disque non détecté par nwipe'],
  recycled: ['Carte mère hors service', 'Écran cassé, réparation trop coûteuse', 'Batterie gonflée', 'Charnière cassée', 'Trop ancien pour un usage bureautique'],
  withdrawn: ['Réaffecté à un service du Département', 'Appareil déclaré volé', 'Pièce à conviction conservée par le service juridique', 'Restitué au loueur'],
  moved: ['Regroupement au dépôt pour effacement', 'Navette hebdomadaire'],
};

export const FIRST_NAMES = ['Nadia', 'Karim', 'Sophie', 'Mohamed', 'Julie', 'Thierry', 'Fatima', 'Kevin', 'Aurélie', 'Sylvie', 'Mehdi', 'Céline', 'Jean-Pierre', 'Amina', 'David', 'Laetitia', 'Rachid', 'Sandrine', 'Yasmine', 'Bruno', 'Ludovic', 'Samira', 'Grégory', 'Nathalie', 'Youssef', 'Christelle', 'Dylan', 'Océane', 'Hakim', 'Martine'];
export const LAST_NAMES = ['Benali', 'Lefebvre', 'Dubois', 'Martin', 'Leroy', 'Bouzid', 'Dupont', 'Lemaire', 'Haddad', 'Delattre', 'Vandenberghe', 'Moreau', 'Carpentier', 'Diallo', 'Lecomte', 'Petit', 'Boulanger', 'Mahieu', 'Dufour', 'Nowak', 'Dewailly', 'Kaczmarek', 'Vermeersch', 'Hennebelle', 'Ouali', 'Lemoine', 'Descamps', 'Wauquier', 'Bernard', 'Ben Amor'];
