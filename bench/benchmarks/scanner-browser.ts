import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import { BENCH_ACCOUNTS, BENCH_PASSWORD } from '../data/dataset.js';
import type { AppProcess } from '../lib/app-process.js';
import { figure, median, percentile, type Figure } from '../lib/report.js';
import { buildBackOffice } from './back-office.js';
import { transitionsBenchmark, type Invariant } from './transitions.js';

const IDLE_SCANS = 15;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = path.resolve(import.meta.dirname, '../../admin/dist');

declare global {
  interface Window {
    benchEnterAt?: number;
    benchCardPainted?: (tag: string) => Promise<number>;
  }
}

/**
 * In the page, before anything runs: the time of each Enter key (capture phase, before the app
 * sees it), and a wait for the card of a tag, resolved after the frame that shows it is painted
 * (a DOM observer sees the card's title change, then a frame callback and a task after it: the
 * paint happens between the two).
 */
// a string, not a function: tsx would wrap a function's inner functions in a helper the page lacks
const INSTRUMENT_PAGE = `
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') window.benchEnterAt = performance.now();
  }, true);
  window.benchCardPainted = (tag) => new Promise((resolve) => {
    const shown = () => document.querySelector('[data-testid="scanned-device"] h2')?.textContent === tag;
    const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.benchEnterAt), 0));
    if (shown()) return painted();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      painted();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });`;

async function scanOnce(page: Page, tag: string): Promise<number> {
  const painted = page.evaluate(`window.benchCardPainted(${JSON.stringify(tag)})`) as Promise<number>;
  // a keyboard-wedge scanner: the characters, then Enter, wherever the focus is
  await page.keyboard.type(tag);
  await page.keyboard.press('Enter');
  return painted;
}

/**
 * The Scanner screen's round trip in Chromium (issue #18): from the Enter key of a keyboard-wedge
 * scan to the scanned device's card painted, as a technician, at 100k devices, while the scan +
 * transition benchmark's load (32 connections) runs against the same app process.
 */
export async function scannerBrowserBenchmark(app: AppProcess, databaseUrl: string, options: { scans: number; connections: number }): Promise<{ figures: Figure[]; invariants: Invariant[] }> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`  (no Chromium at ${CHROMIUM}: scanner round trip not measured)`);
    return { figures: [], invariants: [] };
  }
  if (!existsSync(path.join(DIST, 'index.html'))) buildBackOffice();
  const tags = await deviceTags(databaseUrl, options.scans + 5 + IDLE_SCANS);
  const login = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: BENCH_ACCOUNTS.it_staff, password: BENCH_PASSWORD }) });
  const session = (await login.json()) as { token: string; user: unknown };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    await context.addInitScript(([token, user]) => {
      localStorage.setItem('reemploi.token', token as string);
      localStorage.setItem('reemploi.user', JSON.stringify(user));
    }, [session.token, session.user]);
    await context.addInitScript({ content: INSTRUMENT_PAGE });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/admin/scanner`);
    await page.waitForFunction(() => document.activeElement?.id === 'scanner-code', null, { timeout: 60_000 });
    // warm-ups (the screen's code and the first answers), then the baseline: the same round trip
    // with no background load
    for (const tag of tags.slice(0, 5)) await scanOnce(page, tag);
    const idle: number[] = [];
    for (const tag of tags.slice(5, 5 + IDLE_SCANS)) idle.push(await scanOnce(page, tag));

    let loadDone = false;
    const load = transitionsBenchmark(app, databaseUrl, { connections: options.connections, durationSeconds: 30, rawSeconds: 0, baselines: false }).finally(() => (loadDone = true));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const times: number[] = [];
    for (const tag of tags.slice(5 + IDLE_SCANS)) {
      if (loadDone) break;
      times.push(await scanOnce(page, tag));
    }
    const background = await load;
    const rate = background.figures.find((item) => item.id === 'transitions.rate');
    const details = { scans: times.length, p50: median(times), max: Math.max(...times), backgroundTransitionsPerSecond: rate?.value, backgroundConnections: options.connections };
    return {
      figures: [
        figure('scanner.roundTripMedian', 'Scanner in Chromium: Enter → device card painted, under the transitions load, median', median(times), 'ms', { op: '<=', value: 100 }, {
          baseline: { label: 'same round trip, no background load, median', value: median(idle), unit: 'ms' },
          details: { ...details, idle: { scans: idle.length, p50: median(idle), p95: percentile(idle, 95) } },
        }),
        figure('scanner.roundTripP95', 'Scanner in Chromium: Enter → device card painted, under the transitions load, p95', percentile(times, 95), 'ms', null, {
          baseline: { label: 'same round trip, no background load, p95', value: percentile(idle, 95), unit: 'ms' },
        }),
      ],
      invariants: background.invariants.map((invariant) => ({ ...invariant, name: `scanner background load: ${invariant.name}` })),
    };
  } finally {
    await browser.close();
  }
}

/** Asset tags of devices spread over the whole table (every status), in a fixed order. */
async function deviceTags(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ asset_tag: string }>(`select asset_tag from devices where id % 997 = 0 order by id limit $1`, [count]);
    return rows.map((row) => row.asset_tag);
  } finally {
    await client.end();
  }
}
