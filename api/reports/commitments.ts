import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportParameters } from './indicators.js';
import { ratio, round } from './rounding.js';

/**
 * The partnership's commitments: each agreement overlapping the period weighs in with its share
 * of the period (pro rata temporis). Commitments cover the whole Département.
 */

type AgreementRow = {
  id: number;
  partner: string;
  starts_on: string;
  ends_on: string;
  devices_committed: number;
  residents_committed: number;
  trainings_committed: number;
  solidarity_sales_committed: number;
  share: string;
  reuse_commitment_ref: string | null;
};

/** Agreements overlapping the period, with their share of the period (pro rata temporis). */
export function queryAgreements(em: EntityManager, { from, to }: ReportParameters) {
  return em.execute<AgreementRow[]>(
    `select id, partner, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on,
            devices_committed, residents_committed, trainings_committed, solidarity_sales_committed, reuse_commitment_ref,
            ((least(ends_on, ?::date) - greatest(starts_on, ?::date) + 1)::numeric / (ends_on - starts_on + 1)) as share
     from agreements where starts_on <= ?::date and ends_on >= ?::date order by starts_on, id`,
    [to, from, to, from],
  );
}

/** What was achieved in the period against each commitment. */
export interface Achieved {
  devicesDonated: number;
  residentsEquipped: number;
  residentsTrained: number;
  solidaritySales: number;
}

export function commitmentFigures(rows: AgreementRow[], achieved: Achieved) {
  const committed = (field: 'devices_committed' | 'residents_committed' | 'trainings_committed' | 'solidarity_sales_committed') =>
    round(rows.reduce((sum, row) => sum + row[field] * Number(row.share), 0), 1);
  const versus = (actual: number, commitment: number) => ({ actual, committed: commitment, achieved: ratio(actual, commitment) });
  return {
    agreements: rows.map((row) => ({ id: row.id, partner: row.partner, startsOn: row.starts_on, endsOn: row.ends_on, share: round(Number(row.share), 4), reuseCommitmentRef: row.reuse_commitment_ref })),
    devicesDonated: versus(achieved.devicesDonated, committed('devices_committed')),
    residentsEquipped: versus(achieved.residentsEquipped, committed('residents_committed')),
    residentsTrained: versus(achieved.residentsTrained, committed('trainings_committed')),
    solidaritySales: versus(achieved.solidaritySales, committed('solidarity_sales_committed')),
  };
}
