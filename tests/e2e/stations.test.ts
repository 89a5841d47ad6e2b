import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, signIn, setUpBrowserApp } from '../helpers/browser.js';

const e2e = setUpBrowserApp();
const COMPUTER_1 = readFileSync(new URL('../fixtures/glpi-inventory/computer_1.json', import.meta.url), 'utf8');

const postInventory = (token: string) =>
  e2e.t.http.post('/api/inventory').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(COMPUTER_1);

describe("Postes d'effacement", () => {
  it('lets an admin create a station, copy its token once, see its last use and revoke it', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: "Postes d'effacement" }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/stations`, { timeout: 15_000 });
    await page.getByText("jamais le mot de passe d'une personne").waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Nouveau poste' }).click();
    await page.getByRole('textbox', { name: 'Nom du poste' }).fill('Établi 1');
    await page.getByRole('combobox', { name: 'Site' }).fill('Dépôt DSI — Lille');
    await page.getByRole('dialog').getByRole('button', { name: 'Nouveau poste' }).click();

    const tokenBox = page.getByLabel('Jeton du poste', { exact: true });
    await tokenBox.waitFor({ timeout: 15_000 });
    const token = ((await tokenBox.textContent()) ?? '').trim();
    expect(token).toMatch(/^station_[A-Za-z0-9_-]{43}$/);
    const config = (await page.getByLabel('Configuration du poste (station.conf)', { exact: true }).textContent()) ?? '';
    expect(config).toBe(`REEMPLOI_API_URL=${e2e.baseUrl}\nREEMPLOI_STATION_TOKEN=${token}\nNWIPE_METHOD=dodshort`);
    await page.getByText('il ne sera plus jamais affiché').waitFor();
    await page.getByRole('button', { name: 'Copier : Jeton du poste' }).click();
    await page.getByRole('button', { name: 'Copié' }).waitFor({ timeout: 5_000 });
    await page.mouse.move(5, 5);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'stations-token-once');
    await page.getByRole('button', { name: "J'ai copié le jeton" }).click();

    const row = page.locator('tbody tr').filter({ hasText: 'Établi 1' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Jamais');
    expect(await row.textContent()).toContain(`${token.slice(0, 16)}…`);
    expect(await page.locator('body').textContent()).not.toContain(token);

    // the station posts an inventory: its last use shows after a refresh
    expect((await postInventory(token)).status).toBe(200);
    await page.reload();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/\d{2}\/\d{2}\/\d{4}.*Actif/);
    expect(await row.textContent()).not.toContain('Jamais');
    await screenshot(page, 'stations-list');

    await row.getByRole('button', { name: 'Révoquer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Révoquer' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Révoqué le');
    const refused = await postInventory(token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('révoqué');

    // each use, allowed and refused, in the administration log, in words
    await page.getByRole('menuitem', { name: "Journal d'administration" }).click();
    const uses = page.locator('tbody tr').filter({ hasText: "Envoi d'un poste d'effacement" });
    await expect.poll(() => uses.count(), { timeout: 15_000 }).toBe(2);
    expect(await uses.allTextContents()).toEqual([
      expect.stringMatching(/Refusé.*Établi 1 \(Dépôt DSI — Lille\) ; POST \/api\/inventory — réponse 401/),
      expect.stringMatching(/Fait.*Établi 1 \(Dépôt DSI — Lille\) ; POST \/api\/inventory — réponse 200/),
    ]);
    expect(await page.locator('tbody').textContent()).toContain("Jeton de poste d'effacement révoqué");
    await page.close();
  });

  it('is not in the menu of a technician', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Appareils' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('menuitem', { name: "Postes d'effacement" }).count()).toBe(0);
    await page.close();
  });
});
