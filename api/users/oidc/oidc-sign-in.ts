import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, unauthorized } from '../../core/errors.js';
import { auditAction, auditNow } from '../../admin-log/admin-log.js';
import { DEFAULT_PARTNER } from '../../batches/batch.service.js';
import type { Notifier } from '../../notifications/notify.js';
import { User } from '../user.entity.js';
import { isCompleteAccess, mapClaims, type MappedAccess } from './claim-mapping.js';
import { findAccessRequest, loadMappings, openAccessRequest } from './access-store.js';
import type { OidcProviderConfig } from './oidc-config.js';
import type { VerifiedSignIn } from './oidc-client.js';

/** No Réemploi password (MikroORM 6.6's types lose `nullable()` behind `hidden()`: the column accepts null). */
export const NO_PASSWORD = null as never;

export type SignInOutcome = { kind: 'signed_in'; user: User } | { kind: 'pending'; name: string };

/** Protocol claims say nothing about the agent: not kept with an access request. */
const PROTOCOL_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'at_hash', 'c_hash', 's_hash', 'sid', 'auth_time', 'acr', 'amr', 'azp', 'jti', 'email_verified']);

/** The claims an admin reads to decide (groups, service...), as short lists of strings. */
export function claimsForAdmins(claims: Record<string, unknown>): Record<string, string[]> {
  const kept: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (PROTOCOL_CLAIMS.has(name) || Object.keys(kept).length >= 30) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((item) => typeof item === 'string' || typeof item === 'number');
    if (values.length) kept[name.slice(0, 100)] = values.slice(0, 50).map((item) => String(item).slice(0, 200));
  }
  return kept;
}

/** ProConnect says `usual_name`, Entra ID and Keycloak `name` or `family_name`. */
function agentName(claims: Record<string, unknown>, email: string): string {
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string).trim() : '');
  const name = text('name') || [text('given_name'), text('usual_name') || text('family_name')].filter(Boolean).join(' ') || email;
  return name.slice(0, 120);
}

function agentEmail(claims: Record<string, unknown>, provider: OidcProviderConfig): string {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!/^[^\s@]{1,64}@[^\s@]{1,190}$/.test(email)) {
    throw unauthorized(`${provider.name} n’a pas transmis d’adresse e-mail : l’administrateur de Réemploi doit demander la portée « email ».`);
  }
  return email;
}

export interface SignInDependencies {
  em: EntityManager;
  notifier: Notifier;
}

/**
 * After the provider's answer passed every check: the account linked to (issuer, subject), never
 * found by e-mail. The mapping, when it gives a role, decides the role at every sign-in; when it
 * gives none, the role an admin gave stays, and a role the mapping gave is withdrawn.
 */
export async function signInWithProvider(deps: SignInDependencies, provider: OidcProviderConfig, verified: VerifiedSignIn): Promise<SignInOutcome> {
  const { em } = deps;
  const email = agentEmail(verified.claims, provider);
  const name = agentName(verified.claims, email);
  const access = mapClaims(await loadMappings(em), provider.id, verified.claims);
  const user = await em.findOne(User, { oidcIssuer: verified.issuer, oidcSubject: verified.subject });
  if (user && !user.active) {
    await auditNow(em, { action: 'login_failed', outcome: 'refused', targetType: 'users', targetId: user.id, actorEmail: user.email, details: { reason: 'inactive_account', provider: provider.id } });
    throw unauthorized('Votre compte Réemploi est désactivé : adressez-vous à un administrateur.');
  }
  const request = { provider: provider.id, issuer: verified.issuer, subject: verified.subject, email, name, claims: claimsForAdmins(verified.claims) };
  if (user) {
    if (isCompleteAccess(access)) return { kind: 'signed_in', user: await applyMappedAccess(em, user, access, provider) };
    if (!user.roleFromMapping) return { kind: 'signed_in', user: await recordSignIn(em, user, provider) };
    return askForAccess(deps, { ...request, userId: user.id });
  }
  if (isCompleteAccess(access)) return { kind: 'signed_in', user: await createMappedUser(em, access, request, provider) };
  return askForAccess(deps, { ...request, userId: null });
}

async function recordSignIn(em: EntityManager, user: User, provider: OidcProviderConfig): Promise<User> {
  user.lastLoginAt = new Date();
  auditAction(em, { action: 'login_succeeded', actor: user, details: { provider: provider.id } });
  await em.flush();
  return user;
}

/** A change of groups changes the role at the next sign-in, in the administration log, and revokes the sessions opened with the old role. */
async function applyMappedAccess(em: EntityManager, user: User, access: { role: User['role']; territory: string | null }, provider: OidcProviderConfig): Promise<User> {
  const target = { targetType: 'users', targetId: user.id, actorEmail: user.email } as const;
  if (access.role !== user.role) {
    auditAction(em, { ...target, action: 'role_changed', details: { email: user.email, from: user.role, to: access.role, by: 'oidc_mapping', provider: provider.id } });
    user.role = access.role;
    user.tokenVersion += 1;
  }
  if (access.territory && access.territory !== user.territory) {
    auditAction(em, { ...target, action: 'user_updated', details: { email: user.email, changes: { territory: [user.territory ?? null, access.territory] }, by: 'oidc_mapping' } });
    user.territory = access.territory;
  }
  if (user.role === 'partner' && !user.organisation) user.organisation = DEFAULT_PARTNER;
  user.roleFromMapping = true;
  return recordSignIn(em, user, provider);
}

async function createMappedUser(em: EntityManager, access: { role: User['role']; territory: string | null }, request: { issuer: string; subject: string; email: string; name: string }, provider: OidcProviderConfig): Promise<User> {
  if (await em.count(User, { email: request.email })) throw emailTaken(request.email);
  return em.transactional(async (tx) => {
    const user = tx.create(User, {
      email: request.email,
      name: request.name,
      role: access.role,
      territory: access.territory,
      organisation: access.role === 'partner' ? DEFAULT_PARTNER : null,
      passwordHash: NO_PASSWORD,
      oidcIssuer: request.issuer,
      oidcSubject: request.subject,
      roleFromMapping: true,
      active: true,
      tokenVersion: 0,
      lastLoginAt: new Date(),
    });
    await tx.flush();
    auditAction(tx, { action: 'user_created', actorEmail: user.email, targetType: 'users', targetId: user.id, details: { email: user.email, role: user.role, territory: user.territory ?? null, by: 'oidc_mapping', provider: provider.id } });
    auditAction(tx, { action: 'login_succeeded', actor: user, details: { provider: provider.id } });
    return user;
  });
}

/** The agent waits; the admins are told once (not at every new try). */
async function askForAccess(deps: SignInDependencies, request: Parameters<typeof openAccessRequest>[1]): Promise<SignInOutcome> {
  const previous = await findAccessRequest(deps.em, request.issuer, request.subject);
  if (previous?.status === 'refused') {
    await auditNow(deps.em, { action: 'login_failed', outcome: 'refused', actorEmail: request.email, details: { reason: 'access_refused', provider: request.provider } });
    throw unauthorized('Un administrateur a refusé votre accès à Réemploi. Adressez-vous à lui si c’est une erreur.');
  }
  await deps.em.transactional(async (tx) => {
    const isNew = await openAccessRequest(tx, request);
    if (!isNew) return;
    auditAction(tx, { action: 'access_requested', actorEmail: request.email, targetType: 'users', targetId: request.userId, details: { email: request.email, name: request.name, provider: request.provider } });
    await deps.notifier(tx, { roles: ['admin'] }, { kind: 'access_requested', message: `${request.name} (${request.email}) demande l’accès à Réemploi : choisissez son rôle.`, link: '/access-requests' });
  });
  return { kind: 'pending', name: request.name };
}

export function emailTaken(email: string): AppError {
  return new AppError(409, 'EMAIL_TAKEN', `Un compte Réemploi utilise déjà l’adresse ${email} : un administrateur doit le désactiver ou changer son adresse avant de vous donner accès.`);
}

export type { MappedAccess };
