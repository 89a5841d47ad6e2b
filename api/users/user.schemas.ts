import { z } from '../core/zod.js';
import { ROLES } from '../core/permissions.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULE, passwordProblems } from './password-policy.js';

/** The rules that need no context; the one about the account's e-mail is the service's (assertPasswordPolicy). */
const password = z
  .string()
  .superRefine((value, context) => {
    for (const message of passwordProblems(value)) context.addIssue({ code: 'custom', message });
  })
  .openapi({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: `Règle : ${PASSWORD_RULE}.` });

const territory = z.string().trim().min(2).max(120);

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export const UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    territory: z.string().nullable(),
    organisation: z.string().nullable(),
    active: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('User');

export const UserCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('adresse e-mail invalide').max(254),
    name: z.string().trim().min(2).max(120),
    role: z.enum(ROLES),
    territory: territory.nullish(),
    /** Partner staff only; defaults to Emmaüs Connect. */
    organisation: z.string().trim().min(2).max(120).nullish(),
    password,
  })
  .refine((user) => user.role !== 'social_worker' || !!user.territory, {
    path: ['territory'],
    message: 'un travailleur social doit avoir un territoire',
  });

export const UserUpdateSchema = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  role: z.enum(ROLES).optional(),
  territory: territory.nullish(),
  organisation: z.string().trim().min(2).max(120).nullish(),
  active: z.boolean().optional(),
  /** An admin resetting the password. */
  password: password.optional(),
});

export const ChangeOwnPasswordSchema = z.object({
  currentPassword: z.string().max(200),
  newPassword: password,
});

export const LoginResponseSchema = z.object({ token: z.string(), user: UserSchema });
