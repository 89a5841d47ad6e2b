import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, setUpBrowserApp, signIn } from '../helpers/browser.js';

const e2e = setUpBrowserApp();

describe('Inventaire matériel sur la fiche appareil', () => {
  it('shows the specs and the battery health the GLPI agent found, without typing anything', async () => {
    const inventory = readFileSync(new URL('../fixtures/glpi-inventory/computer_1.json', import.meta.url), 'utf8');
    const posted = await e2e.t.http
      .post('/api/inventory?site=Dépôt DSI — Lille')
      .set(await e2e.t.auth('it_staff'))
      .set('Content-Type', 'application/json')
      .send(inventory);
    expect(posted.status).toBe(200);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/devices/${posted.body.device.id}/show`);
    await page.getByRole('heading', { level: 1, name: posted.body.device.assetTag }).waitFor();
    const section = page.getByTestId('device-inventory');
    await section.waitFor();
    const text = await section.textContent();
    expect(text).toContain('88 % de sa capacité d’origine');
    // the disk is listed once, with the device's media (not again in the inventory's section)
    expect(text).not.toContain('S29NNXAH146409');
    await expect.poll(() => page.getByTestId('device-medium').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining('S29NNXAH146409')]);
    const configuration = await page.locator('main').textContent();
    expect(configuration).toContain('Intel Core i5-6200U @ 2,30 GHz');
    expect(configuration).toContain('1 × 256 Go SSD NVMe');
    expect(configuration).toContain('XPS 13 9350');
    expect(await seriousViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'device-hardware-inventory');
    await page.close();
  }, 90_000);
});
