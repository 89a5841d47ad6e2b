import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportParameters } from './indicators.js';
import { round } from './rounding.js';
import { allocationFigures, type AllocationGroups } from './allocations.js';
import { avoidedPerDevice, type FactorValues } from './factor-values.js';
import { distinctResidents, inPeriod } from './sql.js';

/**
 * The breakdown by territory (UTPAS, MDIE, France Services). A territory is the free text written
 * on the referral (a social worker's own territory, or the one an admin chose), so the known
 * territories are the ones written on referrals, beneficiaries and social workers' accounts.
 * Aggregates only: counts and sums per territory, never a person.
 */

export interface TerritoryFigures {
  territory: string;
  /** Referrals (orientations) written in the period. */
  referrals: number;
  /** Distinct residents those referrals are for. */
  residentsReferred: number;
  residentsEquipped: number;
  /** Among the residents equipped, those whose referral says training wanted (the wish, not attendance). */
  residentsTrained: number;
  devicesAllocated: number;
  revenueEur: number;
  householdSavingsEur: number;
  allocationsWithReferencePrice: number;
  massDivertedKg: number;
  co2eAvoidedKg: number;
}

/**
 * The distinct values of an indexed column, one index probe each (a loose index scan: a dozen
 * territories among tens of thousands of rows), as column `value`.
 */
const distinctIndexed = (table: string, column: string) => `
  with recursive found as (
    select min(${column}) as value from ${table}
    union all
    select (select min(${column}) from ${table} where ${column} > found.value) from found where found.value is not null
  )
  select value from found where value is not null`;

const KNOWN_TERRITORIES = `
  select value as territory from (${distinctIndexed('referrals', 'territory')}) on_referrals
  union select value from (${distinctIndexed('beneficiaries', 'territory')}) on_beneficiaries
  union select territory from users where territory is not null`;

/** French order ("France Services…" before "MDIE…" before "UTPAS…", accents and case ignored). */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export async function listTerritories(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ territory: string }[]>(`select territory from (${KNOWN_TERRITORIES}) known where trim(territory) <> ''`);
  return rows.map((row) => row.territory).sort(collator.compare);
}

type ReferredRow = { territory: string; referrals: string | null; residents_referred: string | null };

/**
 * One row per known territory (zeros included: a territory with no activity is information for
 * the committee), or only the chosen territory when the report is filtered, with the referrals
 * written in the period there. Its allocations come from the summary's single pass over the
 * period's allocations (`queryAllocationGroups`), put together by `territoryFigures`.
 */
export function queryReferralsByTerritory(em: EntityManager, parameters: ReportParameters) {
  const { from, to } = parameters;
  const territory = parameters.territory || null;
  return em.execute<ReferredRow[]>(
    `with chosen as (
       select territory from (${KNOWN_TERRITORIES}) known where ?::text is null and trim(territory) <> ''
       union select ?::text where ?::text is not null
     ),
     referred as (
       select r.territory, count(*) as referrals, ${distinctResidents('r')} as residents_referred
       from referrals r
       where ${inPeriod('r.created_at')}
       group by r.territory
     )
     select c.territory, x.referrals, x.residents_referred
     from chosen c
     left join referred x on x.territory = c.territory`,
    [territory, territory, territory, from, to],
  );
}

/**
 * The breakdown: referrals count in the period they were written; allocations in the period they
 * were made (the same figures as the totals, `allocationFigures`); mass and CO2e use the same
 * factors and methods as the Nord durable totals (a missing factor counts zero).
 */
export function territoryFigures(referred: ReferredRow[], allocations: AllocationGroups, factors: FactorValues[]): TerritoryFigures[] {
  const count = (value: string | null) => Number(value ?? 0);
  const impact = impactByTerritory(allocations, factors);
  return referred
    .map((row) => {
      const allocated = allocations.byTerritory.get(row.territory);
      const figures = allocated ? allocationFigures(allocated) : null;
      return {
        territory: row.territory,
        referrals: count(row.referrals),
        residentsReferred: count(row.residents_referred),
        residentsEquipped: figures?.residentsEquipped ?? 0,
        residentsTrained: figures?.residentsTrained ?? 0,
        devicesAllocated: figures?.count ?? 0,
        revenueEur: figures?.revenueEur ?? 0,
        householdSavingsEur: figures?.householdSavingsEur ?? 0,
        allocationsWithReferencePrice: figures?.allocationsWithReferencePrice ?? 0,
        massDivertedKg: round(impact.get(row.territory)?.massKg ?? 0, 3),
        co2eAvoidedKg: round(impact.get(row.territory)?.co2eKg ?? 0, 3),
      };
    })
    .sort((a, b) => collator.compare(a.territory, b.territory));
}

/**
 * Mass diverted and CO2e avoided by the period's allocations of each territory, with the same
 * per-device values as the Nord durable totals (`factor-values.ts`; a missing factor counts zero).
 */
function impactByTerritory(allocations: AllocationGroups, factorValues: FactorValues[]): Map<string, { massKg: number; co2eKg: number }> {
  const factors = new Map(factorValues.map((factor) => [factor.deviceType as string, factor]));
  const impact = new Map<string, { massKg: number; co2eKg: number }>();
  for (const row of allocations.byTerritoryAndType) {
    const factor = factors.get(row.type);
    const sums = impact.get(row.territory) ?? { massKg: 0, co2eKg: 0 };
    sums.massKg += (factor?.massKg ?? 0) * row.devices;
    sums.co2eKg += (avoidedPerDevice(factor).value ?? 0) * row.devices;
    impact.set(row.territory, sums);
  }
  return impact;
}
