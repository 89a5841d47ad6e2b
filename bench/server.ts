import cluster, { type Worker } from 'node:cluster';
import { closeSync, openSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../api/app.js';
import { loadConfig } from '../api/config.js';
import { initOrm } from '../api/db/orm.js';

/**
 * The real app (createApp) in its own process, as in production: the load generator and the
 * measuring code stay out of its event loop, and its memory (peak RSS) is its own. Started by
 * bench/run.ts with DATABASE_URL and JWT_SECRET set; tells its port (and the ids of the processes
 * that serve, for their CPU time) to the parent over IPC.
 *
 * BENCH_INSTANCES=N (N > 1): N app processes on one port and one database (node:cluster, the
 * primary hands each new connection to the next worker), as several instances behind a proxy.
 */
const instances = Math.max(1, Number(process.env.BENCH_INSTANCES ?? 1));
const logFile = process.env.BENCH_LOG_FILE ?? '/dev/null';

async function serve() {
  const config = loadConfig({ ...process.env, PORT: '0', LOGIN_RATE_LIMIT: '100000' });
  const orm = await initOrm(config.databaseUrl!);
  // requests are logged as in production (level info), to a file the parent chose (or nowhere);
  // the workers of a cluster append to the file their primary emptied
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination({ dest: logFile, sync: false, append: cluster.isWorker }));
  const app = createApp({ orm, config, logger });
  // in a cluster worker, listen(0) gets the port the primary chose for every worker
  const server = app.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port, pid: process.pid });
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

async function primary() {
  if (logFile !== '/dev/null') closeSync(openSync(logFile, 'w'));
  const workers: Worker[] = [];
  const ready = await Promise.all(
    Array.from({ length: instances }, () => {
      const worker = cluster.fork();
      workers.push(worker);
      return new Promise<{ port: number; pid: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('exit', (code) => reject(new Error(`an app worker exited (${code}) before listening`)));
      });
    }),
  );
  process.send?.({ port: ready[0].port, pid: process.pid, workerPids: ready.map((worker) => worker.pid) });
  const stop = async () => {
    await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.isDead() ? resolve(null) : (worker.once('exit', resolve), worker.send('stop'))))));
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
}

(instances > 1 && cluster.isPrimary ? primary() : serve()).catch((error) => {
  console.error(error);
  process.exit(1);
});
