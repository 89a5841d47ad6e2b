import { Router } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppContext } from '../core/context.js';
import { unauthorized } from '../core/errors.js';
import { route } from '../core/routes.js';
import { z } from '../core/zod.js';

/**
 * Sign-out (issue #20 §9): the token's session is revoked in the database, so that every instance
 * refuses it from the next request (the check is in `authenticate`), not 9 hours later.
 */
export function sessionRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'post',
      path: '/auth/logout', operationId: 'logout', access: 'signed-in',
      summary: 'Se déconnecter : le jeton est révoqué sur le serveur',
      tag: 'Authentification',
      response: z.object({ signedOut: z.literal(true) }),
    },
    async (req, res) => {
      if (!req.sessionToken) throw unauthorized();
      await revokeSession(ctx.em(), req.sessionToken.id, req.sessionToken.expiresAt);
      res.json({ signedOut: true });
    },
  );
  return router;
}

async function revokeSession(em: EntityManager, sessionId: string, expiresAt: number): Promise<void> {
  await em.execute(`insert into revoked_sessions (jti, expires_at) values (?::uuid, to_timestamp(?)) on conflict (jti) do nothing`, [sessionId, expiresAt]);
}

/** A revoked session whose token has expired is refused for its expiry anyway: its row can go. */
export async function purgeRevokedSessions(em: EntityManager): Promise<{ purged: number }> {
  const rows = await em.execute<{ jti: string }[]>(`delete from revoked_sessions where expires_at < now() returning jti`);
  return { purged: rows.length };
}
