import type { EntityManager } from '@mikro-orm/postgresql';
import { DEVICE_TYPES, type DeviceType } from '../devices/lifecycle.js';
import { Factor, type AvoidedMethod } from '../factors/factor.entity.js';
import { computeTerritoryBreakdown } from './territories.js';

/**
 * The steering committee's indicators, computed in SQL (a handful of aggregate queries whatever
 * the size of the data). Aggregates only: no device list, no person. Definitions in words are in
 * `FORMULAS` (printed in the workbook) and docs/methodology.md.
 */

export interface ReportParameters {
  from: string;
  to: string;
  territory?: string | null;
}

export const STEPS = ['registered', 'sanitized', 'handedOver', 'refurbished', 'recycled', 'allocated'] as const;
export type Step = (typeof STEPS)[number];
type StepCounts = Record<Step, number>;

/** Which transition counts as each step (a device removed from a batch is not "sanitized" again). */
const STEP_TRANSITIONS: [Step, string | null, string[]][] = [
  ['registered', 'registered', []],
  ['sanitized', 'sanitized', ['registered', 'quarantined']],
  ['handedOver', 'handed_over', ['in_batch']],
  ['refurbished', 'refurbished', ['handed_over']],
  ['recycled', 'recycled', ['handed_over']],
  ['allocated', 'allocated', ['refurbished']],
];

/** décret n° 2023-266, article 2: 25 % in 2023, 35 % in 2024, 50 % from 2025. */
export function reenTarget(year: number): number | null {
  if (year < 2023) return null;
  if (year === 2023) return 0.25;
  if (year === 2024) return 0.35;
  return 0.5;
}

export const FORMULAS: [string, string][] = [
  ['Période', 'Du premier jour à 0 h au lendemain du dernier jour à 0 h, heure de Paris ; un événement compte dans la période où il a eu lieu.'],
  ['Appareils enregistrés, effacés, remis, reconditionnés, recyclés, attribués', "Nombre d'appareils distincts dont l'historique (événements, jamais modifiés) montre l'étape dans la période : enregistrement ; effacement réussi (depuis « enregistré » ou « en quarantaine » — le retrait d'un lot ne compte pas) ; enlèvement par le partenaire ; reconditionnement ; recyclage ; attribution à un habitant. Ces flux ne dépendent pas du territoire (un appareil n'a pas de territoire avant son attribution)."],
  ['Engagement au prorata', "Pour chaque convention qui chevauche la période : engagement × (jours communs à la convention et à la période) ÷ (jours de la convention) ; somme sur les conventions. Les engagements portent sur tout le Département, même quand un territoire est choisi."],
  ['Appareils donnés', 'Appareils remis au partenaire (enlèvement confirmé) dans la période, comparés à l’engagement du Département au prorata.'],
  ['Habitants équipés', "Nombre de personnes distinctes ayant reçu un appareil (attribution) dans la période, sur le territoire choisi (territoire de l'orientation)."],
  ['Habitants formés', "Parmi les habitants équipés, ceux dont l'orientation indique le souhait d'une formation. C'est le souhait exprimé, pas une présence constatée à la formation."],
  ['Ventes solidaires', "Nombre d'attributions dans la période (sur le territoire choisi), comparé à l'engagement du partenaire au prorata."],
  ['Délai enregistrement → attribution', "Jours entre l'enregistrement de l'appareil et son attribution, pour les attributions de la période : médiane et 90e centile (interpolation continue)."],
  ['Recettes solidaires', 'Somme des prix solidaires payés pour les attributions de la période (en euros).'],
  ['Économies des ménages', "Pour chaque attribution de la période : prix de référence d'un appareil neuf du même type moins prix payé ; somme. Les types sans prix de référence renseigné ne sont pas comptés (nombre indiqué)."],
  ['Taux de réemploi', 'Appareils attribués dans la période ÷ appareils remis au partenaire dans la période.'],
  ['Taux de recyclage', 'Appareils recyclés dans la période ÷ appareils remis au partenaire dans la période.'],
  ['Masse détournée des déchets', "Somme, pour les appareils attribués dans la période (sur le territoire choisi), de la masse de référence de leur type (kg)."],
  ['Gaz à effet de serre évités', "Somme, pour les appareils attribués dans la période, de l'impact évité par appareil selon la méthode du facteur : « fabrication » = empreinte de fabrication d'un appareil neuf du même type (l'appareil réemployé remplace un achat neuf) ; « par année » = impact évité par année de seconde vie × nombre d'années de seconde vie attendu."],
  ['Par territoire', "Pour chaque territoire connu (territoires écrits sur les orientations, les bénéficiaires et les comptes des travailleurs sociaux ; seulement le territoire choisi s'il y en a un) : orientations écrites dans la période et habitants distincts orientés ; pour les attributions de la période (territoire de l'orientation) : habitants équipés, dont souhaitant une formation, appareils attribués, recettes, économies des ménages, masse détournée et CO2e évités avec les mêmes facteurs que les totaux. Un territoire sans activité figure avec des zéros."],
  ['Ratio légal de réemploi (loi n° 2021-1485, décret n° 2023-266)', "Pour l'année civile de la fin de période, jusqu'à la fin de période : matériels réformés réemployés ou réutilisés pendant l'année ÷ matériels réformés détenus au 1er janvier. Détenus au 1er janvier : enregistrés avant le 1er janvier et encore au dépôt à cette date (dernier statut connu au 1er janvier : enregistré, effacé, en quarantaine ou en lot). Réemployés : remis à un preneur lié par une convention portant un engagement écrit de réemploi en vigueur à la date de remise, ou attribués à un habitant, et non recyclés ensuite. Exclus : matériels de plus de dix ans à la date de la réforme (année d'enregistrement − année de fabrication > 10). Objectif : 25 % en 2023, 35 % en 2024, 50 % à partir de 2025."],
];

export interface FactorValues {
  deviceType: DeviceType;
  massKg: number | null;
  massSource: string;
  manufacturingKgco2e: number | null;
  manufacturingSource: string;
  avoidedMethod: AvoidedMethod;
  avoidedKgco2ePerYear: number | null;
  avoidedSource: string;
  secondLifeYears: number | null;
  secondLifeSource: string;
  referenceNewPriceEur: number | null;
  priceSource: string;
  version: string;
  publishedOn: string | null;
  updatedAt: string;
}

const toNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export async function loadFactors(em: EntityManager): Promise<FactorValues[]> {
  const rows = await em.find(Factor, {}, { orderBy: { id: 'ASC' } });
  return rows.map((row) => ({
    deviceType: row.deviceType,
    massKg: toNumber(row.massKg),
    massSource: row.massSource,
    manufacturingKgco2e: toNumber(row.manufacturingKgco2e),
    manufacturingSource: row.manufacturingSource,
    avoidedMethod: row.avoidedMethod,
    avoidedKgco2ePerYear: toNumber(row.avoidedKgco2ePerYear),
    avoidedSource: row.avoidedSource,
    secondLifeYears: toNumber(row.secondLifeYears),
    secondLifeSource: row.secondLifeSource,
    referenceNewPriceEur: toNumber(row.referenceNewPriceEur),
    priceSource: row.priceSource,
    version: row.version,
    publishedOn: row.publishedOn ? String(row.publishedOn).slice(0, 10) : null,
    updatedAt: new Date(row.updatedAt).toISOString(),
  }));
}

/** kg CO2e avoided by one reused device of this type, or null when the factor is incomplete. */
export function avoidedPerDevice(factor: FactorValues | undefined): { value: number | null; source: string } {
  if (!factor) return { value: null, source: 'aucun facteur' };
  if (factor.avoidedMethod === 'per_year') {
    const value = factor.avoidedKgco2ePerYear !== null && factor.secondLifeYears !== null ? factor.avoidedKgco2ePerYear * factor.secondLifeYears : null;
    return { value, source: `${factor.avoidedSource} ; durée de seconde vie : ${factor.secondLifeSource}` };
  }
  return { value: factor.manufacturingKgco2e, source: factor.manufacturingSource };
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (numerator: number, denominator: number) => (denominator > 0 ? round(numerator / denominator, 4) : null);
const emptySteps = (): StepCounts => Object.fromEntries(STEPS.map((step) => [step, 0])) as StepCounts;

// Dates are calendar days in Paris: [from 00:00, to + 1 day 00:00).
const START = `(?::date)::timestamp at time zone 'Europe/Paris'`;
const END = `((?::date) + 1)::timestamp at time zone 'Europe/Paris'`;

/** Registration time of one device: its first event (the chain of custody starts there). */
const REGISTRATION_OF = (deviceId: string) =>
  `select min(at) as at from events where device_id = ${deviceId} and from_status is null and to_status = 'registered'`;

/** The statuses whose changes the flows count (see STEP_TRANSITIONS). */
const STEP_STATUSES = [...new Set(STEP_TRANSITIONS.map(([, to]) => to))].map((status) => `'${status}'`).join(', ');

function stepCase(): string {
  return `case ${STEP_TRANSITIONS.map(([step, to, from]) =>
    from.length
      ? `when e.to_status = '${to}' and e.from_status in (${from.map((status) => `'${status}'`).join(', ')}) then '${step}'`
      : `when e.to_status = '${to}' and e.from_status is null then '${step}'`,
  ).join(' ')} end`;
}

/**
 * Runs the queries one after the other inside a transaction (jobs, stored reports), where they
 * share one connection; otherwise side by side on the pool's connections (the summary's time is
 * then that of its slowest query, not the sum).
 */
async function inOrder<T extends readonly (() => Promise<unknown>)[]>(em: EntityManager, tasks: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (!em.isInTransaction()) return (await Promise.all(tasks.map((task) => task()))) as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

export async function computeSummary(em: EntityManager, parameters: ReportParameters) {
  const { from, to } = parameters;
  const territory = parameters.territory || null;
  const year = Number(to.slice(0, 4));
  const factors = await loadFactors(em);
  const factorByType = new Map(factors.map((factor) => [factor.deviceType, factor]));

  const [flowRows, agreementRows, allocationRows, allocationTypeRows, [reenRow]] = await inOrder(em, [
    // 1. device flows by step, by type and by month: an index-only scan of the period's status
    //    changes to the counted statuses (events_status_changes_index); months are formatted after grouping
    () => em.execute<{ step: Step; type: string | null; month: string | null; devices: string }[]>(
      `with flow as (
         select ${stepCase()} as step, e.device_id, date_trunc('month', e.at at time zone 'Europe/Paris') as month
         from events e
         where e.at >= ${START} and e.at < ${END} and e.to_status in (${STEP_STATUSES})
       )
       select f.step, d.type, to_char(f.month, 'YYYY-MM') as month, count(distinct f.device_id) as devices
       from flow f join devices d on d.id = f.device_id
       where f.step is not null
       group by grouping sets ((f.step), (f.step, d.type), (f.step, f.month))`,
      [from, to],
    ),
    // 2. agreements overlapping the period, with their share of the period (pro rata temporis)
    () => em.execute<{ id: number; partner: string; starts_on: string; ends_on: string; devices_committed: number; residents_committed: number; trainings_committed: number; solidarity_sales_committed: number; share: string; reuse_commitment_ref: string | null }[]>(
      `select id, partner, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on,
              devices_committed, residents_committed, trainings_committed, solidarity_sales_committed, reuse_commitment_ref,
              ((least(ends_on, ?::date) - greatest(starts_on, ?::date) + 1)::numeric / (ends_on - starts_on + 1)) as share
       from agreements where starts_on <= ?::date and ends_on >= ?::date order by starts_on, id`,
      [to, from, to, from],
    ),
    // 3. allocations of the period on the territory: residents, revenue, savings, delays
    () => em.execute<{ allocations: string; residents: string; trained: string; revenue_cents: string | null; savings_eur: string | null; priced: string; median_days: string | null; p90_days: string | null }[]>(
      `select count(*) as allocations,
              count(distinct r.beneficiary_id) as residents,
              count(distinct r.beneficiary_id) filter (where r.training_wanted) as trained,
              sum(a.price_cents) as revenue_cents,
              sum(f.reference_new_price_eur - a.price_cents / 100.0) filter (where f.reference_new_price_eur is not null) as savings_eur,
              count(*) filter (where f.reference_new_price_eur is not null) as priced,
              percentile_cont(0.5) within group (order by extract(epoch from a.allocated_at - coalesce(g.at, d.created_at)) / 86400) as median_days,
              percentile_cont(0.9) within group (order by extract(epoch from a.allocated_at - coalesce(g.at, d.created_at)) / 86400) as p90_days
       from allocations a
       join referrals r on r.id = a.referral_id
       join devices d on d.id = a.device_id
       -- the registration of each allocated device only (not a grouping of every registration)
       left join lateral (${REGISTRATION_OF('d.id')}) g on true
       left join factors f on f.device_type = d.type
       where a.allocated_at >= ${START} and a.allocated_at < ${END} and (?::text is null or r.territory = ?::text)`,
      [from, to, territory, territory],
    ),
    () => em.execute<{ type: DeviceType; devices: string }[]>(
      `select d.type, count(*) as devices
       from allocations a join referrals r on r.id = a.referral_id join devices d on d.id = a.device_id
       where a.allocated_at >= ${START} and a.allocated_at < ${END} and (?::text is null or r.territory = ?::text)
       group by d.type`,
      [from, to, territory, territory],
    ),
    // 4. REEN ratio for the calendar year of `to`, up to the end of the period. Set-based: a few
    //    index-only range scans of status changes (events_status_changes_index) joined on device id,
    //    instead of looking up every device's history one by one (7 s at 100k devices).
    () => em.execute<{ held: string; reused: string; excluded_old: string; unknown_year: string }[]>(
      `with bounds as (
         select make_date(?::int, 1, 1)::timestamp at time zone 'Europe/Paris' as jan1,
                least(make_date(?::int + 1, 1, 1)::timestamp at time zone 'Europe/Paris', ${END}) as until
       ),
       reuse_days as (
         select range_agg(daterange(ag.starts_on, ag.ends_on, '[]')) as days from agreements ag where ag.reuse_commitment_ref is not null
       ),
       registrations as (
         select e.device_id, min(e.at) as at from events e, bounds b
         where e.to_status = 'registered' and e.from_status is null and e.at < b.until group by e.device_id
       ),
       devices_reformed as (
         select d.id, d.year, g.at as registered_at,
                (d.year is not null and extract(year from g.at at time zone 'Europe/Paris') - d.year > 10) as too_old
         from devices d join registrations g on g.device_id = d.id
       ),
       -- the lifecycle never brings a device back to a depot status once it has left for one of these
       -- (api/devices/lifecycle.ts): its last status on 1 January was a depot status if it had not reached one
       left_depot as (
         select distinct e.device_id from events e, bounds b
         where e.to_status in ('handed_over', 'refurbished', 'recycled', 'allocated', 'withdrawn') and e.at < b.jan1
       ),
       held as (
         select x.id, x.year from devices_reformed x cross join bounds b
         where not x.too_old and x.registered_at < b.jan1 and not exists (select 1 from left_depot l where l.device_id = x.id)
       ),
       reuse as (
         select device_id, min(at) as reused_at from (
           select e.device_id, e.at from events e, bounds b, reuse_days r
           where e.to_status = 'handed_over' and e.from_status = 'in_batch' and e.at < b.until and (e.at at time zone 'Europe/Paris')::date <@ r.days
           union all
           select e.device_id, e.at from events e, bounds b where e.to_status = 'allocated' and e.at < b.until
         ) firsts group by device_id
       ),
       recycled as (
         select distinct e.device_id from events e, bounds b where e.to_status = 'recycled' and e.at < b.until
       )
       select (select count(*) from held) as held,
              (select count(*) from reuse u join devices_reformed x on x.id = u.device_id cross join bounds b
                where not x.too_old and u.reused_at >= b.jan1 and u.reused_at < b.until
                  and not exists (select 1 from recycled c where c.device_id = u.device_id)) as reused,
              (select count(*) from devices_reformed where too_old) as excluded_old,
              (select count(*) from held where year is null) as unknown_year`,
      [year, year, to],
    ),
  ] as const);

  const byTerritory = await computeTerritoryBreakdown(em, parameters);

  const totals = emptySteps();
  const byType = Object.fromEntries(DEVICE_TYPES.map((type) => [type, emptySteps()])) as Record<DeviceType, StepCounts>;
  const months = new Map<string, StepCounts>();
  for (const row of flowRows) {
    const count = Number(row.devices);
    if (row.type) byType[row.type as DeviceType][row.step] = count;
    else if (row.month) {
      if (!months.has(row.month)) months.set(row.month, emptySteps());
      months.get(row.month)![row.step] = count;
    } else totals[row.step] = count;
  }

  const committed = (field: 'devices_committed' | 'residents_committed' | 'trainings_committed' | 'solidarity_sales_committed') =>
    round(agreementRows.reduce((sum, row) => sum + row[field] * Number(row.share), 0), 1);
  const allocationRow = allocationRows[0];
  const allocations = Number(allocationRow.allocations);
  const residents = Number(allocationRow.residents);
  const trained = Number(allocationRow.trained);
  const versus = (actual: number, commitment: number) => ({ actual, committed: commitment, achieved: ratio(actual, commitment) });

  const nordByType = allocationTypeRows
    .map((row) => {
      const factor = factorByType.get(row.type);
      const devices = Number(row.devices);
      const avoided = avoidedPerDevice(factor);
      const massKg = factor?.massKg ?? null;
      return {
        deviceType: row.type,
        devices,
        massKgPerDevice: massKg,
        massSource: factor?.massSource ?? 'aucun facteur',
        avoidedMethod: factor?.avoidedMethod ?? 'manufacturing',
        co2eKgPerDevice: avoided.value,
        co2eSource: avoided.source,
        massDivertedKg: massKg === null ? null : round(massKg * devices, 3),
        co2eAvoidedKg: avoided.value === null ? null : round(avoided.value * devices, 3),
      };
    })
    .sort((a, b) => DEVICE_TYPES.indexOf(a.deviceType) - DEVICE_TYPES.indexOf(b.deviceType));
  const missingFactors = nordByType.flatMap((row) => [
    ...(row.massKgPerDevice === null ? [`${row.deviceType}.massKg`] : []),
    ...(row.co2eKgPerDevice === null ? [`${row.deviceType}.co2e (${row.avoidedMethod})`] : []),
  ]);

  const held = Number(reenRow.held);
  const reused = Number(reenRow.reused);
  const target = reenTarget(year);
  const reenRatio = ratio(reused, held);

  return {
    period: { from, to, territory },
    devices: {
      ...totals,
      byType,
      byMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, counts]) => ({ month, ...counts })),
      territoryApplies: false,
    },
    commitments: {
      agreements: agreementRows.map((row) => ({ id: row.id, partner: row.partner, startsOn: row.starts_on, endsOn: row.ends_on, share: round(Number(row.share), 4), reuseCommitmentRef: row.reuse_commitment_ref })),
      devicesDonated: versus(totals.handedOver, committed('devices_committed')),
      residentsEquipped: versus(residents, committed('residents_committed')),
      residentsTrained: versus(trained, committed('trainings_committed')),
      solidaritySales: versus(allocations, committed('solidarity_sales_committed')),
    },
    allocations: {
      count: allocations,
      residentsEquipped: residents,
      residentsTrained: trained,
      revenueEur: round(Number(allocationRow.revenue_cents ?? 0) / 100),
      householdSavingsEur: round(Number(allocationRow.savings_eur ?? 0)),
      allocationsWithReferencePrice: Number(allocationRow.priced),
      daysToAllocation: {
        median: allocationRow.median_days === null ? null : round(Number(allocationRow.median_days), 1),
        p90: allocationRow.p90_days === null ? null : round(Number(allocationRow.p90_days), 1),
      },
    },
    rates: {
      reuse: ratio(totals.allocated, totals.handedOver),
      recycling: ratio(totals.recycled, totals.handedOver),
    },
    nordDurable: {
      devicesReused: allocations,
      massDivertedKg: round(nordByType.reduce((sum, row) => sum + (row.massDivertedKg ?? 0), 0), 3),
      co2eAvoidedKg: round(nordByType.reduce((sum, row) => sum + (row.co2eAvoidedKg ?? 0), 0), 3),
      byType: nordByType,
      missingFactors,
    },
    reen: {
      year,
      through: to < `${year}-12-31` ? to : `${year}-12-31`,
      heldOnJanuary1: held,
      reused,
      ratio: reenRatio,
      target,
      met: target === null || reenRatio === null ? null : reenRatio >= target,
      excludedOlderThan10Years: Number(reenRow.excluded_old),
      heldWithUnknownYear: Number(reenRow.unknown_year),
    },
    byTerritory,
    factors,
  };
}

export type Summary = Awaited<ReturnType<typeof computeSummary>>;
