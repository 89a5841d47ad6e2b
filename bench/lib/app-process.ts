import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../../api/core/permissions.js';
import { BENCH_ACCOUNTS, BENCH_PASSWORD } from '../data/dataset.js';

export const BENCH_JWT_SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz-reemploi';

export interface AppProcess {
  baseUrl: string;
  pid: number;
  /** How many processes serve the requests (`instances` of startApp). */
  instances: number;
  /** Peak resident memory of the app process so far (VmHWM), in MB (summed over the processes that serve). */
  peakRssMb(): number;
  /** Current resident memory (VmRSS), in MB (summed likewise). */
  rssMb(): number;
  /** CPU time the app has used so far (user + system), in seconds, every process that serves included. */
  cpuSeconds(): number;
  token(role: Role): Promise<string>;
  stop(): Promise<void>;
}

function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return kilobytes / 1024;
}

/** A process's parent and CPU time so far, its own and its reaped children's (fields 4 and 14–17 of /proc/<pid>/stat, in clock ticks, 100 a second). */
function procStat(pid: number | string) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { pid: Number(pid), parent: Number(fields[1]), ownTicks: Number(fields[11]) + Number(fields[12]), childrenTicks: Number(fields[13]) + Number(fields[14]) };
}

function cpuSecondsOf(pid: number): number {
  return procStat(pid).ownTicks / 100;
}

/**
 * CPU time used so far by the PostgreSQL server whose postmaster is `postmasterPid`, in seconds:
 * the postmaster, its live processes (backends, background workers) and those that have ended
 * (added to the postmaster's children's time once reaped), so that it never goes down.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  const stats = everyProcStat();
  const postmaster = stats.find((stat) => stat.pid === postmasterPid);
  if (!postmaster) throw new Error(`no PostgreSQL postmaster with process id ${postmasterPid}`);
  const children = stats.filter((stat) => stat.parent === postmasterPid);
  return (postmaster.ownTicks + postmaster.childrenTicks + children.reduce((sum, child) => sum + child.ownTicks, 0)) / 100;
}

function everyProcStat() {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return [procStat(entry)];
    } catch {
      // the process ended while the list was read
      return [];
    }
  });
}

/**
 * Starts the real app (bench/server.ts) in a child process on a free port; with `instances` > 1,
 * that many app processes on the same port (node:cluster), as several instances behind a proxy.
 */
export async function startApp(databaseUrl: string, options: { logFile?: string; instances?: number } = {}): Promise<AppProcess> {
  const instances = Math.max(1, options.instances ?? 1);
  const { child, port, workerPids } = await forkServer<{ workerPids?: number[] }>('../server.ts', {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'info',
    BENCH_LOG_FILE: options.logFile ?? '/dev/null',
    BENCH_INSTANCES: String(instances),
  });
  // the processes that serve: the app itself, or the primary (which only hands connections over) and its workers
  const pids = [child.pid!, ...(workerPids ?? [])];
  const sum = (measure: (pid: number) => number) => pids.reduce((total, pid) => total + measure(pid), 0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const tokens = new Map<Role, string>();
  return {
    baseUrl,
    pid: child.pid!,
    instances,
    peakRssMb: () => sum((pid) => memoryMb(pid, 'VmHWM')),
    rssMb: () => sum((pid) => memoryMb(pid, 'VmRSS')),
    cpuSeconds: () => sum(cpuSecondsOf),
    async token(role) {
      if (!tokens.has(role)) {
        const response = await fetch(`${baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: BENCH_ACCOUNTS[role], password: BENCH_PASSWORD }),
        });
        if (response.status !== 200) throw new Error(`login as ${role} failed: ${response.status} ${await response.text()}`);
        tokens.set(role, ((await response.json()) as { token: string }).token);
      }
      return tokens.get(role)!;
    },
    stop: () => stopServer(child),
  };
}

/**
 * Forks one of the bench's servers (a script next to bench/run.ts, run by tsx) and waits for the
 * port it tells over IPC. BENCH_CPU_PROF=dir writes a V8 CPU profile of it there (where its time goes).
 */
async function forkServer<Extra>(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number } & Extra> {
  const child: ChildProcess = fork(path.resolve(import.meta.dirname, script), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const told = await new Promise<{ port: number } & Extra>((resolve, reject) => {
    child.once('message', resolve as (message: unknown) => void);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
  });
  return { child, ...told };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The framework's floor (bench/framework-floor-server.ts) in its own process, like the app. */
export async function startFrameworkFloor(databaseUrl: string, partner: { id: number; organisation: string }) {
  const { child, port } = await forkServer<object>('../framework-floor-server.ts', {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    BENCH_PARTNER_ID: String(partner.id),
    BENCH_PARTNER_ORGANISATION: partner.organisation,
  });
  return { baseUrl: `http://127.0.0.1:${port}`, cpuSeconds: () => cpuSecondsOf(child.pid!), stop: () => stopServer(child) };
}
