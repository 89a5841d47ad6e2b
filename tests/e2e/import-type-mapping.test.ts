import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, setUpBrowserApp, signIn } from '../helpers/browser.js';

const e2e = setUpBrowserApp();
/** A GLPI 10 export (tests/fixtures/README.md) whose « Rack Mount Chassis » the built-in table leaves to an admin. */
const UNKNOWN_TYPE = fileURLToPath(new URL('../fixtures/glpi/glpi10-type-inconnu.csv', import.meta.url));

describe('Import : associer un type inconnu depuis le rapport', () => {
  it('shows the refused row with its data; an admin maps its type and the preview accepts it', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Importer' }).click();
    await page.locator('#import-file').setInputFiles(UNKNOWN_TYPE);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    const rejected = page.getByTestId('count-rejected');
    await expect.poll(() => rejected.textContent(), { timeout: 30_000 }).toBe('1');
    const row = page.getByRole('table', { name: 'Lignes refusées' }).getByRole('row', { name: /RACK0001/ });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['2', 'RACK0001', 'Rack Mount Chassis', 'Dell Inc.', 'PowerEdge R630']);
    expect(cells[5]).toContain('type « Rack Mount Chassis » inconnu (attendu : portable, unité centrale, écran');
    expect(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(true);

    // the first rows show the refused row's type as the file wrote it too
    const previewRow = page.getByRole('row', { name: /Refusé RACK0001/ });
    expect(await previewRow.getByRole('cell').nth(3).textContent()).toBe('Rack Mount Chassis');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-map-type-report');
    await row.getByRole('button', { name: /Associer à…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Associer « Rack Mount Chassis » à un type d’appareil' });
    await dialog.waitFor({ timeout: 10_000 });
    const save = dialog.getByRole('button', { name: 'Associer et prévisualiser à nouveau' });
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: 'Unité centrale' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import-map-type-dialog');
    await save.click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });

    await expect.poll(() => rejected.textContent(), { timeout: 30_000 }).toBe('0');
    expect(await page.getByTestId('count-created').textContent()).toBe('2');
    expect(await page.getByText('« Rack Mount Chassis » sera lu comme : Unité centrale.').count()).toBe(1);
    expect(await e2e.t.sql(`select label, device_type from chassis_type_mappings`)).toEqual([{ label: 'Rack Mount Chassis', device_type: 'desktop' }]);
    expect(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(false);
    await screenshot(page, 'import-map-type-after');
    await page.close();
  }, 120_000);

  it('offers depot staff no « Associer à… » button (only an admin maps a type)', async () => {
    await e2e.t.sql(`delete from chassis_type_mappings`);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Importer' }).click();
    await page.locator('#import-file').setInputFiles(UNKNOWN_TYPE);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await expect.poll(() => page.getByTestId('count-rejected').textContent(), { timeout: 30_000 }).toBe('1');
    await page.getByRole('table', { name: 'Lignes refusées' }).getByRole('row', { name: /RACK0001/ }).waitFor();
    expect(await page.getByRole('button', { name: /Associer à…/ }).count()).toBe(0);
    await page.close();
  }, 120_000);
});
