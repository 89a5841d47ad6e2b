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

export const idParam = z.coerce.number().int().positive().max(2_147_483_647);

export function parseId(req: Request, name = 'id'): number {
  const result = idParam.safeParse(req.params[name]);
  if (!result.success) throw fromZodError(result.error, name);
  return result.data;
}
