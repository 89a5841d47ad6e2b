import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, noHorizontalScroll, screenshot, setUpBrowserApp, signIn } from '../helpers/browser.js';
import { registerSanitizedDevice } from '../helpers/devices.js';

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
const sanitizedDevice = (): Promise<Device> => registerSanitizedDevice(e2e.t, { type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H', serialNumber: `BARS-${++serial}` });

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
    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);
    await screenshot(page, 'devices-phone');
    await page.close();
  }, 90_000);

  it('leaves the last device « Scannés mais hors lot » uncovered by the « Confirmer l’enlèvement » bar', async () => {
    const inBatch = [await sanitizedDevice(), await sanitizedDevice()];
    const foreign = [await sanitizedDevice(), await sanitizedDevice(), await sanitizedDevice()];
    const it = await e2e.t.auth('it_staff');
    const batch = await e2e.t.http.post('/api/batches').set(it).send({ site: SITE, plannedAt: '2026-12-20' });
    expect(batch.status).toBe(201);
    expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(it).send({ ids: inBatch.map((device) => device.id) })).status).toBe(200);
    expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(it)).status).toBe(200);

    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize(PHONE);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/pickup/${batch.body.id}`);
    await page.getByTestId('pickup-expected').waitFor();
    await page.locator('#pickup-scan').click();
    for (const device of [inBatch[0], ...foreign]) {
      await page.keyboard.type(device.assetTag);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.getByTestId('pickup-flagged').textContent()).toBe('3');
    const flaggedRows = page.getByTestId('flagged-list').getByRole('listitem');
    expect(await flaggedRows.count()).toBe(3);
    const bar = page.getByRole('button', { name: "Confirmer l'enlèvement" });

    // the whole way down on a phone, the bar stays below the last flagged row
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    await screenshot(page, 'pickup-flagged-bottom');
    expect(await bar.isVisible()).toBe(true);
    expect(await onTop(page, flaggedRows.last())).toBe(true);
    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);

    // on a laptop, right after the scans, the last flagged row is under the bar; brought into view
    // by the browser (as keyboard focus or find in page do), it lands above the bar
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await onTop(page, flaggedRows.last())).toBe(false);
    await flaggedRows.last().evaluate((row) => row.scrollIntoView({ block: 'nearest' }));
    await page.waitForTimeout(300);
    expect(await onTop(page, flaggedRows.last())).toBe(true);
    await screenshot(page, 'pickup-flagged-into-view');
    expect(await bar.isVisible()).toBe(true);

    await page.close();
  }, 90_000);
});
