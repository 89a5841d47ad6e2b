import type { Request } from 'express';
import { z, type ZodType } from 'zod';
import { fromZodError } from './errors.js';

export function parseBody<T extends ZodType>(schema: T, req: Request): z.infer<T> {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) throw fromZodError(result.error, 'corps');
  return result.data;
}

export function parseQuery<T extends ZodType>(schema: T, req: Request): z.infer<T> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw fromZodError(result.error, 'paramètres');
  return result.data;
}

/** An id in a path: digits only (`1e2`, `0x10`, ` 7` or `07` are no ids), a positive PostgreSQL int. */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'identifiant attendu : un nombre entier positif (chiffres seulement)')
  .transform(Number)
  .pipe(z.number().max(2_147_483_647, 'identifiant trop grand'));

export function parseId(req: Request, name = 'id'): number {
  const result = idParam.safeParse(req.params[name]);
  if (!result.success) throw fromZodError(result.error, name);
  return result.data;
}
