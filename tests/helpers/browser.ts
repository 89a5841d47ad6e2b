import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { auditPagesLeftOpen, auditPagesOnClose } from './axe.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('tests/screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--headless',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * One headless Chromium per test file (Debian's chromium: Playwright may not download its own).
 * `extraArgs` add Chromium switches, e.g. `--host-resolver-rules=MAP reemploi.test 127.0.0.1`.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'reemploi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  auditPagesOnClose(context);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh page with nobody signed in (the profile is shared within a file: clear the session). */
export async function newPage(browser: TestBrowser, baseUrl: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${baseUrl}/admin/`);
  await page.evaluate(() => localStorage.clear());
  return page;
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** The e2e tests drive the built back office (served by the API from admin/dist). */
export function assertAdminBuilt(): void {
  if (!existsSync(path.resolve('admin/dist/index.html'))) {
    throw new Error('The back office is not built: run `npm run build:admin` before the e2e tests.');
  }
}

/** The base URL of an Express app listening on a free port. */
export async function listen(app: { listen(port: number, callback: () => void): Server }): Promise<{ server: Server; baseUrl: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, baseUrl: `http://127.0.0.1:${port}` });
    });
  });
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

export interface BrowserApp {
  /** The test app on this file's own database. */
  readonly t: TestApp;
  /** Where the API and the built back office listen (`${baseUrl}/admin/`). */
  readonly baseUrl: string;
  readonly browser: TestBrowser;
}

/**
 * The set-up every browser test file shares, registered as its beforeAll/afterAll: the built back
 * office checked, a test app on a fresh database, listening on a free port, and one headless
 * Chromium; all closed after the file. Read the fields inside hooks and tests (they exist once the
 * beforeAll has run). A file's own beforeAll, registered after this call, runs after it, and its
 * afterAll before the closing (Vitest's default `sequence.hooks: 'stack'`).
 * `options.chromiumArgs`: Chromium switches for this file's browser (e.g. a fake camera).
 */
export function setUpBrowserApp(options: { chromiumArgs?: string[] } = {}): BrowserApp {
  let t: TestApp | undefined;
  let server: Server | undefined;
  let baseUrl: string | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    assertAdminBuilt();
    t = await createTestApp();
    ({ server, baseUrl } = await listen(t.app));
    browser = await launchBrowser(options.chromiumArgs);
  });
  // axe on the final state of each page a test opened and left open (tests/helpers/axe.ts)
  afterEach(async () => {
    if (browser) await auditPagesLeftOpen(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    await closeServer(server);
    await t?.close();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`setUpBrowserApp(): ${name} is read before the beforeAll that sets it up has run (or after it failed).`);
    return value;
  };
  return {
    get t() {
      return ready(t, 't');
    },
    get baseUrl() {
      return ready(baseUrl, 'baseUrl');
    },
    get browser() {
      return ready(browser, 'browser');
    },
  };
}

/** axe-core's serious and critical violations on the page (RGAA: there must be none). */
export async function seriousViolations(page: Page) {
  await animationsSettled(page);
  // legacy mode: axe runs in the page itself, without opening a blank page of its own in the shared
  // context (a test that closes new tabs, e.g. PDF tabs, would close it); the back office has no iframes
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
}

/**
 * Waits (2 s at most) for the page's running transitions to end: a dialog or a snackbar fading in
 * or out is drawn half transparent, and axe would measure the contrast of its blended colours.
 */
async function animationsSettled(page: Page): Promise<void> {
  await page
    .evaluate(async () => {
      // two frames first: a transition a click just asked for starts on the next one
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await Promise.race([
        Promise.all(
          document
            .getAnimations()
            // a spinner turns for ever: only what ends is waited for
            .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
            .map((animation) => animation.finished.catch(() => undefined)),
        ),
        new Promise((resolve) => setTimeout(resolve, 2_000)),
      ]);
    })
    .catch(() => undefined); // a page going away is judged by the caller
}

/** True when the page fits the viewport's width (no sideways scrolling on a phone). */
export async function noHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Types like a USB barcode scanner: the characters, then Enter, wherever the focus is. */
export async function usbScan(page: Page, code: string) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}
