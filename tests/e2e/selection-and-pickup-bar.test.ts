import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, noHorizontalScroll, screenshot, setUpBrowserApp, signIn } from '../helpers/browser.js';

/**
 * Two bars that covered what they should not (issue 19, item 8): react-admin's bulk-selection bar
 * over the devices list's filters, and the pickup screen's sticky « Confirmer l'enlèvement » bar
 * over the last devices « Scannés mais hors lot ».
 */
const e2e = setUpBrowserApp();

const SITE = 'Dépôt de test';
const PHONE = { width: 375, height: 667 };

interface Device {
  id: number;
  assetTag: string;
}

let serial = 0;
async function sanitizedDevice(): Promise<Device> {
  const it = await e2e.t.auth('it_staff');
  const created = await e2e.t.http.post('/api/devices').set(it).send({ type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H', serialNumber: `BARS-${++serial}` });
  expect(created.status).toBe(201);
  expect((await e2e.t.http.post(`/api/devices/${created.body.id}/no-storage`).set(it)).status).toBe(200);
  return created.body;
}

/** True when the element drawn at the centre of `target` is `target` itself or inside it: nothing lies over it. */
async function onTop(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  const handle = await target.elementHandle();
  return page.evaluate(
    ({ x, y, element }) => {
      const drawn = document.elementFromPoint(x, y);
      return drawn !== null && element !== null && element.contains(drawn);
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2, element: handle },
  );
}

describe('bars that cover nothing', () => {
  it('keeps the « Étiquette » filter visible and usable while devices are selected', async () => {
    for (let n = 0; n < 3; n++) await sanitizedDevice();
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/devices`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    const bar = page.locator('.RaBulkActionsToolbar-toolbar');
    await expect.poll(async () => (await bar.boundingBox())?.height ?? 0).toBeGreaterThan(40);
    expect(await bar.textContent()).toContain('2 sélectionnés');
    const filter = page.locator('.filter-field[data-source="labelPrinted"]');
    await screenshot(page, 'devices-selection-filters');
    expect(await onTop(page, filter)).toBe(true);
    // the bar sits between the filters and the rows
    const [filterBox, barBox] = [(await filter.boundingBox())!, (await bar.boundingBox())!];
    expect(barBox.y).toBeGreaterThanOrEqual(filterBox.y + filterBox.height - 1);

    // and the filter works with the selection still there
    await filter.getByRole('combobox').click();
    await page.getByRole('option', { name: 'Étiquette imprimée' }).click();
    // no label printed yet: the filter leaves no row
    await expect.poll(() => decodeURIComponent(page.url())).toContain('"labelPrinted":true');
    await expect.poll(() => rows.filter({ hasText: 'CD59-' }).count()).toBe(0);
    await page.close();
  }, 90_000);

  it('on a tablet the selection makes the page no wider; on a phone the list does not scroll sideways', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize({ width: 600, height: 900 });
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/devices`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    const widthBefore = await pageWidth();
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    const bar = page.locator('.RaBulkActionsToolbar-toolbar');
    await expect.poll(async () => (await bar.boundingBox())?.height ?? 0).toBeGreaterThan(40);
    expect(await pageWidth()).toBeLessThanOrEqual(widthBefore);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await onTop(page, page.locator('.filter-field[data-source="labelPrinted"]'))).toBe(true);
    await screenshot(page, 'devices-selection-tablet');
    await page.setViewportSize({ width: 375, height: 667 });
    await page.getByTestId('device-card').first().waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await screenshot(page, 'devices-phone');
    await page.close();
  }, 90_000);
});
