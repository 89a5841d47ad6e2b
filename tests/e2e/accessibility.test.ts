import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, seriousViolations, setUpBrowserApp } from '../helpers/browser.js';

const e2e = setUpBrowserApp();
let device: { id: number; assetTag: string };

/** Serious and critical axe violations, with the elements concerned, so a failure says what to fix. */

async function waitForText(page: Page, text: string) {
  await page.getByText(text, { exact: false }).first().waitFor();
}

beforeAll(async () => {
  const auth = await e2e.t.auth('it_staff');
  const created = await e2e.t.http
    .post('/api/devices')
    .set(auth)
    .send({ type: 'laptop', originSite: 'Dépôt DSI — Lille', brand: 'Lenovo', model: 'ThinkPad T480', serialNumber: 'A11Y-0001', cpu: 'Intel Core i5-8250U', ramGb: 8, year: 2019, conditionGrade: 'B' });
  device = created.body;
  await e2e.t.http.put(`/api/devices/${device.id}`).set(auth).send({ version: created.body.version, storageSummary: 'SSD 256 Go', year: 2018 });
  await e2e.t.http.post(`/api/devices/${device.id}/move`).set(auth).send({ site: 'Antenne de Valenciennes', reason: 'Place libérée au dépôt' });
  for (const [index, type] of ['desktop', 'monitor', 'tablet'].entries()) {
    await e2e.t.http.post('/api/devices').set(auth).send({ type, originSite: 'Antenne de Valenciennes', brand: 'HP', model: `Modèle ${index + 1}`, serialNumber: `A11Y-10${index}` });
  }
});

describe('Accessibility and look of the back office', () => {
  it('has an accessible login page, in French, switchable to English', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.goto(`${e2e.baseUrl}/admin/login`);
    await page.getByRole('heading', { level: 1, name: 'Réemploi' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('main').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();

    await page.getByLabel('Adresse e-mail').fill(TEST_USERS.it_staff.email);
    await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: /mot de passe/i }).first().waitFor();
    await page.close();
  }, 60_000);

  it('has no serious violation on the technician screens: dashboard, devices, device page, scanner, import', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await waitForText(page, 'Appareils par statut');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');

    await page.getByRole('menuitem', { name: 'Appareils' }).click();
    await waitForText(page, device.assetTag);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'devices-list');

    await page.getByText(device.assetTag).click();
    await page.getByTestId('timeline-event').first().waitFor();
    await page.getByRole('img', { name: `Étiquette de ${device.assetTag}` }).waitFor();
    expect(await page.getByTestId('timeline-event').count()).toBe(3);
    const updateEvent = await page.getByTestId('timeline-event').nth(1).textContent();
    expect(updateEvent).toMatch(/Fiche modifiée : (stockage, année|année, stockage)/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'device-show');

    await page.getByRole('menuitem', { name: 'Scanner' }).click();
    await page.getByLabel('Code scanné').waitFor();
    await page.keyboard.type(`${device.assetTag}\n`);
    await page.getByTestId('scanned-device').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'scanner');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await screenshot(page, 'scanner-phone');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });

    const folder = mkdtempSync(path.join(os.tmpdir(), 'reemploi-import-'));
    const csv = path.join(folder, 'export-glpi.csv');
    writeFileSync(
      csv,
      '\uFEFFNom;Numéro de série;Fabricant;Modèle;Type;Lieu;Numéro d\'inventaire;Commentaires internes\n' +
        'PC-COMPTA-01;A11Y-NEW-1;Dell;Latitude 5490;Portable;;INV-0001;\n' +
        'PC-COMPTA-02;A11Y-0001;Lenovo;ThinkPad T480;Portable;;INV-0002;\n' +
        'PC-COMPTA-03;;HP;ProDesk 600;Unité centrale;;INV-0003;sans numéro de série\n',
    );
    await page.getByRole('menuitem', { name: 'Importer' }).click();
    await page.locator('#import-file').setInputFiles(csv);
    await page.getByLabel('Site par défaut').fill('Dépôt DSI — Lille');
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByTestId('count-created').waitFor();
    expect(await page.getByTestId('count-created').textContent()).toBe('1');
    expect(await page.getByTestId('count-updated').textContent()).toBe('1');
    expect(await page.getByTestId('count-rejected').textContent()).toBe('1');
    expect(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.resolve('tests/screenshots/import-preview.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('has no serious violation on the users list (admin)', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Utilisateurs' }).click();
    await waitForText(page, TEST_USERS.social_worker.email);
    expect(await page.getByText('Travailleur social').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-list');
    await page.close();
  }, 60_000);

  it('shows a social worker their referrals home, not an error', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.social_worker.email, TEST_PASSWORD);
    // their home: referrals by status and the shortcut to a new one, no device screen
    await waitForText(page, 'Nouvelle orientation');
    expect(await page.getByRole('menuitem', { name: 'Appareils' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Scanner' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'social-worker-home');
    await page.close();
  }, 60_000);
});
