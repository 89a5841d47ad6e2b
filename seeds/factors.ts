import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeviceType } from '../api/devices/lifecycle.js';
import { Factor } from '../api/factors/factor.entity.js';
import type { FactorValues } from '../api/reports/factor-values.js';

/**
 * Reference factors per device type, from published ADEME figures only. Where no published
 * figure was found the value is left empty with the source "à renseigner par le Département":
 * an admin fills it in (`PUT /api/factors/:id`), and the report says which figure is missing.
 * See docs/methodology.md for how each figure was found.
 */

/** ADEME–Arcep, January 2022, as published in ADEME's open Impact CO2 data. */
const ADEME_ARCEP_2022 =
  'ADEME–Arcep, « Évaluation de l’impact environnemental du numérique en France et analyse prospective » (janvier 2022, volet 2), ' +
  'https://librairie.ademe.fr/consommer-autrement/5226-evaluation-de-l-impact-environnemental-du-numerique-en-france-et-analyse-prospective.html ; ' +
  'valeur publiée dans Impact CO2 (ADEME), dépôt github.com/incubateur-ademe/impactco2, fichier src/data/categories/numerique.json ' +
  '(commit 00ff7a278bc166e7f71c5d0f459a6074298d5369, identique dans src/data/categories/numerique.ts au commit 5bd180d5fc0ab0e534dbaaae920be0a19df8a3cc), ' +
  'étape de cycle de vie id 5 « Construction » (fabrication) de src/data/ecv.json';

/** ADEME 2022 study on refurbished products, figures per year of use as ADEME communicated them. */
const ADEME_RECONDITIONNES_2022 =
  'ADEME, « Évaluation de l’impact environnemental d’un ensemble de produits reconditionnés » (collection Expertises, septembre 2022, publiée le 9 septembre 2022), ' +
  'https://librairie.ademe.fr/dechets-economie-circulaire/5241-evaluation-de-l-impact-environnemental-d-un-ensemble-de-produits-reconditionnes.html';

const TO_FILL = 'à renseigner par le Département';
const NOT_FOUND = (what: string) => `${TO_FILL} (${what} : aucune valeur publiée trouvée, voir docs/methodology.md)`;

/** A factor row as seeded: the stored values without their edit time. */
export type FactorSeed = Omit<FactorValues, 'updatedAt'>;

const MASS = NOT_FOUND('masse moyenne par type dans les sources ADEME consultées ; peser un échantillon ou reprendre les fiches constructeur');
const PRICE = NOT_FOUND('prix de référence d’un appareil neuf équivalent ; par exemple le prix moyen payé dans le dernier marché public du Département');
const SECOND_LIFE = `${TO_FILL} (durée de seconde vie attendue, en années ; l’étude ADEME 2022 recommande de la faire durer le plus longtemps possible)`;

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
    referenceNewPriceEur: null,
    priceSource: PRICE,
    version: 'ADEME–Arcep 2022 (Impact CO2) ; ADEME reconditionnés 2022',
    publishedOn: '2022-01-19',
  };
}

export const FACTOR_SEEDS: FactorSeed[] = [
  factor(
    'laptop',
    { value: 170.3, detail: 'slug « ordinateurportable » : 170,3 kg CO2e (construction) ; 12,3 kg CO2e d’assemblage et distribution (id 4) non comptés' },
    { value: 27, detail: '« l’achat d’un ordinateur portable reconditionné à la place d’un ordinateur portable neuf permet d’éviter l’émission de 27 kgeqCO2 par an » (communication ADEME du 9 septembre 2022, reprise par alliancy.fr)' },
  ),
  factor(
    'desktop',
    { value: 202.6, detail: 'slug « ordinateurfixeprofessionnel » (ordinateur fixe sans écran, usage professionnel) : 202,6 kg CO2e (construction) ; 1,8 kg CO2e d’assemblage et distribution non comptés' },
    { value: null, detail: 'impact évité par an pour un ordinateur fixe (l’étude donne 43 à 97 % d’impact annuel évité, pas de valeur en kg CO2e trouvée)' },
  ),
  factor(
    'monitor',
    { value: 64.6, detail: 'slug « ecran » (écran d’ordinateur, 24 pouces en moyenne) : 64,6 kg CO2e (construction) ; 1,3 kg CO2e d’assemblage et distribution non comptés' },
    { value: null, detail: 'impact évité par an pour un écran (hors périmètre de l’étude ADEME reconditionnés 2022)' },
  ),
  factor(
    'tablet',
    { value: 56.3, detail: 'slug « tabletteclassique » : 56,3 kg CO2e (construction) ; 3,4 kg CO2e d’assemblage et distribution non comptés' },
    { value: null, detail: 'impact évité par an pour une tablette (l’étude donne 46 à 80 % d’impact annuel évité, pas de valeur en kg CO2e trouvée)' },
  ),
  factor(
    'smartphone',
    { value: 83, detail: 'slug « smartphone » : 83 kg CO2e (construction) ; 2,1 kg CO2e d’assemblage et distribution non comptés' },
    { value: 24.6, detail: '« un téléphone mobile reconditionné permet de prévenir […] l’émission de 24,6 kg de CO2eq par année d’utilisation » (communication ADEME du 9 septembre 2022, reprise par reporterre.net et alliancy.fr)' },
  ),
  factor(
    'printer',
    { value: null, detail: 'empreinte de fabrication d’une imprimante (absente des données Impact CO2 consultées)' },
    { value: null, detail: 'impact évité par an pour une imprimante (hors périmètre de l’étude ADEME reconditionnés 2022)' },
  ),
  factor(
    'other',
    { value: null, detail: 'type « autre » : pas de facteur générique' },
    { value: null, detail: 'type « autre » : pas de facteur générique' },
  ),
];

/** Inserts the factors of the types that have none yet; never overwrites an admin's edits. */
export async function seedFactors(em: EntityManager): Promise<number> {
  const existing = new Set((await em.find(Factor, {}, { fields: ['deviceType'] })).map((row) => row.deviceType));
  let created = 0;
  for (const seed of FACTOR_SEEDS) {
    if (existing.has(seed.deviceType)) continue;
    em.create(Factor, { ...seed, updatedBy: null });
    created++;
  }
  await em.flush();
  return created;
}
