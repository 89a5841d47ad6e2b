import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '../../api/db/embedded-postgres.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The JWT secret of createTestApp(): its tokens are valid for a child server on the same database. */
export const TEST_JWT_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface ChildServer {
  child: ChildProcess;
  port: number;
  /** PostgreSQL `application_name` of the server's connections: tells its backends apart in pg_stat_activity. */
  applicationName: string;
  url(path: string): string;
  exited: Promise<number | null>;
  output(): string;
  /** SIGKILL: no shutdown handler runs, open transactions are cut off mid-way. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

let started = 0;

/** The real server (`node --import tsx api/server.ts`) on DATABASE_URL, as `npm start` runs it in production. */
export async function startChildServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await findFreePort();
  const applicationName = `reemploi-child-${process.pid}-${++started}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '1000',
      PGAPPNAME: applicationName,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server: ChildServer = {
    child,
    port,
    applicationName,
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    exited,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  await waitForHealth(server);
  return server;
}

async function waitForHealth(server: ChildServer): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      const response = await fetch(server.url('/api/health'));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer: ${server.output()}`);
}
