import { z } from '../../core/zod.js';
import { ROLES } from '../../core/permissions.js';
import { UserSchema } from '../user.schemas.js';

export const OidcProviderListSchema = z.array(z.object({ id: z.string(), name: z.string() })).openapi('OidcProviders');

export const OidcStartResponseSchema = z.object({ authorizationUrl: z.string() });

export const OidcCallbackSchema = z.object({
  /** The callback page's query string as the provider sent it back (`?code=…&state=…&iss=…`). */
  query: z.string().max(4000),
});

export const OidcCallbackResponseSchema = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('signed_in'), token: z.string(), user: UserSchema, provider: z.object({ id: z.string(), name: z.string() }), endSessionUrl: z.string().nullable() }),
    z.object({ outcome: z.literal('pending'), name: z.string(), provider: z.object({ id: z.string(), name: z.string() }) }),
  ])
  .openapi('OidcCallbackResult');

const territory = z.string().trim().min(2).max(120);

export const OidcMappingInputSchema = z
  .object({
    provider: z.string().trim().regex(/^[a-z][a-z0-9-]{0,29}$/).nullish(),
    claim: z.string().trim().min(1).max(100),
    value: z.string().trim().min(1).max(200),
    role: z.enum(ROLES).nullish(),
    territory: territory.nullish(),
    priority: z.number().int().min(0).max(10000).default(100),
  })
  .refine((rule) => !!rule.role || !!rule.territory, { path: ['role'], message: 'une règle donne un rôle, un territoire, ou les deux' });

export const OidcMappingSchema = z
  .object({
    id: z.number().int(),
    provider: z.string().nullable(),
    claim: z.string(),
    value: z.string(),
    role: z.enum(ROLES).nullable(),
    territory: z.string().nullable(),
    priority: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('OidcMapping');

export const AccessRequestSchema = z
  .object({
    id: z.number().int(),
    provider: z.string(),
    email: z.string(),
    name: z.string(),
    claims: z.record(z.string(), z.array(z.string())),
    userId: z.number().int().nullable(),
    status: z.enum(['pending', 'approved', 'refused']),
    requestedAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi('AccessRequest');

export const AccessApprovalSchema = z
  .object({
    role: z.enum(ROLES),
    territory: territory.nullish(),
    organisation: z.string().trim().min(2).max(120).nullish(),
  })
  .refine((approval) => approval.role !== 'social_worker' || !!approval.territory, { path: ['territory'], message: 'un travailleur social doit avoir un territoire' });
