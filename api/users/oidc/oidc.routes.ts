import { Router } from 'express';
import type { AppContext } from '../../core/context.js';
import { signToken } from '../../core/auth.js';
import { AppError, notFound } from '../../core/errors.js';
import { route } from '../../core/routes.js';
import { auditNow } from '../../admin-log/admin-log.js';
import { failedAttemptsLimiter } from '../user.routes.js';
import { serializeUser } from '../user.service.js';
import { makeOidcClient, ProviderUnavailable, type OidcClient } from './oidc-client.js';
import type { OidcProviderConfig } from './oidc-config.js';
import { saveLoginTransaction, takeLoginTransaction } from './login-transaction.js';
import { signInWithProvider } from './oidc-sign-in.js';
import { OidcCallbackResponseSchema, OidcCallbackSchema, OidcProviderListSchema, OidcStartResponseSchema } from './oidc.schemas.js';

const unavailable = (provider: OidcProviderConfig) =>
  new AppError(503, 'PROVIDER_UNAVAILABLE', `Le service de connexion « ${provider.name} » ne répond pas. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe Réemploi si vous en avez un.`);

/** What the user reads whatever check failed: the details (which check, what the provider said) go to the server's log only. */
/** For the server's log: which check failed, in openid-client's words; never the tokens or the provider's whole answer. */
function checkFailure(error: unknown) {
  const cause = (error as { cause?: { name?: string; message?: string; code?: string; error?: string } }).cause;
  return { failure: cause?.message ?? (error as Error).message, code: cause?.code, providerError: cause?.error };
}

const refused = (provider: OidcProviderConfig | undefined) =>
  new AppError(401, 'SIGN_IN_REFUSED', `La connexion${provider ? ` avec « ${provider.name} »` : ''} n’a pas pu être vérifiée. Recommencez depuis la page de connexion ; si cela se reproduit, prévenez un administrateur.`);

/**
 * Public routes of the OpenID Connect sign-in: the providers for the login page's buttons, the
 * start (an authorization URL with state, nonce and PKCE), and the callback's checks.
 */
export function oidcRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Authentification';
  const providers = new Map(ctx.config.oidcProviders.map((provider) => [provider.id, provider]));
  const clients = new Map<string, OidcClient>(ctx.config.oidcProviders.map((provider) => [provider.id, makeOidcClient(provider, ctx.config.oidcClockTolerance)]));
  // failed starts and callbacks (refusals, provider down), per IP, like the password login's
  const perIp = failedAttemptsLimiter(ctx, 'oidc-ip', ctx.config.loginRateLimit * 10);

  route(
    router,
    { method: 'get', path: '/auth/oidc/providers', operationId: 'listOidcProviders', access: 'public', summary: 'Les services d’identité proposés sur la page de connexion', tag, response: OidcProviderListSchema },
    async (_req, res) => {
      res.json(ctx.config.oidcProviders.map(({ id, name }) => ({ id, name })));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/auth/oidc/:provider/start', operationId: 'startOidcSignIn', access: 'public', errors: [404, 429, 503],
      summary: 'Commencer la connexion par un service d’identité : adresse où envoyer le navigateur',
      tag,
      response: OidcStartResponseSchema,
      middleware: [perIp],
    },
    async (req, res) => {
      const provider = providers.get(String(req.params.provider));
      if (!provider) throw notFound('Service de connexion');
      try {
        const { url, checks } = await clients.get(provider.id)!.authorizationUrl();
        saveLoginTransaction(res, ctx.config, { provider: provider.id, ...checks });
        res.json({ authorizationUrl: url });
      } catch (error) {
        ctx.logger.warn({ ...checkFailure(error), provider: provider.id }, 'OpenID Connect start failed');
        throw error instanceof ProviderUnavailable ? unavailable(provider) : refused(provider);
      }
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/auth/oidc/callback', operationId: 'finishOidcSignIn', access: 'public', errors: [401, 409, 429, 503],
      summary: 'Finir la connexion : vérifie state, nonce, PKCE et le jeton d’identité, puis ouvre la session ou met l’agent en attente',
      tag,
      body: OidcCallbackSchema,
      response: OidcCallbackResponseSchema,
      middleware: [perIp],
    },
    async (req, res, { body }) => {
      const transaction = takeLoginTransaction(req, res, ctx.config);
      const provider = transaction && providers.get(transaction.provider);
      if (!transaction || !provider) {
        await auditNow(ctx.em(), { action: 'login_failed', outcome: 'refused', details: { reason: 'oidc_no_transaction' } });
        throw refused(provider);
      }
      let verified;
      try {
        verified = await clients.get(provider.id)!.verifyCallback(body.query, transaction);
      } catch (error) {
        ctx.logger.warn({ ...checkFailure(error), provider: provider.id }, 'OpenID Connect callback refused');
        if (error instanceof ProviderUnavailable) throw unavailable(provider);
        await auditNow(ctx.em(), { action: 'login_failed', outcome: 'refused', details: { reason: 'oidc_check_failed', provider: provider.id } });
        throw refused(provider);
      }
      const outcome = await signInWithProvider({ em: ctx.em(), notifier: ctx.notifier }, provider, verified);
      const about = { id: provider.id, name: provider.name };
      if (outcome.kind === 'pending') return res.json({ outcome: 'pending', name: outcome.name, provider: about });
      res.json({ outcome: 'signed_in', token: signToken(ctx.config, outcome.user), user: serializeUser(outcome.user), provider: about, endSessionUrl: verified.endSessionUrl });
    },
  );
  return router;
}
