import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { conflict, notFound } from '../../core/errors.js';
import { auditAction, type AdminLogActor } from '../../admin-log/admin-log.js';
import { DEFAULT_PARTNER } from '../../batches/batch.service.js';
import { User } from '../user.entity.js';
import { accessRequestFromRow, type AccessRequestRow } from './access-store.js';
import { emailTaken, NO_PASSWORD } from './oidc-sign-in.js';
import type { AccessApprovalSchema } from './oidc.schemas.js';

type Approval = z.infer<typeof AccessApprovalSchema>;

async function loadRequest(em: EntityManager, id: number): Promise<AccessRequestRow> {
  const row = await em.execute<AccessRequestRow>('select * from access_requests where id = ? for update', [id], 'get');
  if (!row) throw notFound('Demande d’accès');
  return row;
}

function giveAccess(user: User, approval: Approval): void {
  user.role = approval.role;
  user.territory = approval.territory ?? null;
  user.organisation = approval.role === 'partner' ? (approval.organisation ?? DEFAULT_PARTNER) : (approval.organisation ?? null);
  user.roleFromMapping = false;
}

/**
 * An admin gives the waiting agent a role (and a territory): the account is created, linked to
 * the provider's identity, or, for an agent whose groups no longer give a role, its role is set.
 */
export async function approveAccessRequest(em: EntityManager, id: number, approval: Approval, actor: AdminLogActor) {
  return em.transactional(async (tx) => {
    const request = await loadRequest(tx, id);
    if (request.status === 'approved') throw conflict('ALREADY_DECIDED', 'Cette demande a déjà été acceptée.');
    let user = request.user_id ? await tx.findOne(User, { id: request.user_id }) : null;
    if (user) {
      auditAction(tx, { action: 'role_changed', actor, targetType: 'users', targetId: user.id, details: { email: user.email, from: user.role, to: approval.role } });
      giveAccess(user, approval);
      user.tokenVersion += 1;
    } else {
      if (await tx.count(User, { email: request.email })) throw emailTaken(request.email);
      user = tx.create(User, {
        email: request.email, name: request.name, role: approval.role, territory: null, organisation: null,
        passwordHash: NO_PASSWORD, oidcIssuer: request.issuer, oidcSubject: request.subject, active: true, tokenVersion: 0,
      });
      giveAccess(user, approval);
    }
    await tx.flush();
    await tx.execute(`update access_requests set status = 'approved', user_id = ?, decided_at = now(), decided_by_id = ? where id = ?`, [user.id, actor.id, id]);
    auditAction(tx, { action: 'access_approved', actor, targetType: 'users', targetId: user.id, details: { email: user.email, role: user.role, territory: user.territory ?? null, provider: request.provider } });
    return accessRequestFromRow({ ...request, status: 'approved', user_id: user.id, decided_at: new Date() });
  });
}

export async function refuseAccessRequest(em: EntityManager, id: number, actor: AdminLogActor) {
  return em.transactional(async (tx) => {
    const request = await loadRequest(tx, id);
    if (request.status !== 'pending') throw conflict('ALREADY_DECIDED', 'Cette demande a déjà été traitée.');
    await tx.execute(`update access_requests set status = 'refused', decided_at = now(), decided_by_id = ? where id = ?`, [actor.id, id]);
    auditAction(tx, { action: 'access_refused', actor, targetType: 'access-requests', targetId: id, details: { email: request.email, provider: request.provider } });
    return accessRequestFromRow({ ...request, status: 'refused', decided_at: new Date() });
  });
}
