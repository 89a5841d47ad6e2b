import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from './app.js';
import { newPage, signIn, type BrowserApp } from './browser.js';

/**
 * What the offline scan-screen tests (pickup, refurbishment pile, stock-take) share: a page signed
 * in, controlled by the service worker, its scan field focused; scans typed as a handheld scanner
 * types them; the « en attente (N) » chip.
 */

/** The scan field `id` has the focus (the screen is up and listening to the handheld scanner). */
export async function waitForScanField(page: Page, id: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 20_000 }).toBe(id);
}

/** Signed in as `email`, on `path`, with the service worker controlling the page (the app shell cached), the scan field `scanFieldId` focused. */
export async function openScanScreen(e2e: BrowserApp, email: string, path: string, scanFieldId: string): Promise<Page> {
  const page = await newPage(e2e.browser, e2e.baseUrl);
  await signIn(page, e2e.baseUrl, email, TEST_PASSWORD);
  await page.goto(`${e2e.baseUrl}${path}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await waitForScanField(page, scanFieldId);
  return page;
}

/** Each code typed and Enter, as a handheld scanner in keyboard mode does, into the focused field. */
export async function scanAll(page: Page, codes: string[]): Promise<void> {
  for (const code of codes) {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }
}

/**
 * « en attente (3) », or null when nothing waits. Read at once, never waited for: `textContent()`
 * would wait for a chip that is not there until Playwright's 30 s action timeout (each poll for
 * « nothing waits » cost 30 s). Poll it, with a timeout, for a chip still to appear or go.
 */
export async function pendingText(page: Page): Promise<string | null> {
  const chips = await page.getByTestId('pending-scans').allTextContents();
  // two chips would be a bug: shown as such, never as « nothing waits »
  return chips.length ? chips.join(' | ') : null;
}

/** The chip says `expected` (« en attente (3) », or null: nothing waits) within `timeout`. */
export async function expectPending(page: Page, expected: string | null, timeout = 20_000): Promise<void> {
  await expect.poll(() => pendingText(page), { timeout }).toBe(expected);
}

/** The network cut, then each code scanned: all of them wait, « en attente (N) » (N: what waits in all, `codes` by default). */
export async function scanOffline(page: Page, codes: string[], waiting = codes.length): Promise<void> {
  await page.context().setOffline(true);
  await scanAll(page, codes);
  await expectPending(page, `en attente (${waiting})`);
}

/**
 * The requests to `url` numbered in `lost` (1 = the first) reach the server, which does the work,
 * then the network drops before the answer comes back (and returns 1.5 s later). Returns how many
 * requests went out.
 */
export async function loseAnswers(page: Page, url: string, lost: number[]): Promise<() => number> {
  let sent = 0;
  await page.route(url, async (route) => {
    sent += 1;
    if (!lost.includes(sent)) return route.continue();
    await route.fetch();
    await page.context().setOffline(true);
    await route.abort('internetdisconnected');
    setTimeout(() => void page.context().setOffline(false), 1500);
  });
  return () => sent;
}

/** A write queued on the phone (IndexedDB `scans`), as the tests read it. */
export interface QueuedWrite {
  seq: number;
  code: string;
  idempotencyKey: string;
  scannedAt: string;
  outcome?: unknown;
}

/** The writes queued on the phone, all screens together, in scan order. */
export function queuedWrites(page: Page): Promise<QueuedWrite[]> {
  return page.evaluate(
    () =>
      new Promise<QueuedWrite[]>((resolve, reject) => {
        const open = indexedDB.open('reemploi-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('scans').objectStore('scans').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result);
          };
        };
      }),
  );
}

/** Makes queued writes older, as if the phone had stayed offline since: days ago, by `seq`. */
export async function backdateQueuedWrites(page: Page, daysAgoBySeq: Record<number, number>): Promise<void> {
  await page.evaluate(
    (daysAgo) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('reemploi-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('scans', 'readwrite');
          for (const [seq, days] of Object.entries(daysAgo)) {
            const read = tx.objectStore('scans').get(Number(seq));
            read.onsuccess = () => tx.objectStore('scans').put({ ...read.result, scannedAt: new Date(Date.now() - days * 24 * 3600 * 1000).toISOString() });
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    daysAgoBySeq,
  );
}
