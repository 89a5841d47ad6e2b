import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, setUpBrowserApp } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';
import { seedFactors } from '../../seeds/factors.js';

/**
 * A box that scrolls must be reachable and scrollable with the keyboard (RGAA 7.3, axe
 * scrollable-region-focusable) and say what it is: the pickup's list of devices not scanned and the
 * sources of a dashboard figure (issue #21 §8).
 */
const e2e = setUpBrowserApp();
const SITE = 'Dépôt de test';

beforeAll(async () => {
  await seedFactors(e2e.t.orm.em.fork());
});

/** A monitor holds no storage: recorded as such, it is sanitized at once. */
async function sanitizedDevice(serialNumber: string): Promise<{ id: number; assetTag: string }> {
  const auth = await e2e.t.auth('it_staff');
  const created = await e2e.t.http.post('/api/devices').set(auth).send({ type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H', serialNumber });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await e2e.t.http.post(`/api/devices/${created.body.id}/no-storage`).set(auth)).status).toBe(200);
  return created.body;
}

/** Presses Tab (Shift+Tab when `backwards`) until `target` has the focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, backwards = false, limit = 15): Promise<number> {
  for (let press = 1; press <= limit; press += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return press;
  }
  throw new Error(`not reached with ${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

const scrollState = (region: Locator) => region.evaluate((element) => ({ top: element.scrollTop, overflow: element.scrollHeight - element.clientHeight }));

/** The keyboard scrolls the focused region: End goes to its bottom, Home back to its top. */
async function expectScrolledByKeys(page: Page, region: Locator): Promise<void> {
  const before = await scrollState(region);
  expect(before.overflow, 'the region scrolls (its content is taller than its box)').toBeGreaterThan(0);
  expect(before.top).toBe(0);
  await page.keyboard.press('End');
  await expect.poll(async () => (await scrollState(region)).top, { timeout: 5_000 }).toBeGreaterThanOrEqual(before.overflow - 1);
  await page.keyboard.press('Home');
  await expect.poll(async () => (await scrollState(region)).top, { timeout: 5_000 }).toBe(0);
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await scrollState(region)).top, { timeout: 5_000 }).toBeGreaterThan(0);
}

describe('Scrollable regions reached and scrolled with the keyboard', () => {
  it("lets the partner Tab to the pickup's list of devices not scanned, hear its name and scroll it with the keys", async () => {
    const scanned = await sanitizedDevice('E2E-REGION-0');
    const notScanned: { id: number; assetTag: string }[] = [];
    for (let index = 1; index <= 14; index += 1) notScanned.push(await sanitizedDevice(`E2E-REGION-${index}`));
    const auth = await e2e.t.auth('it_staff');
    const batch = await e2e.t.http.post('/api/batches').set(auth).send({ site: SITE, plannedAt: '2026-12-20' });
    expect(batch.status).toBe(201);
    const ids = [scanned, ...notScanned].map((device) => device.id);
    expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(auth).send({ ids })).status).toBe(200);
    expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(auth)).status).toBe(200);

    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/pickup/${batch.body.id}`);
    await page.locator('#pickup-scan').click();
    await page.keyboard.type(scanned.assetTag);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('pickup-scanned').textContent(), { timeout: 10_000 }).toBe('1');
    await page.getByRole('button', { name: "Confirmer l'enlèvement" }).click();

    const dialog = page.getByRole('dialog');
    // named: a screen reader says « Non scannés, liste, 14 éléments »
    const list = dialog.getByRole('list', { name: 'Non scannés' });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(notScanned.length);
    // the focus starts in the discrepancy field; the list is one Shift+Tab away, the keyboard's way in
    await dialog.getByLabel(/Écart constaté/).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pickup-discrepancy');
    expect(await tabTo(page, list, true)).toBe(1);
    await expectScrolledByKeys(page, list);
    expect(await list.getByText(notScanned[notScanned.length - 1].assetTag).isVisible()).toBe(true);
    await screenshot(page, 'scroll-region-pickup-missing');
    await expectAccessible(page, 'with the missing devices list scrolled');
    await page.close();
  }, 90_000);

  it("lets the viewer Tab into a figure's sources, hear the dialog's name and scroll its text with the keys", async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    // 400 % zoom of a 1280 × 1024 screen, from the start (the menu is then a closed drawer)
    await page.setViewportSize({ width: 320, height: 256 });
    await signIn(page, e2e.baseUrl, TEST_USERS.viewer.email, TEST_PASSWORD);
    // the legal reuse ratio's sources always hold the law's text: they do not fit and scroll in their box
    const button = page.getByRole('button', { name: /^Sources de « Ratio légal de réemploi/ });
    await button.waitFor({ timeout: 30_000 });
    await button.focus();
    await page.keyboard.press('Enter');
    const sources = page.getByRole('dialog', { name: /^Calcul et sources — Ratio légal de réemploi/ });
    await sources.waitFor();
    expect(await sources.textContent()).toContain('Loi n° 2021-1485 (REEN)');
    // the sources scroll in their own box under the title: the first Tab stop of the dialog, named by the title
    const region = sources.getByRole('region', { name: /^Calcul et sources — Ratio légal de réemploi/ });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await tabTo(page, region)).toBe(1);
    await expectScrolledByKeys(page, region);
    await screenshot(page, 'scroll-region-sources');
    await expectAccessible(page, 'with the sources dialog scrolled');
    await page.keyboard.press('Escape');
    await sources.waitFor({ state: 'hidden' });
    await page.close();
  }, 90_000);
});
