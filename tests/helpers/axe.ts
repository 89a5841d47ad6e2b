import type { BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from './browser.js';

/**
 * axe-core on every state the browser tests visit (RGAA, issue #21): 0 serious and 0 critical
 * violations. Two ways in, both failing the test that reached the state:
 * - `expectAccessible(page, state)` where a test reaches a state worth checking (a dialog open, a step done);
 * - every page of the test browser is checked once more in its final state, without the test
 *   asking: when the test closes it (`auditPagesOnClose`, wired in `launchBrowser`), or at the end of
 *   the test that opened it and left it open (`auditPagesLeftOpen`, an afterEach of `setUpBrowserApp`).
 */

/** What `expectAccessible` throws: the violations found (never mistaken for a page that went away). */
export class AxeViolations extends Error {}

/** Fails with the violations found, named by the state the test reached (« move dialog open »…). */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) {
    throw new AxeViolations(`axe: ${violations.length} serious or critical violation(s) ${state} (${page.url()}):\n${violations.map((violation) => `  ${violation.id} (${violation.impact}) on ${violation.targets.join(' ; ')}`).join('\n')}`);
  }
}

/** A page the back office draws (not a PDF tab, not a blank page, not the API's JSON). */
function isBackOfficePage(page: Page): boolean {
  return !page.isClosed() && /\/admin(\/|$|#|\?)/.test(page.url()) && !/\.(pdf|png|csv|xlsx)(\?|$)/.test(page.url());
}

/** True when axe could not run because the page was going away (navigating, crashed): nothing to judge then. */
const pageWentAway = (error: unknown) => /Target (page, context or browser )?(has been )?closed|Execution context was destroyed|navigat|crashed/i.test(String(error));

/** Checks the page's state, unless the page is not the back office's or went away while axe ran. */
async function auditFinalState(page: Page, state: string): Promise<void> {
  if (!isBackOfficePage(page)) return;
  try {
    await expectAccessible(page, state);
  } catch (error) {
    if (error instanceof AxeViolations || !pageWentAway(error)) throw error;
  }
}

/** The pages opened in each test browser and not yet checked in their final state. */
const unchecked = new WeakMap<BrowserContext, Set<Page>>();

/**
 * Wraps each new page's `close()`: before the page closes, axe checks the state the test left it
 * in, and a serious or critical violation fails the close (hence the test); the page closes anyway.
 */
export function auditPagesOnClose(context: BrowserContext): void {
  const pages = new Set<Page>();
  unchecked.set(context, pages);
  context.on('page', (page) => {
    pages.add(page);
    page.once('close', () => pages.delete(page));
    const close = page.close.bind(page);
    page.close = async (options) => {
      pages.delete(page);
      try {
        await auditFinalState(page, 'when the test closed the page');
      } finally {
        await close(options);
      }
    };
  });
}

/** At a test's end: the pages opened and left open, checked once in the state the test left them in. */
export async function auditPagesLeftOpen(context: BrowserContext): Promise<void> {
  const pages = unchecked.get(context);
  for (const page of [...(pages ?? [])]) {
    pages?.delete(page);
    await auditFinalState(page, 'at the end of the test that left the page open');
  }
}
