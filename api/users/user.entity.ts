import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ROLES } from '../core/permissions.js';

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.integer().primary(),
    email: p.string().length(254).unique(),
    name: p.string().length(120),
    role: p.enum([...ROLES]),
    /** Only for social workers: the territory (UTPAS, MDIE, France Services) whose residents they follow. */
    territory: p.string().length(120).nullable(),
    /** Only for partner staff: the organisation whose batches they handle (e.g. Emmaüs Connect). */
    organisation: p.string().length(120).nullable(),
    /** Null for an agent who signs in only through an identity provider (OpenID Connect). */
    passwordHash: p.string().length(255).nullable().hidden(),
    /** The identity provider's issuer and subject this account is linked to (never its e-mail). */
    oidcIssuer: p.string().length(255).nullable(),
    oidcSubject: p.string().length(255).nullable(),
    /** The role came from the claim mapping (not from an admin): leaving the group takes it away. */
    roleFromMapping: p.boolean().default(false),
    active: p.boolean().default(true),
    /** E-mail notifications: at once, in a daily digest, or never. */
    emailPreference: p.enum(['immediate', 'daily', 'never'] as const).default('immediate'),
    /** Raised when an admin deactivates the account or resets its password: older tokens stop working at once. */
    tokenVersion: p.integer().default(0),
    lastLoginAt: p.datetime().nullable(),
    /** The label profile (sheet or thermal roll) this user last printed with: the print dialog proposes it again. */
    labelProfile: p.string().length(40).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
