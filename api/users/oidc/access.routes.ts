import { Router } from 'express';
import type { AppContext } from '../../core/context.js';
import { currentUser } from '../../core/auth.js';
import { notFound } from '../../core/errors.js';
import { route } from '../../core/routes.js';
import { ListQueryDoc, oneOrMany, parseListQuery, sendPage } from '../../core/simple-rest.js';
import { parseId } from '../../core/validation.js';
import { z } from '../../core/zod.js';
import { accessRequestFromRow, mappingFromRow, type AccessRequestRow, type MappingRow } from './access-store.js';
import { approveAccessRequest, refuseAccessRequest } from './access-request.service.js';
import { AccessApprovalSchema, AccessRequestSchema, OidcMappingInputSchema, OidcMappingSchema } from './oidc.schemas.js';

type MappingInput = z.infer<typeof OidcMappingInputSchema>;
const mappingValues = (input: MappingInput) => [input.provider ?? null, input.claim, input.value, input.role ?? null, input.territory ?? null, input.priority];

/**
 * The back office's « Connexion par le Département » screens (admins): the claim → role/territory
 * rules, and the agents waiting for an admin to give them a role.
 * Longer than 80 lines on purpose: one `route()` declaration after another.
 */
export function accessRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Utilisateurs';
  const mappings = { resource: 'oidc-mappings' } as const;

  route(
    router,
    { method: 'get', path: '/oidc-mappings', operationId: 'listOidcMappings', access: { action: 'list', ...mappings }, summary: 'Règles : revendication du service d’identité → rôle et territoire', tag, query: ListQueryDoc, response: z.array(OidcMappingSchema) },
    async (_req, res) => {
      const rows = await ctx.em().execute<MappingRow[]>('select * from oidc_mappings order by priority, id');
      sendPage(res, 'oidc-mappings', 0, rows.map(mappingFromRow), rows.length);
    },
  );

  route(
    router,
    { method: 'get', path: '/oidc-mappings/:id', operationId: 'getOidcMapping', access: { action: 'show', ...mappings }, summary: 'Voir une règle', tag, response: OidcMappingSchema },
    async (req, res) => {
      const row = await ctx.em().execute<MappingRow>('select * from oidc_mappings where id = ?', [parseId(req)], 'get');
      if (!row) throw notFound('Règle');
      res.json(mappingFromRow(row));
    },
  );

  route(
    router,
    { method: 'post', path: '/oidc-mappings', operationId: 'createOidcMapping', access: { action: 'create', ...mappings }, status: 201, summary: 'Ajouter une règle', tag, body: OidcMappingInputSchema, response: OidcMappingSchema },
    async (_req, res, { body }) => {
      const [row] = await ctx.em().execute<MappingRow[]>('insert into oidc_mappings (provider, claim, value, role, territory, priority) values (?, ?, ?, ?, ?, ?) returning *', mappingValues(body));
      res.status(201).json(mappingFromRow(row));
    },
  );

  route(
    router,
    { method: 'put', path: '/oidc-mappings/:id', operationId: 'updateOidcMapping', access: { action: 'edit', ...mappings }, summary: 'Modifier une règle (compte à la prochaine connexion de chaque agent)', tag, body: OidcMappingInputSchema, response: OidcMappingSchema },
    async (req, res, { body }) => {
      const [row] = await ctx.em().execute<MappingRow[]>('update oidc_mappings set provider = ?, claim = ?, value = ?, role = ?, territory = ?, priority = ? where id = ? returning *', [...mappingValues(body), parseId(req)]);
      if (!row) throw notFound('Règle');
      res.json(mappingFromRow(row));
    },
  );

  route(
    router,
    { method: 'delete', path: '/oidc-mappings/:id', operationId: 'deleteOidcMapping', access: { action: 'delete', ...mappings }, summary: 'Supprimer une règle', tag, response: OidcMappingSchema },
    async (req, res) => {
      const [row] = await ctx.em().execute<MappingRow[]>('delete from oidc_mappings where id = ? returning *', [parseId(req)]);
      if (!row) throw notFound('Règle');
      res.json(mappingFromRow(row));
    },
  );

  const requests = { resource: 'access-requests' } as const;
  route(
    router,
    { method: 'get', path: '/access-requests', operationId: 'listAccessRequests', access: { action: 'list', ...requests }, summary: 'Agents en attente d’un rôle (et demandes traitées)', tag, query: ListQueryDoc, response: z.array(AccessRequestSchema) },
    async (req, res) => {
      const query = parseListQuery(req, { sortFields: ['id', 'requestedAt'], defaultSort: ['requestedAt', 'DESC'], filter: z.object({ status: oneOrMany(z.enum(['pending', 'approved', 'refused'])).optional() }) });
      const statuses = query.filter.status ?? ['pending', 'approved', 'refused'];
      const order = `${query.sortField === 'id' ? 'id' : 'requested_at'} ${query.sortOrder === 'ASC' ? 'asc' : 'desc'}`;
      const rows = await ctx.em().execute<AccessRequestRow[]>(`select * from access_requests where status = any(?::text[]) order by ${order}, id limit ? offset ?`, [`{${statuses.join(',')}}`, query.limit, query.offset]);
      const [{ total }] = await ctx.em().execute<{ total: number }[]>('select count(*)::int as total from access_requests where status = any(?::text[])', [`{${statuses.join(',')}}`]);
      sendPage(res, 'access-requests', query.offset, rows.map(accessRequestFromRow), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/access-requests/:id', operationId: 'getAccessRequest', access: { action: 'show', ...requests }, summary: 'Voir une demande d’accès', tag, response: AccessRequestSchema },
    async (req, res) => {
      const row = await ctx.em().execute<AccessRequestRow>('select * from access_requests where id = ?', [parseId(req)], 'get');
      if (!row) throw notFound('Demande d’accès');
      res.json(accessRequestFromRow(row));
    },
  );

  route(
    router,
    { method: 'post', path: '/access-requests/:id/approve', operationId: 'approveAccessRequest', access: { action: 'edit', ...requests }, errors: [409], summary: 'Donner un rôle (et un territoire) à l’agent : son compte est créé, lié à son identité', tag, body: AccessApprovalSchema, response: AccessRequestSchema },
    async (req, res, { body }) => {
      res.json(await approveAccessRequest(ctx.em(), parseId(req), body, currentUser(req)));
    },
  );

  route(
    router,
    { method: 'post', path: '/access-requests/:id/refuse', operationId: 'refuseAccessRequest', access: { action: 'edit', ...requests }, errors: [409], summary: 'Refuser l’accès à l’agent', tag, response: AccessRequestSchema },
    async (req, res) => {
      res.json(await refuseAccessRequest(ctx.em(), parseId(req), currentUser(req)));
    },
  );
  return router;
}
