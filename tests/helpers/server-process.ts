import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '../../api/db/embedded-postgres.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PRODUCTION_SECRET = 'production-like-secret-0123456789-abcdef';
/** The JWT secret of createTestApp(): its tokens are valid for a child server on the same database. */
export const TEST_JWT_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

const children: ChildProcess[] = [];
const serversByPort = new Map<number, ServerProcess>();

/** fetch, but a refused connection says why: the output of the server that should be listening. */
async function request(port: number, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`http://127.0.0.1:${port}${url}`, init);
  } catch (error) {
    const server = serversByPort.get(port);
    const state = server ? `exit code ${server.child.exitCode}, signal ${server.child.signalCode}; output:\n${server.output()}` : 'no server started on this port';
    throw new Error(`${init.method ?? 'GET'} ${url} on port ${port} failed (${(error as Error).message}); ${state}`);
  }
}

/** Starts `api/server.ts` as a real process (what `npm start` runs), with only the given environment. */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server = { child, exited, output: () => output };
  if (env.PORT) serversByPort.set(Number(env.PORT), server);
  return server;
}

/** Kills every server this test file started and is still running (call from afterAll). */
export function killServers(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function waitForHealth(port: number, server: ServerProcess): Promise<void> {
  for (let waited = 0; waited < 90_000; waited += 100) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer: ${server.output()}`);
}

export interface ChildServer extends ServerProcess {
  port: number;
  /** PostgreSQL `application_name` of the server's connections: tells its backends apart in pg_stat_activity. */
  applicationName: string;
  url(path: string): string;
  /** SIGKILL: no shutdown handler runs, open transactions are cut off mid-way. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

let childServersStarted = 0;

/** The real server on DATABASE_URL with the test apps' secret, on a free port, once it answers. */
export async function startChildServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await findFreePort();
  const applicationName = `reemploi-child-${process.pid}-${++childServersStarted}`;
  const server = startServer({
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    PORT: String(port),
    LOGIN_RATE_LIMIT: '1000',
    PGAPPNAME: applicationName,
    ...env,
  });
  const signal = async (name: NodeJS.Signals) => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(name);
    await server.exited;
  };
  await waitForHealth(port, server);
  return {
    ...server,
    port,
    applicationName,
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}

export async function login(port: number, email: string, password: string) {
  const response = await request(port, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, body: await response.json() };
}

/** A JSON request to a running server, returning status and parsed body. */
export async function call(port: number, method: string, url: string, token?: string, body?: unknown) {
  const response = await request(port, url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
