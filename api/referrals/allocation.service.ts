import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthenticatedUser } from '../core/auth.js';
import { AppError, conflict, notFound } from '../core/errors.js';
import { Device } from '../devices/device.entity.js';
import { assertVisible } from '../devices/device-scope.js';
import { applyStatusChange } from '../devices/transitions.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { User } from '../users/user.entity.js';
import { Allocation } from './allocation.entity.js';
import type { ReferralStatus } from './referral.entity.js';
import { findReferral, tellReferrer } from './referral.service.js';
import { STATUS_FR, applyReferralStep, referralStep } from './referral-lifecycle.js';
import { TYPE_LABELS } from '../devices/device-names.js';
import type { Notifier } from '../notifications/notify.js';
import { aboveLegalCap, legalCapIssues, loadLegalCaps } from '../pricing/legal-caps.js';

const today = () => new Date().toISOString().slice(0, 10);

/** The partner organisation whose agreement applies to what this user allocates or refers to (an admin or a social worker: Emmaüs Connect). */
export function partnerOf(actor: { organisation?: string | null }): string {
  return actor.organisation ?? 'Emmaüs Connect';
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** The agreement in force today with this partner organisation, whose caps apply. */
export async function activeAgreement(em: EntityManager, partner: string): Promise<Agreement | null> {
  return em.findOne(Agreement, { partner, startsOn: { $lte: today() }, endsOn: { $gte: today() } }, { orderBy: { startsOn: 'DESC' } });
}

/** What the voucher and the partner's desk follow: how the desk checks who comes, and where residents go (null: no agreement in force). */
export async function deskTerms(em: EntityManager, actor: { organisation?: string | null }) {
  const partner = partnerOf(actor);
  const agreement = await activeAgreement(em, partner);
  return { partner, desk: agreement ? { identityCheck: agreement.identityCheck, shops: agreement.shops } : null };
}

/**
 * Sells a refurbished device to an accepted referral at a solidarity price within the agreement's
 * cap: device → allocated and referral → equipped in one transaction. Unique constraints make a
 * second allocation of the same device or referral impossible even if two requests race.
 */
export async function allocateDevice(
  em: EntityManager,
  input: { device: number; referral: number; price: number },
  actor: AuthenticatedUser,
  notifier?: Notifier,
): Promise<Allocation> {
  return em.transactional(async (tx) => {
    const device = await tx.findOne(Device, { id: input.device }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!device) throw notFound('Appareil');
    await assertVisible(tx, device, actor);
    const referral = await findReferral(tx, input.referral, actor, true);
    if (device.status !== 'refurbished') {
      throw conflict('DEVICE_NOT_AVAILABLE', `L'appareil ${device.assetTag} est « ${device.status} » : seul un appareil reconditionné peut être attribué.`);
    }
    if (!referralStep(referral.status as ReferralStatus, 'equip')) {
      throw conflict('REFERRAL_NOT_ACCEPTED', `L'orientation ${referral.voucherCode} est ${STATUS_FR[referral.status as ReferralStatus]} : elle doit être acceptée, et ne sert qu'une fois.`, { status: referral.status });
    }
    const partner = partnerOf(actor);
    const agreement = await activeAgreement(tx, partner);
    if (!agreement) throw conflict('NO_ACTIVE_AGREEMENT', `Aucune convention en vigueur avec ${partner} : un administrateur doit l'enregistrer.`);
    const cap = agreement.priceCaps[device.type];
    const priceCents = Math.round(input.price * 100);
    const typeName = (TYPE_LABELS[device.type] ?? device.type).toLowerCase();
    if (cap === undefined) throw conflict('NO_PRICE_CAP', `La convention ne fixe pas de prix plafond pour ce type d'appareil (${typeName}) : il ne peut pas être vendu sous cette convention.`);
    if (priceCents > Math.round(cap * 100)) {
      throw new AppError(422, 'PRICE_ABOVE_CAP', `Le prix solidaire (${EUROS.format(input.price)}) dépasse le plafond de la convention pour ce type d'appareil (${typeName} : ${EUROS.format(cap)}).`, { cap });
    }
    // an agreement recorded before the legal caps were checked may cap above them: the law still applies
    const illegal = legalCapIssues(await loadLegalCaps(tx), [{ path: 'price', type: device.type, price: input.price, what: 'Le prix solidaire' }]);
    if (illegal.length) throw aboveLegalCap('Attribution refusée :', illegal);
    const allocation = tx.create(Allocation, {
      device,
      referral,
      agreement,
      priceCents,
      allocatedBy: tx.getReference(User, actor.id),
    });
    // the custody chain names the referral, never the person
    applyStatusChange(tx, device, { to: 'allocated', way: 'allocation', details: { referral: referral.id, voucherCode: referral.voucherCode } }, actor);
    applyReferralStep(referral, 'equip');
    await tx.flush();
    await tellReferrer(notifier, tx, referral, 'referral_equipped', `est équipée : ${TYPE_LABELS[device.type].toLowerCase()} remis`);
    return allocation;
  });
}
