import type { Request, RequestHandler, Response, Router } from 'express';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { z } from './zod.js';
import { fromZodError } from './errors.js';

export const registry = new OpenAPIRegistry();
registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

export const ErrorSchema = registry.register(
  'Error',
  z.object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
);

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteDoc<B extends ZodType | undefined, Q extends ZodType | undefined> {
  method: Method;
  /** Express path relative to `/api`, e.g. `/devices/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it, for the docs (the guards in `middleware` enforce it). */
  roles?: string;
  body?: B;
  /** Body types other than JSON (CSV, XLSX, plain text), for the docs. */
  rawBody?: string[];
  query?: Q;
  response?: ZodType;
  /** Non-JSON response media types, for the docs. */
  produces?: string[];
  public?: boolean;
  middleware?: RequestHandler[];
}

type Parsed<T> = T extends ZodType ? z.infer<T> : undefined;

/**
 * Declares a route once: the same zod schemas validate the request and feed the OpenAPI
 * document, so the docs cannot drift from the code. The handler receives the parsed values.
 */
export function route<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined>(
  router: Router,
  doc: RouteDoc<B, Q>,
  handler: (req: Request, res: Response, input: { body: Parsed<B>; query: Parsed<Q> }) => unknown,
): void {
  registerDoc(doc);
  const run: RequestHandler = async (req, res) => {
    const input = { body: undefined, query: undefined } as { body: Parsed<B>; query: Parsed<Q> };
    if (doc.body) {
      const result = doc.body.safeParse(req.body ?? {});
      if (!result.success) throw fromZodError(result.error, 'corps');
      input.body = result.data as Parsed<B>;
    }
    if (doc.query) {
      const result = doc.query.safeParse(req.query);
      if (!result.success) throw fromZodError(result.error, 'paramètres');
      input.query = result.data as Parsed<Q>;
    }
    await handler(req, res, input);
  };
  router[doc.method](doc.path, ...(doc.middleware ?? []), run);
}

const documented = new Set<string>();

function registerDoc(doc: RouteDoc<ZodType | undefined, ZodType | undefined>): void {
  // createApp may run many times in one process (tests): document each route once
  const key = `${doc.method} ${doc.path}`;
  if (documented.has(key)) return;
  documented.add(key);
  const openApiPath = doc.path.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\{\*[A-Za-z]+\}/g, '');
  const parameterNames = [...doc.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
  const errorResponse = { description: 'Erreur', content: { 'application/json': { schema: ErrorSchema } } };
  const content: Record<string, { schema: ZodType }> = {};
  if (doc.body) content['application/json'] = { schema: doc.body };
  for (const type of doc.rawBody ?? []) content[type] = { schema: z.string() };
  const okContent: Record<string, { schema: ZodType }> = {};
  if (doc.response) okContent['application/json'] = { schema: doc.response };
  for (const type of doc.produces ?? []) okContent[type] = { schema: z.string() };
  registry.registerPath({
    method: doc.method,
    path: `/api${openApiPath}`,
    summary: doc.summary,
    description: doc.roles ? `Rôles : ${doc.roles}` : undefined,
    tags: [doc.tag],
    security: doc.public ? [] : [{ bearer: [] }],
    request: {
      params: parameterNames.length
        ? z.object(Object.fromEntries(parameterNames.map((name) => [name, z.string()])))
        : undefined,
      query: doc.query as never,
      body: Object.keys(content).length ? { content } : undefined,
    },
    responses: {
      200: { description: 'OK', content: Object.keys(okContent).length ? okContent : undefined },
      400: errorResponse,
      ...(doc.public ? {} : { 401: errorResponse, 403: errorResponse }),
    },
  });
}

/** Every route declared with `route()`: the OpenAPI document's list, also walked by the role-matrix test. */
export function documentedRoutes(): { method: Method; path: string }[] {
  return registry.definitions.flatMap((definition) =>
    definition.type === 'route' ? [{ method: definition.route.method as Method, path: definition.route.path }] : [],
  );
}
