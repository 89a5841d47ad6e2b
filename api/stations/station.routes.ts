import { Router } from 'express';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { route } from '../core/routes.js';
import { ListQueryDoc, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { z } from '../core/zod.js';
import { createStation, listStations, revokeStation } from './station.service.js';

const StationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  site: z.string(),
  tokenHint: z.string(),
  userId: z.number().int(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const StationInputSchema = z.object({
  name: z.string().trim().min(2).max(60),
  site: z.string().trim().min(2).max(120),
});

/** « Postes d'effacement » (issue #15 §4): admins create a station's token, see its last use, revoke it. */
export function stationRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = "Postes d'effacement";
  const stations = { resource: 'stations' } as const;

  route(
    router,
    { method: 'get', path: '/stations', operationId: 'listStations', access: { action: 'list', ...stations }, summary: "Les postes d'effacement, leur site, leur dernier envoi et leur jeton (début seulement)", tag, query: ListQueryDoc, response: z.array(StationSchema) },
    async (_req, res) => {
      const rows = await listStations(ctx.em());
      sendPage(res, 'stations', 0, rows, rows.length);
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/stations', operationId: 'createStation', access: { action: 'create', ...stations }, status: 201,
      summary: "Créer un poste d'effacement et son jeton : le jeton n'est donné qu'une fois, dans cette réponse (seule son empreinte SHA-256 est gardée)",
      tag, body: StationInputSchema, response: StationSchema.extend({ token: z.string() }),
    },
    async (req, res, { body }) => {
      res.status(201).json(await createStation(ctx.em(), body, currentUser(req)));
    },
  );

  route(
    router,
    { method: 'post', path: '/stations/:id/revoke', operationId: 'revokeStation', access: { action: 'edit', ...stations }, summary: "Révoquer le jeton d'un poste : sa prochaine requête est refusée (401)", tag, response: StationSchema },
    async (req, res) => {
      res.json(await revokeStation(ctx.em(), parseId(req), currentUser(req)));
    },
  );
  return router;
}
