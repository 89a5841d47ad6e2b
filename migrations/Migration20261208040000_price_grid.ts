import { Migration } from '@mikro-orm/migrations';

/** Where the legal maximum resale prices come from, stored with each of them. */
const DECREE =
  'Décret du 7 novembre 2022 fixant les prix maximaux de revente solidaire des matériels informatiques cédés gratuitement par les administrations (JORF du 9 novembre 2022), pris pour l’application du 3° de l’article L. 3212-2 du code général de la propriété des personnes publiques (loi n° 2022-217 du 21 février 2022, dite « 3DS », art. 178) : prix TTC de matériels en état de fonctionner (chargeur, disque dur, système d’exploitation, batterie fonctionnelle).';

/**
 * The seeded grid is an example to adjust, not Emmaüs Connect's price list (none was found
 * published): its prices follow the ranges Emmaüs Connect gave the press, all under the legal caps.
 */
const DEFAULT_GRID_SOURCE =
  'Exemple à adapter par le Département et son partenaire (nouvelle version de la grille, écran « Grille de prix solidaires »). Emmaüs Connect publie une méthode de catégorisation (« Notice de catégorisation des PC et prix solidaires », projet LaCollecte.tech, communs.lacollecte.tech, 2024 : une note pour la mémoire, une pour le processeur, une pour le disque — type et taille —, leur somme pondérée, un SSD ou NVMe classé au mieux en catégorie B) dont seuls des extraits ont pu être lus : à reprendre ici avec le partenaire. Ces prix suivent les fourchettes qu’il a données à la presse : « jusqu’à 150 € pour les ordinateurs portables les plus performants, et pas plus de 100 € pour les smartphones » (« Dons : avec Emmaüs Connect, les vieux ordinateurs des entreprises revivent », fin 2022, repris par theworldnews.net) ; un ordinateur « à 70 euros » (« Ordinateurs à 70 euros, ateliers de formation… comment Emmaüs Connect combat la précarité numérique », France 3 Nouvelle-Aquitaine) ; 120 € pour un ordinateur à Paris (« Emmaüs vide les placards des entreprises franciliennes », 24-7france.fr, octobre 2021). Les seuils (mémoire, génération du processeur, stockage, santé de la batterie) sont ceux d’usage chez les reconditionneurs, non publiés par Emmaüs Connect. Tous les prix restent sous les plafonds du décret du 7 novembre 2022.';

/** A value written into the SQL (addSql takes no parameters): text quoted the SQL way. */
const literal = (value: string | number | null) => (value === null ? 'null' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);

const computer = (premium: object, standard: object) => ({ premium, standard });
const DEFAULT_RULES = {
  criteria: {
    laptop: computer(
      { minRamGb: 8, minCpuGeneration: 8, minStorageGb: 240, ssdRequired: true, minBatteryHealthPct: 80 },
      { minRamGb: 4, minCpuGeneration: 6, minStorageGb: 120, ssdRequired: false, minBatteryHealthPct: 60 },
    ),
    desktop: computer(
      { minRamGb: 8, minCpuGeneration: 8, minStorageGb: 240, ssdRequired: true, minBatteryHealthPct: null },
      { minRamGb: 4, minCpuGeneration: 6, minStorageGb: 120, ssdRequired: false, minBatteryHealthPct: null },
    ),
    tablet: computer(
      { minRamGb: 3, minCpuGeneration: null, minStorageGb: 64, ssdRequired: false, minBatteryHealthPct: 80 },
      { minRamGb: 2, minCpuGeneration: null, minStorageGb: 32, ssdRequired: false, minBatteryHealthPct: 60 },
    ),
    smartphone: computer(
      { minRamGb: 4, minCpuGeneration: null, minStorageGb: 64, ssdRequired: false, minBatteryHealthPct: 80 },
      { minRamGb: 3, minCpuGeneration: null, minStorageGb: 32, ssdRequired: false, minBatteryHealthPct: 70 },
    ),
  },
  prices: {
    laptop: { premium: 150, standard: 110, essential: 70 },
    desktop: { premium: 120, standard: 90, essential: 60 },
    tablet: { premium: 90, standard: 70, essential: 50 },
    smartphone: { premium: 100, standard: 70, essential: 40 },
    monitor: { standard: 20 },
    printer: { standard: 20 },
  },
};

/**
 * Issue #15 §2. The legal maximum resale prices of donated public IT equipment, as data with their
 * source; and the price grid, one row per version (never updated: a change is a new version from
 * a day on, the previous ones stay), seeded with a documented example.
 */
export class Migration20261208040000_price_grid extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "legal_price_caps" (
      "equipment" text primary key,
      "device_type" text null unique constraint "legal_price_caps_device_type_check" check ("device_type" in ('laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other')),
      "label" text not null,
      "max_price_cents" int not null constraint "legal_price_caps_max_check" check ("max_price_cents" >= 0),
      "source" text not null,
      "position" int not null
    );`);
    const caps: [string, string | null, string, number, string][] = [
      ['laptop', 'laptop', 'Ordinateur portable', 18000, ''],
      ['desktop_set', 'desktop', 'PC fixe avec un écran, un clavier et une souris', 15000, ''],
      ['tablet', 'tablet', 'Tablette', 10000, ''],
      ['smartphone', 'smartphone', 'Smartphone', 10000, ''],
      ['monitor', 'monitor', 'Écran', 3000, ''],
      ['printer', 'printer', 'Imprimante individuelle', 3000, ''],
      // Réemploi has no type for it: a device of type « imprimante » is held to the individual printer's cap
      ['multifunction_printer', null, 'Appareil multifonctions (impression, scan, copie)', 17000, ' Réemploi n’a pas de type « multifonction » : un appareil de type « imprimante » suit le plafond de l’imprimante individuelle.'],
    ];
    caps.forEach(([equipment, type, label, cents, note], position) => {
      this.addSql(`insert into "legal_price_caps" ("equipment", "device_type", "label", "max_price_cents", "source", "position") values (${[equipment, type, label, cents, DECREE + note, position].map(literal).join(', ')});`);
    });

    this.addSql(`create table "price_grids" (
      "id" serial primary key,
      "label" varchar(120) not null,
      "valid_from" date not null constraint "price_grids_valid_from_unique" unique,
      "source" text not null,
      "rules" jsonb not null constraint "price_grids_rules_check" check (jsonb_typeof("rules") = 'object'),
      "created_by" int null references "users" ("id"),
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`insert into "price_grids" ("label", "valid_from", "source", "rules") values (${['Grille d’exemple (à adapter)', '2022-11-10', DEFAULT_GRID_SOURCE, JSON.stringify(DEFAULT_RULES)].map(literal).join(', ')});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "price_grids";`);
    this.addSql(`drop table "legal_price_caps";`);
  }
}
