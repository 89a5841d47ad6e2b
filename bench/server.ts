import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../api/app.js';
import { loadConfig } from '../api/config.js';
import { initOrm } from '../api/db/orm.js';

/**
 * The real app (createApp) in its own process, as in production: the load generator and the
 * measuring code stay out of its event loop, and its memory (peak RSS) is its own. Started by
 * bench/run.ts with DATABASE_URL and JWT_SECRET set; tells its port to the parent over IPC.
 */
async function main() {
  const config = loadConfig({ ...process.env, PORT: '0', LOGIN_RATE_LIMIT: '100000' });
  const orm = await initOrm(config.databaseUrl!);
  // requests are logged as in production (level info), to a file the parent chose (or nowhere)
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination({ dest: process.env.BENCH_LOG_FILE ?? '/dev/null', sync: false, append: false }));
  const app = createApp({ orm, config, logger });
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  server.keepAliveTimeout = 60_000;
  process.on('message', async (message) => {
    if (message === 'stop') {
      server.close();
      await orm.close();
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
