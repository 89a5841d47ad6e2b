import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../core/auth.js';
import type { Role } from '../core/permissions.js';
import { conflict, forbidden, notFound } from '../core/errors.js';
import { User } from '../users/user.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { DEFAULT_PARTNER } from '../batches/batch.service.js';
import { Beneficiary } from './beneficiary.entity.js';
import { Referral, type ReferralStatus } from './referral.entity.js';
import { newVoucherCode } from './voucher-code.js';
import { mayReadPerson, referralScope, territoryFor, territoryScope } from './referral-scope.js';
import { OPEN_REFERRAL_STATUSES, OPEN_STATUSES_SQL, STATUS_FR, applyReferralStep, mayTakeReferralStep, referralStep, referralTarget, type ReferralAction } from './referral-lifecycle.js';
import type { Notifier } from '../notifications/notify.js';
import type { BeneficiaryCreateSchema, BeneficiaryFields, ReferralCreateSchema } from './referral.schemas.js';

type BeneficiaryInput = z.infer<typeof BeneficiaryCreateSchema>;

export function serializeBeneficiary(beneficiary: Beneficiary) {
  return {
    id: beneficiary.id,
    firstName: beneficiary.firstName ?? null,
    lastName: beneficiary.lastName ?? null,
    birthYear: beneficiary.birthYear ?? null,
    postcode: beneficiary.postcode ?? null,
    commune: beneficiary.commune ?? null,
    territory: beneficiary.territory,
    eligibility: beneficiary.eligibility,
    phone: beneficiary.phone ?? null,
    consentAt: beneficiary.consentAt.toISOString(),
    anonymised: !!beneficiary.anonymisedAt,
    createdAt: beneficiary.createdAt.toISOString(),
    version: beneficiary.version,
  };
}

/** What the partner may know of a referral: the voucher, the first name, the need, the training wish. */
export function serializeReferralForPartner(referral: Referral) {
  return {
    id: referral.id,
    voucherCode: referral.voucherCode,
    firstName: referral.beneficiary.firstName ?? null,
    need: referral.need,
    trainingWanted: referral.trainingWanted,
    status: referral.status,
    createdAt: referral.createdAt.toISOString(),
    acceptedAt: referral.acceptedAt?.toISOString() ?? null,
  };
}

export function serializeReferral(referral: Referral) {
  return {
    ...serializeReferralForPartner(referral),
    beneficiary: referral.beneficiary.id,
    beneficiaryName: [referral.beneficiary.firstName, referral.beneficiary.lastName].filter(Boolean).join(' ') || null,
    territory: referral.territory,
    referrerName: referral.referrer.name ?? null,
    refusalReason: referral.refusalReason ?? null,
    cancellationReason: referral.cancellationReason ?? null,
    statusNote: referral.statusNote ?? null,
    closedAt: referral.closedAt?.toISOString() ?? null,
    version: referral.version,
  };
}

export async function createBeneficiary(em: EntityManager, input: BeneficiaryInput | z.infer<z.ZodObject<typeof BeneficiaryFields>>, actor: AuthenticatedUser): Promise<Beneficiary> {
  const { consent: _consent, territory, ...fields } = input;
  const now = new Date();
  return em.create(Beneficiary, {
    ...fields,
    territory: territoryFor(actor, territory),
    consentAt: now,
    consentRecordedBy: em.getReference(User, actor.id),
    createdBy: em.getReference(User, actor.id),
    lastActivityAt: now,
    anonymisedAt: null,
  });
}

export async function findBeneficiary(em: EntityManager, id: number, actor: AuthenticatedUser): Promise<Beneficiary> {
  const beneficiary = await em.findOne(Beneficiary, { id, ...territoryScope(actor) });
  if (!beneficiary) throw notFound('Bénéficiaire');
  return beneficiary;
}

export async function createReferral(em: EntityManager, input: z.infer<typeof ReferralCreateSchema>, actor: AuthenticatedUser): Promise<Referral> {
  return em.transactional(async (tx) => {
    const beneficiary =
      typeof input.beneficiary === 'number' ? await findBeneficiary(tx, input.beneficiary, actor) : await createBeneficiary(tx, input.beneficiary, actor);
    if (beneficiary.anonymisedAt) throw conflict('BENEFICIARY_ANONYMISED', 'Cette personne a été anonymisée : enregistrez-la à nouveau.');
    if (typeof input.beneficiary === 'number') {
      const open = await tx.count(Referral, { beneficiary, status: { $in: [...OPEN_REFERRAL_STATUSES] } });
      if (open) throw conflict('REFERRAL_ALREADY_OPEN', 'Cette personne a déjà une orientation en cours.');
    }
    beneficiary.lastActivityAt = new Date();
    const referral = tx.create(Referral, {
      beneficiary,
      referrer: tx.getReference(User, actor.id),
      partner: await addressee(tx, input.partner),
      territory: beneficiary.territory,
      need: input.need,
      trainingWanted: input.trainingWanted,
      status: 'submitted',
      voucherCode: newVoucherCode(),
    });
    await tx.flush();
    await tx.populate(referral, ['referrer']);
    return referral;
  });
}

/**
 * The partner organisation a new referral is addressed to: the one asked for, if an agreement with
 * it is in force; else the partner of the agreement in force (Emmaüs Connect when there is none).
 */
async function addressee(em: EntityManager, requested: string | undefined): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const inForce = { startsOn: { $lte: today }, endsOn: { $gte: today } };
  const agreement = await em.findOne(Agreement, requested ? { partner: requested, ...inForce } : inForce, { orderBy: { startsOn: 'DESC', id: 'DESC' } });
  if (requested && !agreement) throw conflict('NO_ACTIVE_AGREEMENT', `Aucune convention en vigueur avec ${requested} : l'orientation ne peut pas lui être adressée.`);
  return agreement?.partner ?? DEFAULT_PARTNER;
}

export async function findReferral(em: EntityManager, id: number, actor: AuthenticatedUser, lock = false): Promise<Referral> {
  const referral = await em.findOne(Referral, { $and: [{ id }, referralScope(actor)] }, {
    populate: ['beneficiary', 'referrer'],
    lockMode: lock ? LockMode.PESSIMISTIC_WRITE : undefined,
  });
  if (!referral) throw notFound('Orientation');
  return referral;
}

/** Takes `action` on a referral this user may see, if its status allows it (`referral-lifecycle.ts`). */
async function takeReferralStep(
  em: EntityManager,
  id: number,
  actor: AuthenticatedUser,
  action: ReferralAction,
  apply: (referral: Referral) => void = () => {},
): Promise<Referral> {
  if (!mayTakeReferralStep(actor.role, action)) throw forbidden();
  return em.transactional(async (tx) => {
    const referral = await findReferral(tx, id, actor, true);
    const step = referralStep(referral.status as ReferralStatus, action);
    if (!step) {
      const to = referralTarget(action);
      throw conflict('REFERRAL_STATUS', `L'orientation ${referral.voucherCode} est ${STATUS_FR[referral.status as ReferralStatus]} : impossible de la passer à « ${STATUS_FR[to]} ».`, { status: referral.status });
    }
    applyReferralStep(referral, action);
    apply(referral);
    await tx.flush();
    return referral;
  });
}

/** What a notice says in place of the first name of a person erased or anonymised. */
export const ANONYMISED = 'personne anonymisée';

/**
 * What the referring social worker is told: the voucher code and the first name they know — only
 * while they may still read the person (moved to another territory, they are told nothing).
 */
export async function tellReferrer(notifier: Notifier | undefined, em: EntityManager, referral: Referral, kind: string, happened: string): Promise<void> {
  const referrer = await em.execute<{ role: Role; territory: string | null; active: boolean }>(`select role, territory, active from users where id = ?`, [referral.referrer.id], 'get');
  if (!referrer || !mayReadPerson(referrer, referral)) return;
  await notifier?.(em, { userIds: [referral.referrer.id] }, {
    kind,
    message: `L'orientation ${referral.voucherCode} (${referral.beneficiary.firstName ?? ANONYMISED}) ${happened}.`,
    link: `/referrals/${referral.id}/show`,
    beneficiaryId: referral.beneficiary.id,
  });
}

export async function acceptReferral(em: EntityManager, id: number, actor: AuthenticatedUser, notifier?: Notifier) {
  const referral = await takeReferralStep(em, id, actor, 'accept', (accepted) => {
    accepted.acceptedAt = new Date();
    accepted.acceptedBy = em.getReference(User, actor.id);
  });
  await em.transactional((tx) => tellReferrer(notifier, tx, referral, 'referral_accepted', `a été acceptée par ${actor.organisation ?? 'le partenaire'}`));
  return referral;
}

export const refuseReferral = (em: EntityManager, id: number, actor: AuthenticatedUser, reason: Referral['refusalReason'], note?: string) =>
  takeReferralStep(em, id, actor, 'refuse', (referral) => {
    referral.refusalReason = reason;
    referral.statusNote = note ?? null;
  });

export async function cancelReferral(em: EntityManager, id: number, actor: AuthenticatedUser, reason: Referral['cancellationReason'], note?: string) {
  return takeReferralStep(em, id, actor, 'cancel', (referral) => {
    referral.cancellationReason = reason;
    referral.statusNote = note ?? null;
  });
}

/** Scheduled: referrals left without a device for too long expire (the social worker is told). */
export async function expireReferrals(em: EntityManager, afterDays: number, notifier?: Notifier): Promise<{ expired: number; warned: number }> {
  const rows = await em.execute<{ id: number }[]>(
    `update referrals set status = 'expired', closed_at = now(), updated_at = now(), version = version + 1
      where status in (${OPEN_STATUSES_SQL}) and created_at < now() - make_interval(days => ?) returning id`,
    [afterDays],
  );
  const expired = await em.find(Referral, { id: { $in: rows.map((row) => row.id) } }, { populate: ['beneficiary'] });
  for (const referral of expired) await tellReferrer(notifier, em, referral, 'referral_expired', 'a expiré sans attribution');
  // warned once, seven days before
  const soon = await em.execute<{ id: number }[]>(
    `select r.id from referrals r where r.status in (${OPEN_STATUSES_SQL})
        and r.created_at < now() - make_interval(days => ?)
        and not exists (select 1 from notifications n where n.kind = 'referral_expiring' and n.link = '/referrals/' || r.id || '/show')`,
    [Math.max(0, afterDays - 7)],
  );
  const expiring = await em.find(Referral, { id: { $in: soon.map((row) => row.id) } }, { populate: ['beneficiary'] });
  for (const referral of expiring) await tellReferrer(notifier, em, referral, 'referral_expiring', 'expire dans 7 jours : le bon sera alors perdu');
  return { expired: rows.length, warned: expiring.length };
}


/** A referral as this role may see it: the partner gets the voucher, first name and need only. */
export function serializeReferralFor(referral: Referral, role: string) {
  return role === 'partner' ? serializeReferralForPartner(referral) : serializeReferral(referral);
}
