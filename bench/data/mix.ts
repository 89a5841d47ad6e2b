import type { DeviceStatus } from '../../api/devices/lifecycle.js';
import { MODELS, TERRITORY_COMMUNES, type DeviceModel, type ModelName, type TerritoryName } from '../../seeds/catalogue.js';

/**
 * The benchmark's mix, drawn from the shared catalogue (seeds/catalogue.ts): a Département's
 * fleet at scale, what it is made of and where it goes. Only the benchmark uses what is here.
 */

export type WeightedModel = DeviceModel & { weight: number };

/** Every model of the catalogue, by its share of the fleet. */
const MODEL_WEIGHTS: Record<ModelName, number> = {
  'Latitude 5490': 9,
  'Latitude 5400': 6,
  'Latitude 7400': 4,
  'Latitude E7470': 3,
  'ThinkPad T480': 6,
  'ThinkPad T490': 4,
  'ThinkPad L480': 3,
  'ProBook 640 G4': 5,
  'EliteBook 840 G5': 5,
  'EliteBook 830 G6': 2,
  'Lifebook E548': 2,
  'OptiPlex 7050': 6,
  'OptiPlex 3060': 4,
  'OptiPlex 9020': 2,
  'ProDesk 600 G3 SFF': 5,
  'EliteDesk 800 G4': 3,
  'ThinkCentre M710s': 4,
  'ThinkCentre M720q': 2,
  P2419H: 6,
  P2217: 3,
  'EliteDisplay E243': 4,
  'ProLite XU2492HSU': 2,
  'Galaxy Tab A 10.1': 3,
  'iPad 7': 2,
  'Galaxy A52': 3,
  'Galaxy A40': 2,
  'iPhone SE (2020)': 1,
  'LaserJet Pro M404dn': 3,
  'HL-L5100DN': 1,
  'IP Phone 7821': 1,
};

export const BENCH_MODELS: WeightedModel[] = MODELS.map((model) => ({ ...model, weight: MODEL_WEIGHTS[model.model] }));

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

export const MOVE_REASONS = ['Regroupement au dépôt pour effacement', 'Navette hebdomadaire'];

/** Every territory of the catalogue, by its share of the referrals (in this order: the first one's social worker signs in). */
const TERRITORY_WEIGHTS: [TerritoryName, number][] = [
  ['UTPAS Roubaix', 8],
  ['UTPAS Tourcoing', 6],
  ['UTPAS Lille', 7],
  ['UTPAS Lille Sud', 6],
  ['UTPAS Villeneuve-d’Ascq', 3],
  ['UTPAS Armentières', 3],
  ['UTPAS Dunkerque', 5],
  ['UTPAS Valenciennes', 5],
  ['UTPAS Denain', 4],
  ['UTPAS Douai', 4],
  ['UTPAS Cambrai', 3],
  ['UTPAS Maubeuge', 4],
  ['UTPAS Avesnes-sur-Helpe', 2],
  ['UTPAS Hazebrouck', 2],
  ['MDIE Lille', 2],
  ['France Services Fourmies', 1],
];

/** The territories, each with the commune of its seat, where the benchmark's residents live. */
export const TERRITORIES = TERRITORY_WEIGHTS.map(([name, weight]) => {
  const [postcode, commune] = TERRITORY_COMMUNES[name][0];
  return { name, weight, postcode, commune };
});

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
