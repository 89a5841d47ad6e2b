import type { EntityManager } from '@mikro-orm/postgresql';
import { Beneficiary } from './beneficiary.entity.js';
import { Referral } from './referral.entity.js';
import { Allocation } from './allocation.entity.js';
import { ANONYMISED, serializeBeneficiary } from './referral.service.js';
import { OPEN_REFERRAL_STATUSES } from './referral-lifecycle.js';

/** Right of access: everything held on one person, including who read their data. */
export async function exportPersonData(em: EntityManager, beneficiary: Beneficiary) {
  const referrals = await em.find(Referral, { beneficiary }, { populate: ['referrer'], orderBy: { createdAt: 'ASC' } });
  const allocations = await em.find(Allocation, { referral: { $in: referrals.map((referral) => referral.id) } }, { populate: ['device'] });
  const notices = await em.execute<{ at: Date; recipient: string; kind: string; message: string }[]>(
    `select n.created_at as at, u.name as recipient, n.kind, n.message from notifications n join users u on u.id = n.user_id where n.beneficiary_id = ? order by n.created_at, n.id`,
    [beneficiary.id],
  );
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
      cancellationReason: referral.cancellationReason ?? null,
      statusNote: referral.statusNote ?? null,
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
    /** Notifications sent to staff that name the person (by first name). */
    notices: notices.map((row) => ({ ...row, at: new Date(row.at).toISOString() })),
    accessLog: accessLog.map((row) => ({ ...row, at: new Date(row.at).toISOString() })),
  };
}

/**
 * Erasure (or anonymisation after the retention period): identity fields are emptied; the row,
 * its territory, eligibility basis, referrals and allocations stay, so report totals do not move.
 */
function eraseIdentity(beneficiary: Beneficiary): void {
  beneficiary.firstName = null;
  beneficiary.lastName = null;
  beneficiary.birthYear = null;
  beneficiary.postcode = null;
  beneficiary.commune = null;
  beneficiary.phone = null;
  beneficiary.anonymisedAt = new Date();
}

/**
 * Erasure reaching every text about the person: the identity, the notes written on their referrals
 * (the reasons from the list stay), their first name in staff notifications (« personne
 * anonymisée » instead) and the e-mails about them, sent or not. The caller flushes.
 */
export async function erasePerson(em: EntityManager, beneficiary: Beneficiary): Promise<void> {
  const firstName = beneficiary.firstName;
  eraseIdentity(beneficiary);
  await em.execute(`update referrals set status_note = null where beneficiary_id = ? and status_note is not null`, [beneficiary.id]);
  // notices name the person as « (first name) », see tellReferrer
  if (firstName) {
    await em.execute(`update notifications set message = replace(message, ?, ?) where beneficiary_id = ?`, [`(${firstName})`, `(${ANONYMISED})`, beneficiary.id]);
  }
  await em.execute(`delete from outbox where ? = any(beneficiary_ids)`, [beneficiary.id]);
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
    await erasePerson(em, beneficiary);
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

/** Scheduled: notifications past their retention are deleted, with the e-mails already sent or given up. */
export async function purgeNotifications(em: EntityManager, months: number): Promise<{ purged: number; mails: number }> {
  const notifications = await em.execute<{ id: number }[]>(`delete from notifications where created_at < now() - make_interval(months => ?) returning id`, [months]);
  const mails = await em.execute<{ id: number }[]>(`delete from outbox where status <> 'pending' and created_at < now() - make_interval(months => ?) returning id`, [months]);
  return { purged: notifications.length, mails: mails.length };
}
