import type { EntityManager } from '@mikro-orm/postgresql';
import { Beneficiary } from './beneficiary.entity.js';
import { Referral } from './referral.entity.js';
import { Allocation } from './allocation.entity.js';
import { serializeBeneficiary } from './referral.service.js';
import { OPEN_REFERRAL_STATUSES } from './referral-lifecycle.js';

/** Right of access: everything held on one person, including who read their data. */
export async function exportPersonData(em: EntityManager, beneficiary: Beneficiary) {
  const referrals = await em.find(Referral, { beneficiary }, { populate: ['referrer'], orderBy: { createdAt: 'ASC' } });
  const allocations = await em.find(Allocation, { referral: { $in: referrals.map((referral) => referral.id) } }, { populate: ['device'] });
  const accessLog = await em.execute<{ at: Date; user: string; role: string; route: string; purpose: string }[]>(
    `select a.at, u.name as "user", u.role, a.route, a.purpose from access_log a join users u on u.id = a.user_id where a.beneficiary_id = ? order by a.at`,
    [beneficiary.id],
  );
  return {
    exportedAt: new Date().toISOString(),
    controller: 'Département du Nord',
    person: serializeBeneficiary(beneficiary),
    referrals: referrals.map((referral) => ({
      id: referral.id,
      voucherCode: referral.voucherCode,
      need: referral.need,
      trainingWanted: referral.trainingWanted,
      status: referral.status,
      refusalReason: referral.refusalReason ?? null,
      referrerName: referral.referrer.name,
      createdAt: referral.createdAt.toISOString(),
      closedAt: referral.closedAt?.toISOString() ?? null,
    })),
    allocations: allocations.map((allocation) => ({
      referral: allocation.referral.id,
      device: allocation.device.assetTag,
      deviceType: allocation.device.type,
      priceEuros: allocation.priceCents / 100,
      allocatedAt: allocation.allocatedAt.toISOString(),
    })),
    accessLog: accessLog.map((row) => ({ ...row, at: new Date(row.at).toISOString() })),
  };
}

/**
 * Erasure (or anonymisation after the retention period): identity fields are emptied; the row,
 * its territory, eligibility basis, referrals and allocations stay, so report totals do not move.
 */
export function eraseIdentity(beneficiary: Beneficiary): void {
  beneficiary.firstName = null;
  beneficiary.lastName = null;
  beneficiary.birthYear = null;
  beneficiary.postcode = null;
  beneficiary.commune = null;
  beneficiary.phone = null;
  beneficiary.anonymisedAt = new Date();
}

/** Scheduled: beneficiaries without activity for `months` and no open referral are anonymised (CNIL social-sector référentiel). */
export async function anonymiseInactive(em: EntityManager, months: number): Promise<{ anonymised: number }> {
  const stale = await em.find(Beneficiary, {
    anonymisedAt: null,
    lastActivityAt: { $lt: new Date(Date.now() - months * 30.44 * 24 * 3600 * 1000) },
  });
  let anonymised = 0;
  for (const beneficiary of stale) {
    if (await em.count(Referral, { beneficiary, status: { $in: [...OPEN_REFERRAL_STATUSES] } })) continue;
    eraseIdentity(beneficiary);
    anonymised++;
  }
  await em.flush();
  return { anonymised };
}

/** Scheduled: access-log lines past their retention are deleted (the only deletion the table allows). */
export async function purgeAccessLog(em: EntityManager, months: number): Promise<{ purged: number }> {
  await em.execute(`set local reemploi.retention_purge = 'on'`);
  const rows = await em.execute<{ id: string }[]>(`delete from access_log where at < now() - make_interval(months => ?) returning id`, [months]);
  await em.execute(`set local reemploi.retention_purge = 'off'`);
  return { purged: rows.length };
}
