import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { BENCH_ACCOUNTS, BENCH_PASSWORD } from '../data/dataset.js';
import type { AppProcess } from '../lib/app-process.js';
import { figure, median, type Figure } from '../lib/report.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'admin/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What the browser must download before the back office can show anything: the entry chunk of
 * the Vite build and every chunk it imports statically (the `modulepreload` links Vite writes
 * into index.html), gzipped as a web server sends them. Lazy pages are not counted.
 */
export function initialJavaScript(): { gzipBytes: number; rawBytes: number; files: { file: string; gzipBytes: number }[] } {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
  const files = [...new Set(entries)].map((url) => {
    const content = readFileSync(path.join(DIST, url.replace(/^\/admin\//, '')));
    return { file: url.replace(/^\/admin\/assets\//, ''), rawBytes: content.length, gzipBytes: gzipSync(content).length };
  });
  return {
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    rawBytes: files.reduce((sum, file) => sum + file.rawBytes, 0),
    files: files.sort((a, b) => b.gzipBytes - a.gzipBytes).map(({ file, gzipBytes }) => ({ file, gzipBytes })),
  };
}

/**
 * Builds the back office (admin/dist). Before the app process starts: createApp serves /admin only
 * when the build is there when it starts (a first run in a fresh checkout timed out on a 404).
 */
export function buildBackOffice(): void {
  execFileSync('npx', ['vite', 'build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

export async function backOfficeBenchmark(app: AppProcess, options: { runs: number; build: boolean }): Promise<Figure[]> {
  if (options.build || !existsSync(path.join(DIST, 'index.html'))) buildBackOffice();
  const bundle = initialJavaScript();
  const figures = [
    figure('backOffice.initialJs', 'Back office: initial JavaScript, gzipped', bundle.gzipBytes / 1024, 'KB', { op: '<=', value: 500 }, {
      baseline: { label: 'before gzip', value: bundle.rawBytes / 1024, unit: 'KB' },
      details: { chunks: bundle.files.length, largest: bundle.files.slice(0, 5) },
    }),
  ];
  if (!existsSync(CHROMIUM)) {
    console.warn(`  (no Chromium at ${CHROMIUM}: time to a usable devices list not measured)`);
    return figures;
  }

  const login = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: BENCH_ACCOUNTS.it_staff, password: BENCH_PASSWORD }) });
  const session = (await login.json()) as { token: string; user: unknown };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
  try {
    const times: number[] = [];
    for (let run = 0; run <= options.runs; run++) {
      // a new context each time: empty HTTP cache, as on a technician's first visit of the day
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
      await context.addInitScript(([token, user]) => {
        localStorage.setItem('reemploi.token', token as string);
        localStorage.setItem('reemploi.user', JSON.stringify(user));
      }, [session.token, session.user]);
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/admin/devices`, { waitUntil: 'commit' });
      // usable: the first page of devices is on screen (a row showing an asset tag)
      await page.getByRole('cell', { name: /^CD59-\d{6}-\d$/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
      const sinceNavigation = await page.evaluate(() => performance.now());
      if (run > 0) times.push(sinceNavigation); // run 0 warms the server
      await context.close();
    }
    figures.push(figure('backOffice.devicesListUsable', 'Back office: time to a usable devices list (cold cache)', median(times), 'ms', null, { details: { runs: times } }));
  } finally {
    await browser.close();
  }
  return figures;
}
