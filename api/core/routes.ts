import type { Request, RequestHandler, Response, Router } from 'express';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { z } from './zod.js';
import { AppError, forbidden, fromZodError } from './errors.js';
import { ROW_SCOPES, canAccess, rolesAllowed, type Action, type Resource } from './permissions.js';
import { currentUser } from './auth.js';

export const registry = new OpenAPIRegistry();
registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
registry.registerComponent('securitySchemes', 'stationToken', {
  type: 'http',
  scheme: 'bearer',
  description: "A wiping station's token (`station_…`), created by an admin: it opens only the routes declared `openToStations`.",
});

export const ErrorSchema = registry.register(
  'Error',
  z.object({
    error: z.object({ code: z.string(), message: z.string(), details: z.any().optional() }),
  }),
);

type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * Who may call a route: `public` (no sign-in: health, certificate check, login), `signed-in` (any
 * account, on its own data), or an action on a resource of the permission table
 * (`core/permissions.ts`), which gives the guard and the OpenAPI text alike.
 */
export type Access = 'public' | 'signed-in' | { action: Action; resource: Resource };

/** Error statuses a route may answer besides those `route()` derives from its declaration. */
type ErrorStatus = 401 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface RouteDoc<B extends ZodType | undefined, Q extends ZodType | undefined> {
  method: Method;
  /** Express path relative to `/api`, e.g. `/devices/:id`. */
  path: string;
  /** Stable and unique: clients generated from the OpenAPI document name their methods after it. */
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  /** The status of a success: 201 for a creation. */
  status?: 200 | 201;
  /**
   * The error statuses the handler itself may answer. 400 (any request), 401 and 403 (by `access`),
   * 404 (a path id), 413 and 415 (a body) are added by `route()`.
   */
  errors?: ErrorStatus[];
  body?: B;
  /** Body types other than JSON (CSV, XLSX, plain text), for the docs. */
  rawBody?: string[];
  query?: Q;
  response?: ZodType;
  /** Non-JSON response media types, for the docs. */
  produces?: string[];
  middleware?: RequestHandler[];
  /** A wiping station's token may call it too (api/stations/station-auth.ts): posting an inventory or an nwipe log. */
  openToStations?: true;
}

type Parsed<T> = T extends ZodType ? z.infer<T> : undefined;
type AnyDoc = RouteDoc<ZodType | undefined, ZodType | undefined>;

/**
 * Declares a route once: its guard, the validation of its input and its OpenAPI operation come
 * from the same declaration, so the docs cannot drift from the code. The handler receives the
 * parsed values; the response status is the declared one unless the handler sets another.
 */
export function route<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined>(
  router: Router,
  doc: RouteDoc<B, Q>,
  handler: (req: Request, res: Response, input: { body: Parsed<B>; query: Parsed<Q> }) => unknown,
): void {
  registerDoc(doc as AnyDoc);
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
    res.status(doc.status ?? 200);
    await handler(req, res, input);
  };
  router[doc.method](doc.path, ...guardOf(doc.access), ...(doc.middleware ?? []), run);
  operationsOfRouter.set(router, [...(operationsOfRouter.get(router) ?? []), doc.operationId]);
}

/** The operations each domain's router was given by `route()`, for `routersByOperation`. */
const operationsOfRouter = new WeakMap<Router, string[]>();

/**
 * The domains' routers behind one middleware that hands a request straight to the router that
 * declared its operation (`findOperation`: a literal segment beats a parameter), or on when that
 * router is in another group. Express alone walks every route of every router (~40) for every
 * request: a tenth of the API's CPU on the scan + transition load (bench/README.md, round 3). A
 * path it does not know walks the routers in order, as Express would. Every route of these routers
 * must be declared with `route()` (checked here).
 */
export function routersByOperation(routers: Router[]): RequestHandler {
  const routerOf = new Map<string, Router>();
  for (const router of routers) {
    const operations = operationsOfRouter.get(router) ?? [];
    if (operations.length !== router.stack.length) throw new Error('routersByOperation: every route of these routers must be declared with route()');
    for (const operationId of operations) routerOf.set(operationId, router);
  }
  return (req, res, next) => {
    const operation = operationOf(req);
    if (!operation) return walkInOrder(routers, req, res, next);
    const router = routerOf.get(operation.operationId);
    if (router) router(req, res, next);
    else next();
  };
}

/**
 * Express's own way, for a path `findOperation` does not know: Express matches paths whatever
 * their case (`/api/Devices`), `findOperation` does not.
 */
function walkInOrder(routers: Router[], req: Request, res: Response, next: (error?: unknown) => void): void {
  const tryRouter = (index: number) => (error?: unknown) => {
    if (error || index === routers.length) return next(error);
    routers[index](req, res, tryRouter(index + 1));
  };
  tryRouter(0)();
}

function guardOf(access: Access): RequestHandler[] {
  if (typeof access === 'string') return [];
  return [
    (req, _res, next) => {
      if (!canAccess(currentUser(req).role, access.action, access.resource)) throw forbidden();
      next();
    },
  ];
}

/** The statuses an operation answers, all from its declaration. */
export function statusesOf(doc: AnyDoc): number[] {
  const statuses = new Set<number>([doc.status ?? 200, ...(doc.errors ?? [])]);
  // any request may be malformed (a NUL character, a broken JSON body): 400
  statuses.add(400);
  if (doc.access !== 'public') statuses.add(401);
  if (typeof doc.access === 'object') statuses.add(403);
  if (pathParameters(doc.path).some(isIdParameter)) statuses.add(404);
  // a body too large, or in a charset the JSON parser does not read, on any request that carries one
  if (doc.method !== 'get') statuses.add(413).add(415);
  // the database restarting or unreachable: 503 with Retry-After, on any route (core/database-outage.ts)
  statuses.add(503);
  return [...statuses].sort();
}

const pathParameters = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
/** `:id`, `:deviceId`: positive integers, as `parseId` reads them. */
const isIdParameter = (name: string) => name === 'id' || name.endsWith('Id');

function whoMayCall(access: Access): string {
  if (access === 'public') return 'Public, sans connexion.';
  if (access === 'signed-in') return 'Tout compte connecté (ses propres données).';
  const scope = ROW_SCOPES[access.resource];
  return `Rôles : ${rolesAllowed(access.action, access.resource).join(', ')}.${scope ? ` ${scope}` : ''}`;
}

export interface DeclaredRoute {
  method: Method;
  pattern: RegExp;
  operationId: string;
  statuses: number[];
  openToStations: boolean;
}

const declared = new Map<string, DeclaredRoute>();
/** The declared routes by the first segment of their path (`devices`), the only ones a request's path can match. */
const declaredBySegment = new Map<string, DeclaredRoute[]>();
const operationIds = new Set<string>();
const firstSegment = (path: string) => path.split('/')[1] ?? '';

function registerDoc(doc: AnyDoc): void {
  // createApp may run many times in one process (tests): document each route once
  const key = `${doc.method} ${doc.path}`;
  if (declared.has(key)) return;
  if (operationIds.has(doc.operationId)) throw new Error(`operationId ${doc.operationId} is declared twice`);
  operationIds.add(doc.operationId);
  const statuses = statusesOf(doc);
  const declaredRoute = { method: doc.method, pattern: pathPattern(doc.path), operationId: doc.operationId, statuses, openToStations: doc.openToStations === true };
  declared.set(key, declaredRoute);
  declaredBySegment.set(firstSegment(doc.path), [...(declaredBySegment.get(firstSegment(doc.path)) ?? []), declaredRoute]);
  registry.registerPath({
    method: doc.method,
    path: `/api${doc.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
    operationId: doc.operationId,
    summary: doc.summary,
    description: whoMayCall(doc.access),
    tags: [doc.tag],
    security: doc.access === 'public' ? [] : [{ bearer: [] }, ...(doc.openToStations ? [{ stationToken: [] }] : [])],
    request: {
      params: parametersSchema(doc.path),
      query: doc.query as never,
      body: requestBody(doc),
    },
    responses: Object.fromEntries(statuses.map((status) => [status, responseOf(doc, status)])),
  });
}

function parametersSchema(path: string) {
  const names = pathParameters(path);
  if (!names.length) return undefined;
  const id = z.number().int().min(1).max(2_147_483_647);
  return z.object(Object.fromEntries(names.map((name) => [name, isIdParameter(name) ? id : z.string()])));
}

function requestBody(doc: AnyDoc) {
  const content: Record<string, { schema: ZodType }> = {};
  if (doc.body) content['application/json'] = { schema: doc.body };
  for (const type of doc.rawBody ?? []) content[type] = { schema: z.string() };
  return Object.keys(content).length ? { content } : undefined;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Créé',
  400: 'Données invalides',
  401: 'Connexion requise ou session expirée',
  403: 'Rôle ou périmètre insuffisant',
  404: 'Introuvable',
  409: 'Conflit avec l’état actuel (statut, version, doublon)',
  413: 'Contenu trop volumineux',
  415: 'Type de contenu non accepté',
  422: 'Refusé par une règle métier',
  429: 'Trop de tentatives : réessayer plus tard',
  503: 'Service momentanément indisponible',
};

function responseOf(doc: AnyDoc, status: number) {
  if (status >= 400) return { description: STATUS_TEXT[status], content: { 'application/json': { schema: ErrorSchema } } };
  const content: Record<string, { schema: ZodType }> = {};
  if (doc.response) content['application/json'] = { schema: doc.response };
  for (const type of doc.produces ?? []) content[type] = { schema: z.string() };
  return { description: STATUS_TEXT[status], content: Object.keys(content).length ? content : undefined };
}

/** An Express path (`/devices/:id/label.svg`) as a regular expression on `req.path` under `/api`. */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/** The declared operation answering `method` on `path` (under `/api`), if any. */
export function findOperation(method: string, path: string): DeclaredRoute | undefined {
  const lower = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  let found: DeclaredRoute | undefined;
  for (const candidate of declaredBySegment.get(firstSegment(path)) ?? []) {
    if (candidate.method === lower && candidate.pattern.test(path)) {
      // a literal segment beats a parameter: /devices/import before /devices/:id
      if (!found || candidate.pattern.source.length > found.pattern.source.length) found = candidate;
    }
  }
  return found;
}

const operationsOfRequests = new WeakMap<Request, DeclaredRoute | undefined>();

/**
 * `findOperation` for a request under `/api`, looked up once: the 405 check, the dispatch to the
 * routers and the station check all ask for it.
 */
export function operationOf(req: Request): DeclaredRoute | undefined {
  if (!operationsOfRequests.has(req)) operationsOfRequests.set(req, findOperation(req.method, req.path));
  return operationsOfRequests.get(req);
}

/** A known path asked with a method it does not have: 405 with the methods it has (`Allow`). */
export const methodNotAllowed: RequestHandler = (req, res, next) => {
  if (operationOf(req)) return next();
  const candidates = declaredBySegment.get(firstSegment(req.path)) ?? [];
  const allowed = [...new Set(candidates.filter((candidate) => candidate.pattern.test(req.path)).map((candidate) => candidate.method.toUpperCase()))];
  if (!allowed.length) return next();
  if (allowed.includes('GET')) allowed.push('HEAD');
  res.set('Allow', allowed.join(', '));
  next(new AppError(405, 'METHOD_NOT_ALLOWED', `${req.method} n'est pas accepté sur ${req.path} : ${allowed.join(', ')} seulement.`, { allow: allowed }));
};

/** Every route declared with `route()`: the OpenAPI document's list, also walked by the role-matrix test. */
export function documentedRoutes(): { method: Method; path: string }[] {
  return registry.definitions.flatMap((definition) =>
    definition.type === 'route' ? [{ method: definition.route.method as Method, path: definition.route.path }] : [],
  );
}
