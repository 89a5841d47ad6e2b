import type { DeviceType } from '../api/devices/lifecycle.js';
import type { SANITIZATION_SOURCES } from '../api/sanitization/sanitization.entity.js';
import { TECHNIQUE_CATEGORY, type MediaKind, type SanitizationCategory, type SanitizationTechnique, type Verification } from '../api/sanitization/nist.js';
import type { Random } from './random.js';

/**
 * What a Département's fleet and territory look like: device models and their disks, depots, the
 * partner, social territories and their communes, how each kind of disk is wiped, residents'
 * names and the reasons people write. One catalogue for the demo (seeds/DemoSeeder.ts) and the
 * benchmark dataset (bench/data/): each draws its own mix from it.
 */

/** A disk as a model ships with it; `label` names it in the device's storage summary. */
export interface Disk {
  kind: MediaKind;
  label: string;
  model: string;
  capacityGb: number;
  serialPrefix: string;
}

const SSD_256: Disk = { kind: 'ssd', label: 'SSD', model: 'Samsung PM871b', capacityGb: 256, serialPrefix: 'S3Z' };
const SSD_512: Disk = { kind: 'ssd', label: 'SSD', model: 'SK hynix SC311', capacityGb: 512, serialPrefix: 'MI8' };
const NVME_512: Disk = { kind: 'nvme', label: 'NVMe', model: 'Samsung PM981', capacityGb: 512, serialPrefix: 'S4D' };
const HDD_500: Disk = { kind: 'hdd', label: 'HDD', model: 'WDC WD5000AAKX', capacityGb: 500, serialPrefix: 'WCC' };
const HDD_1000: Disk = { kind: 'hdd', label: 'HDD', model: 'Seagate ST1000DM010', capacityGb: 1000, serialPrefix: 'Z9A' };
const EMMC_32: Disk = { kind: 'emmc', label: 'eMMC', model: 'eMMC intégrée', capacityGb: 32, serialPrefix: 'EM' };
const UFS_128: Disk = { kind: 'emmc', label: 'UFS', model: 'UFS intégrée', capacityGb: 128, serialPrefix: 'UFS' };

export interface DeviceModel {
  type: DeviceType;
  brand: string;
  model: string;
  cpu?: string;
  ramGb?: number;
  storage?: Disk;
  /** The maker's serial numbers: this prefix, then `serialLength` characters. */
  serialPrefix: string;
  serialLength: number;
  /** The years it was sold in. */
  years: readonly [number, number];
}

export const MODELS = [
  { type: 'laptop', brand: 'Dell', model: 'Latitude 5490', cpu: 'Intel Core i5-8350U', ramGb: 8, storage: SSD_256, serialPrefix: '', serialLength: 7, years: [2018, 2020] },
  { type: 'laptop', brand: 'Dell', model: 'Latitude 5400', cpu: 'Intel Core i5-8365U', ramGb: 8, storage: SSD_256, serialPrefix: '', serialLength: 7, years: [2019, 2021] },
  { type: 'laptop', brand: 'Dell', model: 'Latitude 7400', cpu: 'Intel Core i5-8365U', ramGb: 16, storage: SSD_256, serialPrefix: '', serialLength: 7, years: [2019, 2021] },
  { type: 'laptop', brand: 'Dell', model: 'Latitude E7470', cpu: 'Intel Core i5-6300U', ramGb: 8, storage: SSD_256, serialPrefix: '', serialLength: 7, years: [2016, 2018] },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T480', cpu: 'Intel Core i5-8250U', ramGb: 8, storage: SSD_256, serialPrefix: 'PF', serialLength: 6, years: [2018, 2020] },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T490', cpu: 'Intel Core i5-8265U', ramGb: 16, storage: NVME_512, serialPrefix: 'PF', serialLength: 6, years: [2019, 2021] },
  { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad L480', cpu: 'Intel Core i3-8130U', ramGb: 8, storage: SSD_256, serialPrefix: 'PF', serialLength: 6, years: [2018, 2020] },
  { type: 'laptop', brand: 'HP', model: 'ProBook 640 G4', cpu: 'Intel Core i5-8250U', ramGb: 8, storage: SSD_256, serialPrefix: '5CG', serialLength: 7, years: [2018, 2020] },
  { type: 'laptop', brand: 'HP', model: 'EliteBook 840 G5', cpu: 'Intel Core i5-8350U', ramGb: 16, storage: NVME_512, serialPrefix: '5CG', serialLength: 7, years: [2018, 2021] },
  { type: 'laptop', brand: 'HP', model: 'EliteBook 830 G6', cpu: 'Intel Core i5-8265U', ramGb: 8, storage: SSD_512, serialPrefix: '5CG', serialLength: 7, years: [2019, 2021] },
  { type: 'laptop', brand: 'Fujitsu', model: 'Lifebook E548', cpu: 'Intel Core i5-7200U', ramGb: 8, storage: SSD_256, serialPrefix: 'DSAE', serialLength: 6, years: [2017, 2019] },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 7050', cpu: 'Intel Core i5-7500', ramGb: 8, storage: HDD_500, serialPrefix: '', serialLength: 7, years: [2017, 2019] },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 3060', cpu: 'Intel Core i3-8100', ramGb: 8, storage: SSD_256, serialPrefix: '', serialLength: 7, years: [2018, 2020] },
  { type: 'desktop', brand: 'Dell', model: 'OptiPlex 9020', cpu: 'Intel Core i5-4590', ramGb: 8, storage: HDD_500, serialPrefix: '', serialLength: 7, years: [2014, 2016] },
  { type: 'desktop', brand: 'HP', model: 'ProDesk 600 G3 SFF', cpu: 'Intel Core i5-6500', ramGb: 8, storage: HDD_500, serialPrefix: 'CZC', serialLength: 7, years: [2017, 2019] },
  { type: 'desktop', brand: 'HP', model: 'EliteDesk 800 G4', cpu: 'Intel Core i5-8500', ramGb: 16, storage: HDD_1000, serialPrefix: 'CZC', serialLength: 7, years: [2018, 2020] },
  { type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M710s', cpu: 'Intel Core i3-7100', ramGb: 4, storage: HDD_500, serialPrefix: 'MJ', serialLength: 6, years: [2017, 2019] },
  { type: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M720q', cpu: 'Intel Core i5-8400T', ramGb: 8, storage: SSD_256, serialPrefix: 'MJ', serialLength: 6, years: [2018, 2020] },
  { type: 'monitor', brand: 'Dell', model: 'P2419H', serialPrefix: 'CN-', serialLength: 10, years: [2018, 2021] },
  { type: 'monitor', brand: 'Dell', model: 'P2217', serialPrefix: 'CN-', serialLength: 10, years: [2016, 2018] },
  { type: 'monitor', brand: 'HP', model: 'EliteDisplay E243', serialPrefix: 'CNC', serialLength: 7, years: [2017, 2020] },
  { type: 'monitor', brand: 'Iiyama', model: 'ProLite XU2492HSU', serialPrefix: '11', serialLength: 10, years: [2018, 2021] },
  { type: 'tablet', brand: 'Samsung', model: 'Galaxy Tab A 10.1', ramGb: 2, storage: EMMC_32, serialPrefix: 'R52', serialLength: 8, years: [2019, 2021] },
  { type: 'tablet', brand: 'Apple', model: 'iPad 7', ramGb: 3, storage: EMMC_32, serialPrefix: 'DMP', serialLength: 9, years: [2019, 2021] },
  { type: 'smartphone', brand: 'Samsung', model: 'Galaxy A52', ramGb: 4, storage: UFS_128, serialPrefix: 'R58', serialLength: 8, years: [2021, 2022] },
  { type: 'smartphone', brand: 'Samsung', model: 'Galaxy A40', ramGb: 4, storage: UFS_128, serialPrefix: 'R58', serialLength: 8, years: [2019, 2020] },
  { type: 'smartphone', brand: 'Apple', model: 'iPhone SE (2020)', ramGb: 3, storage: UFS_128, serialPrefix: 'F', serialLength: 11, years: [2020, 2022] },
  { type: 'printer', brand: 'HP', model: 'LaserJet Pro M404dn', serialPrefix: 'PHB', serialLength: 7, years: [2018, 2021] },
  { type: 'printer', brand: 'Brother', model: 'HL-L5100DN', serialPrefix: 'E7', serialLength: 8, years: [2017, 2020] },
  { type: 'other', brand: 'Cisco', model: 'IP Phone 7821', serialPrefix: 'FCH', serialLength: 8, years: [2015, 2018] },
] as const satisfies readonly DeviceModel[];

export type ModelName = (typeof MODELS)[number]['model'];

export function modelNamed(name: ModelName): DeviceModel {
  return MODELS.find((model) => model.model === name)!;
}

/** « SSD 256 Go », as the device's storage summary reads. */
export const storageSummary = (disk: Disk) => `${disk.label} ${disk.capacityGb} Go`;

export const drawSerialNumber = (model: DeviceModel, random: Random) => `${model.serialPrefix}${random.code(model.serialLength)}`;

export const drawDiskSerialNumber = (disk: Disk, random: Random) => `${disk.serialPrefix}${random.code(10)}`;

/** Where devices are registered, wiped and batched: the Département's depots, the central one first. */
export const DEPOTS = ['Dépôt DSI — Lille', 'Antenne de Valenciennes', 'Antenne de Dunkerque', 'Antenne de Douai', 'Antenne de Maubeuge'];

/** The reuse partner: it picks the batches up, refurbishes, recycles and allocates. */
export const PARTNER = 'Emmaüs Connect';

/** The partner's solidarity prices, in euros, capped by its agreements: €60–150 for a computer, under €100 for a smartphone (SPEC.md). */
export const PARTNER_PRICE_CAPS: Record<DeviceType, number> = { laptop: 150, desktop: 120, tablet: 90, smartphone: 90, monitor: 30, printer: 30, other: 30 };

export type Commune = readonly [postcode: string, commune: string];

const COMMUNES = {
  'UTPAS Roubaix': [['59100', 'Roubaix'], ['59100', 'Roubaix'], ['59170', 'Croix'], ['59390', 'Lys-lez-Lannoy'], ['59150', 'Wattrelos'], ['59510', 'Hem']],
  'UTPAS Tourcoing': [['59200', 'Tourcoing']],
  'UTPAS Lille': [['59000', 'Lille'], ['59800', 'Lille'], ['59260', 'Lille'], ['59160', 'Lomme'], ['59130', 'Lambersart']],
  'UTPAS Lille Sud': [['59000', 'Lille']],
  'UTPAS Villeneuve-d’Ascq': [['59650', 'Villeneuve-d’Ascq']],
  'UTPAS Armentières': [['59280', 'Armentières']],
  'UTPAS Dunkerque': [['59140', 'Dunkerque'], ['59240', 'Dunkerque'], ['59760', 'Grande-Synthe'], ['59210', 'Coudekerque-Branche']],
  'UTPAS Valenciennes': [['59300', 'Valenciennes'], ['59300', 'Valenciennes'], ['59410', 'Anzin'], ['59770', 'Marly'], ['59880', 'Saint-Saulve']],
  'UTPAS Denain': [['59220', 'Denain']],
  'UTPAS Douai': [['59500', 'Douai']],
  'UTPAS Cambrai': [['59400', 'Cambrai'], ['59540', 'Caudry'], ['59360', 'Le Cateau-Cambrésis']],
  'UTPAS Maubeuge': [['59600', 'Maubeuge']],
  'UTPAS Avesnes-sur-Helpe': [['59440', 'Avesnes-sur-Helpe']],
  'UTPAS Hazebrouck': [['59190', 'Hazebrouck']],
  'MDIE Lille': [['59000', 'Lille']],
  'France Services Fourmies': [['59610', 'Fourmies']],
} as const satisfies Record<string, readonly Commune[]>;

export type TerritoryName = keyof typeof COMMUNES;

/**
 * The social territories (UTPAS, MDIE, France Services) and the communes their residents live in,
 * the territory's seat first; a commune listed twice is home to more of them.
 */
export const TERRITORY_COMMUNES: Record<TerritoryName, readonly Commune[]> = COMMUNES;

/** How the wiping station wipes each kind of disk, as its records say, and about how many minutes it takes. */
export interface WipeMethod {
  technique: SanitizationTechnique;
  category: SanitizationCategory;
  tool: string;
  version: string | null;
  passes: number | null;
  verification: Verification;
  source: (typeof SANITIZATION_SOURCES)[number];
  minutes: number;
}

/** Overwritten by nwipe, recorded from its log. */
const nwipe = (technique: SanitizationTechnique, passes: number, minutes: number): WipeMethod => ({
  technique, category: TECHNIQUE_CATEGORY[technique], tool: 'nwipe', version: '0.35', passes, verification: 'last_pass', source: 'nwipe_log', minutes,
});

/** Purged or destroyed by another tool, recorded by hand. */
const byHand = (technique: SanitizationTechnique, tool: string, version: string | null, minutes: number): WipeMethod => ({
  technique, category: TECHNIQUE_CATEGORY[technique], tool, version, passes: null, verification: 'none', source: 'manual', minutes,
});

export const WIPE_METHODS: Record<MediaKind, WipeMethod> = {
  ssd: nwipe('overwrite_prng', 1, 40),
  hdd: nwipe('overwrite_dod_short', 3, 190),
  nvme: byHand('nvme_sanitize', 'nvme-cli', '2.4', 3),
  emmc: byHand('crypto_erase', 'Réinitialisation usine chiffrée', null, 10),
  other: byHand('shred', 'Broyeur', null, 5),
};

/** The errors of a failed wipe, worded as the nwipe log import words them. */
export const WIPE_ERRORS = ["1 247 erreurs d'écriture (pass errors) : secteurs illisibles", '12 erreurs de vérification (verify errors)'];

export const RECYCLING_REASONS = ['Carte mère hors service', 'Écran cassé, réparation trop coûteuse', 'Batterie gonflée', 'Charnière cassée', 'Trop ancien pour un usage bureautique'];

export const WITHDRAWAL_REASONS = ['Réaffecté à un service du Département', 'Appareil déclaré volé', 'Pièce à conviction conservée par le service juridique', 'Restitué au loueur'];

export const FIRST_NAMES = ['Nadia', 'Karim', 'Sophie', 'Mohamed', 'Julie', 'Thierry', 'Fatima', 'Kevin', 'Aurélie', 'Sylvie', 'Mehdi', 'Céline', 'Jean-Pierre', 'Amina', 'David', 'Laetitia', 'Rachid', 'Sandrine', 'Yasmine', 'Bruno', 'Ludovic', 'Samira', 'Grégory', 'Nathalie', 'Youssef', 'Christelle', 'Dylan', 'Océane', 'Hakim', 'Martine'];

export const LAST_NAMES = ['Benali', 'Lefebvre', 'Dubois', 'Martin', 'Leroy', 'Bouzid', 'Dupont', 'Lemaire', 'Haddad', 'Delattre', 'Vandenberghe', 'Moreau', 'Carpentier', 'Diallo', 'Lecomte', 'Petit', 'Boulanger', 'Mahieu', 'Dufour', 'Nowak', 'Dewailly', 'Kaczmarek', 'Vermeersch', 'Hennebelle', 'Ouali', 'Lemoine', 'Descamps', 'Wauquier', 'Bernard', 'Ben Amor'];
