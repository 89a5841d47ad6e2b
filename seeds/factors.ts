import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeviceType } from '../api/devices/lifecycle.js';
import { Factor } from '../api/factors/factor.entity.js';
import type { FactorValues } from '../api/reports/factor-values.js';
import { citation, DEMO_VALUE, PUBLISHED_SOURCES } from '../api/factors/source-catalogue.js';

/**
 * Reference factors per device type, from published figures only, each citing its document
 * (the catalogue in api/factors/source-catalogue.ts: title, publisher, year, public address).
 * Where no published figure was found the value is left empty with the source "à renseigner par le
 * Département": an admin fills it in (`PUT /api/factors/:id`), and the report says which figure is
 * missing. How each figure was read (files, tables, versions) is in docs/methodology.md.
 */

const { ademeArcep2022, impactCo2, ademeRefurbished2022, gfkLaptops2021, gfkSmartphones2020 } = PUBLISHED_SOURCES;

/** ADEME–Arcep, January 2022, as ADEME publishes its values in Impact CO2 (manufacturing stage). */
const ADEME_ARCEP_2022 = `${citation(ademeArcep2022)} ; valeur publiée par l’ADEME dans ${citation(impactCo2)}`;

/** ADEME 2022 study on refurbished products, figures per year of use as ADEME communicated them. */
const ADEME_RECONDITIONNES_2022 = citation(ademeRefurbished2022);

const TO_FILL = 'à renseigner par le Département';
const NOT_FOUND = (what: string) => `${TO_FILL} (${what} : aucune valeur publiée trouvée)`;

/** The version of the seeded factors; rows still at an earlier version and never edited are brought up to date. */
export const FACTOR_SEED_VERSION = 'ADEME–Arcep 2022 ; ADEME reconditionnés 2022 ; prix GfK 2020–2021';
const EARLIER_SEED_VERSIONS = ['ADEME–Arcep 2022 (Impact CO2) ; ADEME reconditionnés 2022'];

/** A factor row as seeded: the stored values without their edit time. */
export type FactorSeed = Omit<FactorValues, 'updatedAt'>;

const MASS = NOT_FOUND('masse moyenne par type dans les sources publiques consultées ; peser un échantillon ou reprendre les fiches des constructeurs');
const PRICE = NOT_FOUND('prix de référence d’un appareil neuf équivalent ; par exemple le prix moyen payé dans le dernier marché public du Département');
const SECOND_LIFE = `${TO_FILL} (durée de seconde vie attendue, en années ; l’étude ADEME 2022 recommande de la faire durer le plus longtemps possible)`;

/** New-device prices found in a published source: the average price of a new device sold in France. */
const PRICES: Partial<Record<DeviceType, { value: number; source: string }>> = {
  laptop: { value: 700, source: `${citation(gfkLaptops2021)} — « 2,92 millions d’ordinateurs portables ont été écoulés en France en 2021, avec un prix moyen autour de 700 € »` },
  smartphone: { value: 423, source: `${citation(gfkSmartphones2020)} — prix moyen de vente d’un smartphone en France en 2020 : 423 €` },
};

function factor(deviceType: DeviceType, manufacturing: { value: number | null; detail: string }, avoided: { value: number | null; detail: string }): FactorSeed {
  return {
    deviceType,
    massKg: null,
    massSource: MASS,
    manufacturingKgco2e: manufacturing.value,
    manufacturingSource: manufacturing.value === null ? NOT_FOUND(manufacturing.detail) : `${ADEME_ARCEP_2022} — ${manufacturing.detail}`,
    // the manufacturing footprint is known for every type the ADEME–Arcep study covers; the
    // per-year figure needs a second-life duration the Département has to choose
    avoidedMethod: 'manufacturing',
    avoidedKgco2ePerYear: avoided.value,
    avoidedSource: avoided.value === null ? NOT_FOUND(avoided.detail) : `${ADEME_RECONDITIONNES_2022} — ${avoided.detail}`,
    secondLifeYears: null,
    secondLifeSource: SECOND_LIFE,
    referenceNewPriceEur: PRICES[deviceType]?.value ?? null,
    priceSource: PRICES[deviceType]?.source ?? PRICE,
    version: FACTOR_SEED_VERSION,
    publishedOn: '2022-01-19',
  };
}

export const FACTOR_SEEDS: FactorSeed[] = [
  factor(
    'laptop',
    { value: 170.3, detail: 'appareil « Ordinateur portable » : 170,3 kg CO2e pour la fabrication ; 12,3 kg CO2e d’assemblage et de distribution non comptés' },
    { value: 27, detail: '« l’achat d’un ordinateur portable reconditionné à la place d’un ordinateur portable neuf permet d’éviter l’émission de 27 kgeqCO2 par an » (communication ADEME du 9 septembre 2022, reprise par alliancy.fr)' },
  ),
  factor(
    'desktop',
    { value: 202.6, detail: 'appareil « Ordinateur fixe » (sans écran, usage professionnel) : 202,6 kg CO2e pour la fabrication ; 1,8 kg CO2e d’assemblage et de distribution non comptés' },
    { value: null, detail: 'impact évité par an pour un ordinateur fixe (l’étude donne 43 à 97 % d’impact annuel évité, pas de valeur en kg CO2e trouvée)' },
  ),
  factor(
    'monitor',
    { value: 64.6, detail: 'appareil « Écran » (écran d’ordinateur, 24 pouces en moyenne) : 64,6 kg CO2e pour la fabrication ; 1,3 kg CO2e d’assemblage et de distribution non comptés' },
    { value: null, detail: 'impact évité par an pour un écran (hors périmètre de l’étude ADEME reconditionnés 2022)' },
  ),
  factor(
    'tablet',
    { value: 56.3, detail: 'appareil « Tablette » : 56,3 kg CO2e pour la fabrication ; 3,4 kg CO2e d’assemblage et de distribution non comptés' },
    { value: null, detail: 'impact évité par an pour une tablette (l’étude donne 46 à 80 % d’impact annuel évité, pas de valeur en kg CO2e trouvée)' },
  ),
  factor(
    'smartphone',
    { value: 83, detail: 'appareil « Smartphone » : 83 kg CO2e pour la fabrication ; 2,1 kg CO2e d’assemblage et de distribution non comptés' },
    { value: 24.6, detail: '« un téléphone mobile reconditionné permet de prévenir […] l’émission de 24,6 kg de CO2eq par année d’utilisation » (communication ADEME du 9 septembre 2022, reprise par reporterre.net et alliancy.fr)' },
  ),
  factor(
    'printer',
    { value: null, detail: 'empreinte de fabrication d’une imprimante (absente des valeurs publiées dans Impact CO2)' },
    { value: null, detail: 'impact évité par an pour une imprimante (hors périmètre de l’étude ADEME reconditionnés 2022)' },
  ),
  factor(
    'other',
    { value: null, detail: 'type « autre » : pas de facteur générique' },
    { value: null, detail: 'type « autre » : pas de facteur générique' },
  ),
];

/**
 * Inserts the factors of the types that have none yet, and brings up to date the rows still at an
 * earlier seeded version that no admin has edited; never overwrites an admin's edits.
 */
export async function seedFactors(em: EntityManager): Promise<number> {
  const existing = new Map((await em.find(Factor, {})).map((row) => [row.deviceType, row]));
  let created = 0;
  for (const seed of FACTOR_SEEDS) {
    const row = existing.get(seed.deviceType);
    if (!row) {
      em.create(Factor, { ...seed, updatedBy: null });
      created++;
    } else if (!row.updatedBy && EARLIER_SEED_VERSIONS.includes(row.version)) {
      em.assign(row, { ...seed, updatedAt: new Date() });
    }
  }
  await em.flush();
  return created;
}

/**
 * Demo mode only: masses and new prices no published source gives, so that the demo's dashboard,
 * workbook and manifests show figures. Each source opens with « Valeur de démonstration » (the
 * words every screen and document looks for) and never passes for a sourced figure. Loaded with
 * the demo data only.
 */
const DEMO_MASSES_KG: Record<DeviceType, number> = { laptop: 2, desktop: 7.5, monitor: 4.5, tablet: 0.5, smartphone: 0.18, printer: 8, other: 1 };
const DEMO_PRICES_EUR: Record<DeviceType, number> = { laptop: 700, desktop: 650, monitor: 150, tablet: 300, smartphone: 423, printer: 150, other: 50 };
const DEMO_SOURCE = (what: string) => `${DEMO_VALUE} : ${what} pour la démonstration, aucune source publiée retenue ; à remplacer par une valeur du Département`;

export async function fillDemoFactorValues(em: EntityManager): Promise<void> {
  for (const row of await em.find(Factor, {})) {
    if (row.massKg === null || row.massKg === undefined) em.assign(row, { massKg: DEMO_MASSES_KG[row.deviceType], massSource: DEMO_SOURCE('masse moyenne choisie') });
    if (row.referenceNewPriceEur === null || row.referenceNewPriceEur === undefined) em.assign(row, { referenceNewPriceEur: DEMO_PRICES_EUR[row.deviceType], priceSource: DEMO_SOURCE('prix neuf choisi') });
  }
  await em.flush();
}
