import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { RequestContext } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import swaggerUi from 'swagger-ui-express';
import type { AppConfig } from './config.js';
import type { AppContext } from './core/context.js';
import { authenticate } from './core/auth.js';
import { requestLog } from './core/request-log.js';
import { errorHandler, notFoundRoute, rejectNulCharacters } from './core/errors.js';
import { openApiDocument } from './core/openapi.js';
import { methodNotAllowed, routersByOperation } from './core/routes.js';
import { authRoutes, userRoutes } from './users/user.routes.js';
import { deviceRoutes } from './devices/device.routes.js';
import { custodyRoutes } from './devices/custody.routes.js';
import { eventRoutes } from './devices/event.routes.js';
import { inventoryBodyParser, inventoryRoutes } from './devices/inventory/inventory.routes.js';
import { scanRoutes } from './devices/scan.routes.js';
import { labelRoutes } from './devices/label.routes.js';
import { importRoutes } from './devices/import/import.routes.js';
import { chassisMappingRoutes } from './devices/chassis-mapping.routes.js';
import { dashboardRoutes } from './devices/dashboard.routes.js';
import { sanitizationRoutes } from './sanitization/sanitization.routes.js';
import { mediumRoutes } from './sanitization/medium.routes.js';
import { batchRoutes } from './batches/batch.routes.js';
import { batchContentRoutes } from './batches/batch-content.routes.js';
import { batchDocumentRoutes } from './batches/batch-document.routes.js';
import { stockTakeRoutes } from './stock-takes/stock-take.routes.js';
import { stockTakeDocumentRoutes } from './stock-takes/stock-take-document.routes.js';
import { referralRoutes } from './referrals/referral.routes.js';
import { beneficiaryRoutes } from './referrals/beneficiary.routes.js';
import { allocationRoutes } from './referrals/allocation.routes.js';
import { agreementRoutes } from './agreements/agreement.routes.js';
import { factorRoutes } from './factors/factor.routes.js';
import { priceGridRoutes } from './pricing/price-grid.routes.js';
import { reportRoutes } from './reports/report.routes.js';
import { jobRoutes } from './core/job.routes.js';
import { scheduledJobs } from './scheduled-jobs.js';
import { makeNotifier } from './notifications/notify.js';
import { notificationRoutes } from './notifications/notification.routes.js';
import { certificateRoutes, publicCertificateRoutes } from './sanitization/certificate.routes.js';
import { captureRequestInfo, logAdminWrites } from './admin-log/admin-log.js';
import { checkJsonBody, verifyUtf8 } from './core/upload-guards.js';
import { adminLogRoutes } from './admin-log/admin-log.routes.js';
import { sessionRoutes } from './users/session.routes.js';
import { databaseOutageGate } from './core/database-outage.js';
import { oidcRoutes } from './users/oidc/oidc.routes.js';
import { accessRoutes } from './users/oidc/access.routes.js';
import { custodyProofRoutes, publicTransparencyRoutes } from './transparency/transparency.routes.js';
import { authenticateStation } from './stations/station-auth.js';
import { stationRoutes } from './stations/station.routes.js';

const ADMIN_DIST = path.resolve(import.meta.dirname, '../admin/dist');

/** Builds the Express app. No side effect at import: the caller owns the ORM, config and logger. */
export function createApp({
  orm,
  config,
  logger,
  databaseOutage,
}: {
  orm: MikroORM;
  config: AppConfig;
  logger: Logger;
  /** Embedded mode: why the database cannot serve now (its supervisor is restarting it), if so. */
  databaseOutage?: () => string | undefined;
}) {
  const ctx: AppContext = {
    orm,
    config,
    logger,
    em: () => (RequestContext.getEntityManager() as ReturnType<AppContext['em']>) ?? orm.em,
    notifier: makeNotifier({ publicUrl: config.publicUrl, mail: !!config.smtpUrl }),
  };
  const app = express();
  app.disable('x-powered-by');
  // the reverse proxy's X-Forwarded-For gives the client's IP (login throttling), but only from proxies we trust
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  // the API's answers are read afresh every time (a device's status changes under the scanner) and
  // never answered 304: no SHA-1 of every body; the back office's files keep theirs (express.static)
  app.set('etag', false);

  app.use(securityHeaders(config.publicUrl));
  app.use(requestLog(logger));
  app.use('/api/inventory', inventoryBodyParser);
  app.use(express.json({ limit: '1mb', verify: verifyUtf8 }));
  app.use(checkJsonBody);
  app.use(rejectNulCharacters);
  app.use((_req, _res, next) => RequestContext.create(orm.em, next));

  if (databaseOutage) app.use('/api', databaseOutageGate(databaseOutage));
  app.use('/api', apiRouter(ctx));

  if (existsSync(ADMIN_DIST)) {
    app.use('/admin', express.static(ADMIN_DIST, { index: 'index.html', maxAge: '1h' }));
    app.get('/admin/{*splat}', (_req, res) => res.sendFile(path.join(ADMIN_DIST, 'index.html')));
    app.get('/', (_req, res) => res.redirect('/admin/'));
  }
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}

/**
 * Security headers (helmet), with the Content-Security-Policy the back office needs. Helmet's
 * default `upgrade-insecure-requests` is sent only when the public address is HTTPS: over plain
 * HTTP from another machine (a demo on a VM), it makes the browser ask for every script over
 * HTTPS, and the back office stays a blank page.
 */
function securityHeaders(publicUrl: string) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        // MUI (emotion) injects <style> elements at run time
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'script-src': ["'self'"],
        'connect-src': ["'self'"],
        'media-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': new URL(publicUrl).protocol === 'https:' ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * The API under `/api`: public routes first (health, docs, login, certificate check), then the
 * session check, then every domain's routes, in the order Express must try them (a request is
 * handed straight to the router that declared its operation: `routersByOperation`).
 */
function apiRouter(ctx: AppContext) {
  const { orm, config, logger } = ctx;
  const api = express.Router();
  api.get('/health', async (_req, res) => {
    await orm.em.getConnection().execute('select 1');
    res.json({ status: 'ok' });
  });
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  api.use('/docs', swaggerUi.serveFiles(undefined, { swaggerUrl: '/api/openapi.json' }), swaggerUi.setup(undefined, { swaggerUrl: '/api/openapi.json', customSiteTitle: 'Réemploi — API' }));
  api.use(captureRequestInfo);
  api.use(methodNotAllowed);
  api.use(routersByOperation([authRoutes(ctx), oidcRoutes(ctx), publicCertificateRoutes(ctx), publicTransparencyRoutes(ctx)]));
  api.use(authenticateStation(ctx.em));
  api.use(authenticate(config, ctx.em));
  api.use(logAdminWrites(ctx.em, logger));
  api.use(
    routersByOperation([
      userRoutes(ctx),
      sessionRoutes(ctx),
      accessRoutes(ctx),
      importRoutes(ctx),
      chassisMappingRoutes(ctx),
      labelRoutes(ctx),
      deviceRoutes(ctx),
      custodyRoutes(ctx),
      custodyProofRoutes(ctx),
      eventRoutes(ctx),
      inventoryRoutes(ctx),
      scanRoutes(ctx),
      dashboardRoutes(ctx),
      mediumRoutes(ctx),
      sanitizationRoutes(ctx),
      certificateRoutes(ctx),
      batchRoutes(ctx),
      batchContentRoutes(ctx),
      batchDocumentRoutes(ctx),
      stockTakeRoutes(ctx),
      stockTakeDocumentRoutes(ctx),
      beneficiaryRoutes(ctx),
      referralRoutes(ctx),
      allocationRoutes(ctx),
      priceGridRoutes(ctx),
      agreementRoutes(ctx),
      factorRoutes(ctx),
      reportRoutes(ctx),
      jobRoutes(ctx, scheduledJobs(config)),
      notificationRoutes(ctx),
      adminLogRoutes(ctx),
      stationRoutes(ctx),
    ]),
  );
  api.use(notFoundRoute);
  return api;
}
