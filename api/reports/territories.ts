import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportParameters } from './indicators.js';
import { round } from './rounding.js';
import { avoidedPerDevice, loadFactors } from './factor-values.js';
import { ALLOCATION_FIGURES, ALLOCATIONS, DISTINCT_RESIDENTS, FACTORS_OF_DEVICE, inPeriod } from './sql.js';

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

const KNOWN_TERRITORIES = `
  select territory from referrals
  union select territory from beneficiaries
  union select territory from users where territory is not null`;

/** French order ("France Services…" before "MDIE…" before "UTPAS…", accents and case ignored). */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export async function listTerritories(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ territory: string }[]>(`select territory from (${KNOWN_TERRITORIES}) known where trim(territory) <> ''`);
  return rows.map((row) => row.territory).sort(collator.compare);
}

/**
 * One row per known territory (zeros included: a territory with no activity is information for
 * the committee), or only the chosen territory when the report is filtered. Referrals count in
 * the period they were written; allocations in the period they were made; mass and CO2e use the
 * same factors and methods as the Nord durable totals (a missing factor counts zero).
 */
export async function computeTerritoryBreakdown(em: EntityManager, parameters: ReportParameters): Promise<TerritoryFigures[]> {
  const { from, to } = parameters;
  const territory = parameters.territory || null;
  const rows = await em.execute<{
    territory: string;
    referrals: string | null;
    residents_referred: string | null;
    residents_equipped: string | null;
    residents_trained: string | null;
    allocations: string | null;
    revenue_cents: string | null;
    savings_eur: string | null;
    priced: string | null;
  }[]>(
    `with chosen as (
       select territory from (${KNOWN_TERRITORIES}) known where ?::text is null and trim(territory) <> ''
       union select ?::text where ?::text is not null
     ),
     referred as (
       select r.territory, count(*) as referrals, ${DISTINCT_RESIDENTS} as residents_referred
       from referrals r
       where ${inPeriod('r.created_at')}
       group by r.territory
     ),
     allocated as (
       select r.territory,
              ${ALLOCATION_FIGURES}
       from ${ALLOCATIONS}
       ${FACTORS_OF_DEVICE}
       where ${inPeriod('a.allocated_at')}
       group by r.territory
     )
     select c.territory, x.referrals, x.residents_referred, y.residents_equipped, y.residents_trained, y.allocations,
            y.revenue_cents, y.savings_eur, y.priced
     from chosen c
     left join referred x on x.territory = c.territory
     left join allocated y on y.territory = c.territory`,
    [territory, territory, territory, from, to, from, to],
  );
  const count = (value: string | null) => Number(value ?? 0);
  const impact = await impactByTerritory(em, parameters);
  return rows
    .map((row) => ({
      territory: row.territory,
      referrals: count(row.referrals),
      residentsReferred: count(row.residents_referred),
      residentsEquipped: count(row.residents_equipped),
      residentsTrained: count(row.residents_trained),
      devicesAllocated: count(row.allocations),
      revenueEur: round(count(row.revenue_cents) / 100),
      householdSavingsEur: round(count(row.savings_eur)),
      allocationsWithReferencePrice: count(row.priced),
      massDivertedKg: round(impact.get(row.territory)?.massKg ?? 0, 3),
      co2eAvoidedKg: round(impact.get(row.territory)?.co2eKg ?? 0, 3),
    }))
    .sort((a, b) => collator.compare(a.territory, b.territory));
}

/**
 * Mass diverted and CO2e avoided by the period's allocations of each territory, with the same
 * per-device values as the Nord durable totals (`factor-values.ts`; a missing factor counts zero).
 */
async function impactByTerritory(em: EntityManager, parameters: ReportParameters): Promise<Map<string, { massKg: number; co2eKg: number }>> {
  const rows = await em.execute<{ territory: string; type: string; allocations: string }[]>(
    `select r.territory, d.type, count(*) as allocations
     from ${ALLOCATIONS}
     where ${inPeriod('a.allocated_at')}
     group by r.territory, d.type`,
    [parameters.from, parameters.to],
  );
  const factors = new Map((await loadFactors(em)).map((factor) => [factor.deviceType as string, factor]));
  const impact = new Map<string, { massKg: number; co2eKg: number }>();
  for (const row of rows) {
    const factor = factors.get(row.type);
    const devices = Number(row.allocations);
    const sums = impact.get(row.territory) ?? { massKg: 0, co2eKg: 0 };
    sums.massKg += (factor?.massKg ?? 0) * devices;
    sums.co2eKg += (avoidedPerDevice(factor).value ?? 0) * devices;
    impact.set(row.territory, sums);
  }
  return impact;
}
