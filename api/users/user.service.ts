import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { User } from './user.entity.js';
import { DEFAULT_PARTNER } from '../batches/batch.service.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password.js';
import { conflict, invalid, notFound, unauthorized } from '../core/errors.js';
import { auditAction, auditNow, changedFields, type AdminLogActor } from '../admin-log/admin-log.js';
import { assertPasswordPolicy } from './password-policy.js';
import type { UserCreateSchema, UserUpdateSchema } from './user.schemas.js';

export function serializeUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    territory: user.territory ?? null,
    organisation: user.organisation ?? null,
    active: user.active,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

const LOOKS_LIKE_EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

/**
 * Same answer for an unknown e-mail, a wrong password and a deactivated account: no account
 * probing. The administration log tells them apart for the admins; the account tried is the
 * target, not the actor (whoever typed may not be its holder), and what was typed in the e-mail
 * field is kept only when it looks like an address (someone may type their password there).
 */
export async function checkCredentials(em: EntityManager, email: string, password: string): Promise<User> {
  const user = await em.findOne(User, { email });
  // an account linked to an identity provider has no password here: it is refused like a wrong one
  const valid = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
  if (!user || !valid || !user.active) {
    const reason = !user ? 'unknown_account' : !valid ? 'wrong_password' : 'inactive_account';
    await auditNow(em, {
      action: 'login_failed',
      outcome: 'refused',
      actorEmail: LOOKS_LIKE_EMAIL.test(email) ? email : null,
      targetType: user ? 'users' : undefined,
      targetId: user?.id,
      details: { reason, ...(LOOKS_LIKE_EMAIL.test(email) ? {} : { typed: 'not_an_email' }) },
    });
    throw unauthorized('E-mail ou mot de passe incorrect.');
  }
  user.lastLoginAt = new Date();
  auditAction(em, { action: 'login_succeeded', actor: user });
  await em.flush();
  return user;
}

/** `actor` is the admin creating the account; none for the first administrator, made by `npm run create-admin`. */
export async function createUser(em: EntityManager, input: z.infer<typeof UserCreateSchema>, actor?: AdminLogActor): Promise<User> {
  assertPasswordPolicy(input.password, input.email);
  if (await em.count(User, { email: input.email })) {
    throw conflict('EMAIL_TAKEN', `Un compte existe déjà pour ${input.email}.`);
  }
  const passwordHash = await hashPassword(input.password);
  // the log line needs the new id: account and line are written in one transaction
  return em.transactional(async (tx) => {
    const user = tx.create(User, {
      email: input.email,
      name: input.name,
      role: input.role,
      territory: input.role === 'social_worker' ? input.territory! : (input.territory ?? null),
      organisation: input.role === 'partner' ? (input.organisation ?? DEFAULT_PARTNER) : null,
      passwordHash,
      active: true,
      tokenVersion: 0,
    });
    await tx.flush();
    auditAction(tx, { action: 'user_created', actor, targetType: 'users', targetId: user.id, details: { email: user.email, role: user.role, territory: user.territory ?? null, organisation: user.organisation ?? null, ...(actor ? {} : { by: 'create-admin' }) } });
    return user;
  });
}

export async function updateUser(
  em: EntityManager,
  id: number,
  input: z.infer<typeof UserUpdateSchema>,
  actor: AdminLogActor,
): Promise<User> {
  const user = await em.findOne(User, { id });
  if (!user) throw notFound('Utilisateur');
  if (id === actor.id && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw invalid('Vous ne pouvez pas désactiver votre propre compte ni retirer votre propre rôle administrateur.');
  }
  const role = input.role ?? user.role;
  const territory = input.territory === undefined ? user.territory : input.territory;
  if (role === 'social_worker' && !territory) {
    throw invalid('Un travailleur social doit avoir un territoire.', [{ path: 'territory', message: 'obligatoire' }]);
  }
  if (input.password) assertPasswordPolicy(input.password, user.email);
  const target = { actor, targetType: 'users', targetId: user.id } as const;
  const before = { name: user.name, territory: user.territory ?? null, organisation: user.organisation ?? null };
  let revokeSessions = false;
  if (input.name !== undefined) user.name = input.name;
  if (input.role !== undefined && input.role !== user.role) {
    auditAction(em, { ...target, action: 'role_changed', details: { email: user.email, from: user.role, to: input.role } });
    user.role = input.role;
    user.roleFromMapping = false;
    revokeSessions = true;
  }
  user.territory = territory ?? null;
  if (input.organisation !== undefined) user.organisation = input.organisation;
  if (role === 'partner' && !user.organisation) user.organisation = DEFAULT_PARTNER;
  if (input.active !== undefined && input.active !== user.active) {
    auditAction(em, { ...target, action: input.active ? 'user_reactivated' : 'user_deactivated', details: { email: user.email } });
    user.active = input.active;
    revokeSessions ||= !input.active;
  }
  if (input.password) {
    auditAction(em, { ...target, action: 'password_reset', details: { email: user.email } });
    user.passwordHash = await hashPassword(input.password);
    revokeSessions = true;
  }
  const changes = changedFields(before, { name: user.name, territory: user.territory ?? null, organisation: user.organisation ?? null });
  if (Object.keys(changes).length) auditAction(em, { ...target, action: 'user_updated', details: { email: user.email, changes } });
  if (revokeSessions) user.tokenVersion += 1;
  await em.flush();
  return user;
}

/** A stolen session cannot take the account over: the current password is asked, and a wrong one is logged. */
export async function changeOwnPassword(em: EntityManager, id: number, currentPassword: string, newPassword: string) {
  const user = await em.findOneOrFail(User, { id });
  if (!user.passwordHash) {
    throw invalid('Votre compte se connecte par le service d’identité du Département : il n’a pas de mot de passe Réemploi.');
  }
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await auditNow(em, { action: 'password_changed', outcome: 'refused', actor: user, targetType: 'users', targetId: user.id, details: { reason: 'wrong_current_password' } });
    throw invalid('Le mot de passe actuel est incorrect.', [{ path: 'currentPassword', message: 'incorrect' }]);
  }
  if (newPassword === currentPassword) {
    throw invalid('Le nouveau mot de passe doit être différent de l’actuel.', [{ path: 'newPassword', message: 'identique à l’actuel' }]);
  }
  assertPasswordPolicy(newPassword, user.email, 'newPassword');
  user.passwordHash = await hashPassword(newPassword);
  user.tokenVersion += 1;
  auditAction(em, { action: 'password_changed', actor: user, targetType: 'users', targetId: user.id });
  await em.flush();
  return user;
}
