import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import { z } from './zod.js';
import { fromZodError, invalid } from './errors.js';

/** The largest page a list answers; bigger `range`s are refused rather than silently cut. */
export const MAX_PAGE_SIZE = 200;

export interface ListQuery<Filter> {
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
  offset: number;
  limit: number;
  filter: Filter;
}

function parseJsonParameter(req: Request, name: string): unknown {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw invalid(`Le paramètre « ${name} » doit apparaître une seule fois.`);
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(`Le paramètre « ${name} » n'est pas du JSON valide.`);
  }
}

/**
 * Reads react-admin's simple REST query: `sort=["field","ASC"]&range=[0,24]&filter={...}`.
 * Sort fields are whitelisted: sorting on an unindexed or hidden column is refused.
 */
export function parseListQuery<F extends ZodType>(
  req: Request,
  options: { sortFields: readonly string[]; defaultSort: [string, 'ASC' | 'DESC']; filter: F },
): ListQuery<z.infer<F>> {
  const sort = z
    .tuple([z.enum(options.sortFields as [string, ...string[]]), z.enum(['ASC', 'DESC', 'asc', 'desc'])])
    .optional()
    .safeParse(parseJsonParameter(req, 'sort'));
  if (!sort.success) throw fromZodError(sort.error, 'sort');
  const range = z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .refine(([start, end]) => end >= start, 'la fin doit suivre le début')
    .refine(([start, end]) => end - start + 1 <= MAX_PAGE_SIZE, `au plus ${MAX_PAGE_SIZE} lignes par page`)
    .optional()
    .safeParse(parseJsonParameter(req, 'range'));
  if (!range.success) throw fromZodError(range.error, 'range');
  const filter = options.filter.safeParse(parseJsonParameter(req, 'filter') ?? {});
  if (!filter.success) throw fromZodError(filter.error, 'filter');
  const [start, end] = range.data ?? [0, 24];
  const [sortField, sortOrder] = sort.data ?? options.defaultSort;
  return {
    sortField,
    sortOrder: sortOrder.toUpperCase() as 'ASC' | 'DESC',
    offset: start,
    limit: end - start + 1,
    filter: filter.data,
  };
}

/** Sends a page with the `Content-Range` header ra-data-simple-rest reads the total from. */
export function sendPage(res: Response, resource: string, offset: number, rows: unknown[], total: number): void {
  const last = rows.length ? offset + rows.length - 1 : offset;
  res.set('Content-Range', `${resource} ${offset}-${last}/${total}`);
  res.json(rows);
}

/** Accepts one value or a list of values in a filter (react-admin sends both forms). */
export const oneOrMany = <T extends ZodType>(schema: T) =>
  z.union([schema, z.array(schema).max(50)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);

/** Makes user text literal inside a LIKE/ILIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The list query as the OpenAPI document shows it (the values are JSON, parsed by parseListQuery). */
export const ListQueryDoc = z.object({
  sort: z.string().optional().openapi({ example: '["createdAt","DESC"]' }),
  range: z.string().optional().openapi({ example: '[0,24]' }),
  filter: z.string().optional().openapi({ example: '{"status":"registered","q":"latitude"}' }),
});
