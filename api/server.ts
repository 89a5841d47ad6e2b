import { pino } from 'pino';
import { loadConfig, ConfigError } from './config.js';
import { createApp } from './app.js';
import { databaseUrl, leaveShutdownSignalsToCaller, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { ensureDatabase, initOrm, migrate } from './db/orm.js';
import { withStartupLock } from './db/startup-lock.js';
import { seedDemoIfEmpty } from '../seeds/demo.js';
import { seedFactors } from '../seeds/factors.js';
import { issueDemoDocumentsInBackground } from '../seeds/demo-documents.js';
import { scheduleJobs } from './core/job-runner.js';
import { mailJobs, scheduledJobs } from './scheduled-jobs.js';
import { gracefulCloser } from './core/graceful-close.js';
import { answeringUrls, publicUrlWarning } from './core/listen-addresses.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL (demo mode)');
    embedded = await startEmbeddedPostgres(
      config.dataDir,
      (message) => logger.debug({ postgres: message.trim() }),
      (outage) => (outage ? logger.error({ outage }, 'embedded PostgreSQL down: restarting it; requests get 503 meanwhile') : logger.warn('embedded PostgreSQL restarted: serving again')),
    );
    url = databaseUrl(embedded.url, 'reemploi');
  }
  await ensureDatabase(url);
  const orm = await initOrm(url);
  let demoSeeded = false;
  // several instances may start at once on one database: one migrates and seeds, the others wait
  await withStartupLock(url, async () => {
    await migrate(orm);
    // reference data (ADEME factors): inserts the missing device types, never overwrites an admin's edits
    await seedFactors(orm.em.fork());
    if (config.demo) {
      const seeded = await seedDemoIfEmpty(orm.em.fork());
      if (seeded) logger.info('empty database: demo data loaded (password of every demo account: demo-reemploi)');
      demoSeeded = seeded;
    }
  });
  const app = createApp({ orm, config, logger, databaseOutage: embedded?.outage });
  const stopJobs = scheduleJobs(orm, logger, scheduledJobs(config));
  const stopMail = scheduleJobs(orm, logger, mailJobs(config), 30_000);
  if (!config.smtpUrl) logger.info('E-mail notifications are off (no SMTP_URL); in-app notifications work as usual.');
  const onListening = () => {
    const urls = answeringUrls(config.port, config.host);
    logger.info(`Réemploi is ready: ${urls.map((url) => `${url}/admin/`).join(' ')} (API: /api, docs: /api/docs; public address: ${config.publicUrl})`);
    const warning = publicUrlWarning(config.publicUrl, urls);
    if (warning) logger.warn(warning);
  };
  const server = config.host ? app.listen(config.port, config.host, onListening) : app.listen(config.port, onListening);
  const closeServer = gracefulCloser(server);
  // rendering the demo's certificates and manifests takes a while: done once the server answers
  if (demoSeeded) void issueDemoDocumentsInBackground({ orm, config, logger });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stopJobs();
    stopMail();
    // stop accepting connections and let requests in flight finish (10 s at most) before closing the pool
    await closeServer(10_000);
    await orm.close();
    await embedded?.stop();
    process.exit(0);
  };
  leaveShutdownSignalsToCaller();
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'Réemploi could not start');
  process.exit(1);
});
