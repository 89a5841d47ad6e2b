import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { User } from './user.entity.js';
import { DEFAULT_PARTNER } from '../handover/batch.service.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password.js';
import { conflict, invalid, notFound, unauthorized } from '../core/errors.js';
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

/** Same answer for an unknown e-mail, a wrong password and a deactivated account: no account probing. */
export async function checkCredentials(em: EntityManager, email: string, password: string): Promise<User> {
  const user = await em.findOne(User, { email });
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
  if (!user || !valid || !user.active) throw unauthorized('E-mail ou mot de passe incorrect.');
  user.lastLoginAt = new Date();
  await em.flush();
  return user;
}

export async function createUser(em: EntityManager, input: z.infer<typeof UserCreateSchema>): Promise<User> {
  if (await em.count(User, { email: input.email })) {
    throw conflict('EMAIL_TAKEN', `Un compte existe déjà pour ${input.email}.`);
  }
  const user = em.create(User, {
    email: input.email,
    name: input.name,
    role: input.role,
    territory: input.role === 'social_worker' ? input.territory! : (input.territory ?? null),
    organisation: input.role === 'partner' ? (input.organisation ?? DEFAULT_PARTNER) : null,
    passwordHash: await hashPassword(input.password),
    active: true,
    tokenVersion: 0,
  });
  await em.flush();
  return user;
}

export async function updateUser(
  em: EntityManager,
  id: number,
  input: z.infer<typeof UserUpdateSchema>,
  actingUserId: number,
): Promise<User> {
  const user = await em.findOne(User, { id });
  if (!user) throw notFound('Utilisateur');
  if (id === actingUserId && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw invalid('Vous ne pouvez pas désactiver votre propre compte ni retirer votre propre rôle administrateur.');
  }
  const role = input.role ?? user.role;
  const territory = input.territory === undefined ? user.territory : input.territory;
  if (role === 'social_worker' && !territory) {
    throw invalid('Un travailleur social doit avoir un territoire.', [{ path: 'territory', message: 'obligatoire' }]);
  }
  let revokeSessions = false;
  if (input.name !== undefined) user.name = input.name;
  if (input.role !== undefined && input.role !== user.role) {
    user.role = input.role;
    revokeSessions = true;
  }
  user.territory = territory ?? null;
  if (input.organisation !== undefined) user.organisation = input.organisation;
  if (role === 'partner' && !user.organisation) user.organisation = DEFAULT_PARTNER;
  if (input.active !== undefined && input.active !== user.active) {
    user.active = input.active;
    revokeSessions ||= !input.active;
  }
  if (input.password) {
    user.passwordHash = await hashPassword(input.password);
    revokeSessions = true;
  }
  if (revokeSessions) user.tokenVersion += 1;
  await em.flush();
  return user;
}

export async function changeOwnPassword(em: EntityManager, id: number, currentPassword: string, newPassword: string) {
  const user = await em.findOneOrFail(User, { id });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw invalid('Le mot de passe actuel est incorrect.', [{ path: 'currentPassword', message: 'incorrect' }]);
  }
  user.passwordHash = await hashPassword(newPassword);
  user.tokenVersion += 1;
  await em.flush();
  return user;
}
