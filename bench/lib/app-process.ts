import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../../api/core/permissions.js';
import { BENCH_ACCOUNTS, BENCH_PASSWORD } from '../data/dataset.js';

export const BENCH_JWT_SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz-reemploi';

export interface AppProcess {
  baseUrl: string;
  pid: number;
  /** Peak resident memory of the app process so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Current resident memory (VmRSS), in MB. */
  rssMb(): number;
  /** CPU time the app process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  token(role: Role): Promise<string>;
  stop(): Promise<void>;
}

function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return kilobytes / 1024;
}

/** Starts the real app (bench/server.ts) in a child process on a free port. */
export async function startApp(databaseUrl: string, options: { logFile?: string } = {}): Promise<AppProcess> {
  const child: ChildProcess = fork(path.resolve(import.meta.dirname, '../server.ts'), [], {
    // BENCH_CPU_PROF=dir writes a V8 CPU profile of the app process there (to see where its time goes)
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'info', BENCH_LOG_FILE: options.logFile ?? '/dev/null' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`the app process exited (${code}) before listening`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const tokens = new Map<Role, string>();
  return {
    baseUrl,
    pid: child.pid!,
    peakRssMb: () => memoryMb(child.pid!, 'VmHWM'),
    rssMb: () => memoryMb(child.pid!, 'VmRSS'),
    cpuSeconds: () => {
      // fields 14 and 15 of /proc/<pid>/stat: user and system time, in clock ticks (100 a second)
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
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
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
