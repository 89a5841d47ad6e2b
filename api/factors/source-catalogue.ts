/**
 * The published documents the reference factors come from, as a steering committee reads them:
 * title, publisher, year and public address, in French. The factors screen (`GET
 * /api/factors/sources`) and the workbook's « Méthodologie » sheet both list this catalogue, and the
 * seeded factors cite it; how each figure was read (files, tables, versions) is for developers and
 * stays in docs/methodology.md.
 */
export interface PublishedSource {
  id: string;
  title: string;
  publisher: string;
  year: number;
  url: string;
  /** Which figures of Réemploi come from it. */
  usedFor: string;
}

export const PUBLISHED_SOURCES = {
  ademeArcep2022: {
    id: 'ademe-arcep-2022',
    title: 'Évaluation de l’impact environnemental du numérique en France et analyse prospective (volet 2)',
    publisher: 'ADEME et Arcep',
    year: 2022,
    url: 'https://librairie.ademe.fr/consommer-autrement/5226-evaluation-de-l-impact-environnemental-du-numerique-en-france-et-analyse-prospective.html',
    usedFor: 'Empreinte de fabrication d’un appareil neuf (kg CO2e), par type',
  },
  impactCo2: {
    id: 'impact-co2-numerique',
    title: 'Impact CO2 — Numérique (valeurs de l’étude ADEME–Arcep 2022, étape « fabrication »)',
    publisher: 'ADEME',
    year: 2022,
    url: 'https://impactco2.fr/outils/numerique',
    usedFor: 'Valeurs par appareil de l’étude ADEME–Arcep, telles que l’ADEME les publie',
  },
  ademeRefurbished2022: {
    id: 'ademe-reconditionnes-2022',
    title: 'Évaluation de l’impact environnemental d’un ensemble de produits reconditionnés',
    publisher: 'ADEME',
    year: 2022,
    url: 'https://librairie.ademe.fr/dechets-economie-circulaire/5241-evaluation-de-l-impact-environnemental-d-un-ensemble-de-produits-reconditionnes.html',
    usedFor: 'Impact évité par année de seconde vie (ordinateur portable, smartphone)',
  },
  gfkLaptops2021: {
    id: 'gfk-portables-2021',
    title: 'Ventes d’ordinateurs : le marché a surperformé et est aujourd’hui passé en mode autorégulation (chiffres GfK, France, 2021)',
    publisher: 'MacGeneration, d’après GfK',
    year: 2022,
    url: 'https://macg.co/mac/2022/06/ventes-dordinateurs-le-marche-surperforme-et-est-aujourdhui-passe-en-mode-autoregulation-129919',
    usedFor: 'Prix moyen d’un ordinateur portable neuf vendu en France en 2021 (autour de 700 €)',
  },
  gfkSmartphones2020: {
    id: 'gfk-smartphones-2020',
    title: 'Le budget « ordinateur » et « smartphone » des Français en hausse continue (chiffres GfK, France, 2020)',
    publisher: 'Économie Hebdo, d’après GfK',
    year: 2021,
    url: 'http://www.economie-hebdo.fr/Le-budget-ordinateur-et-smartphone-des-Francais-en-hausse-continue_a1328.html',
    usedFor: 'Prix moyen de vente d’un smartphone neuf en France en 2020 (423 €)',
  },
} as const satisfies Record<string, PublishedSource>;

export const SOURCE_CATALOGUE: PublishedSource[] = Object.values(PUBLISHED_SOURCES);

/** « Title », publisher, year, address: how a source is cited in a factor. */
export const citation = (source: PublishedSource) => `« ${source.title} », ${source.publisher}, ${source.year}, ${source.url}`;

/**
 * The words that open the source of a demonstration value: a figure no published source gives,
 * filled in only in demo mode so that the demo's figures are not zero, and always shown as such.
 */
export const DEMO_VALUE = 'Valeur de démonstration';

/** A figure whose source says it is a demonstration value (the one rule screens, workbook and manifest follow). */
export const isDemoValue = (source: string | null | undefined) => !!source && source.startsWith(DEMO_VALUE);
