import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, signIn, setUpBrowserApp, usbScan } from '../helpers/browser.js';
import { registerDevice } from '../helpers/devices.js';

const e2e = setUpBrowserApp();

async function openScanner(page: Page) {
  await page.getByRole('menuitem', { name: 'Scanner' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('scanner-code');
}

const banner = (page: Page) => page.getByTestId('scan-banner');

describe('Scanner', () => {
  it('lets a technician scan a device, move it to another site and find the move in its custody timeline', async () => {
    const device = await registerDevice(e2e.t, { brand: 'Dell', model: 'Latitude 5490', serialNumber: 'E2E-MOVE-1' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await openScanner(page);

    await usbScan(page, device.assetTag);
    const card = page.getByTestId('scanned-device');
    await expect.poll(() => card.textContent()).toContain(device.assetTag);
    expect(await card.textContent()).toContain('Portable · Dell · Latitude 5490');
    expect(await banner(page).getAttribute('data-kind')).toBe('success');
    expect(await banner(page).textContent()).toContain(`Trouvé : ${device.assetTag}`);

    await page.getByRole('button', { name: 'Déplacer' }).click();
    await page.getByLabel('Nouveau site').fill('Antenne de Dunkerque');
    await page.getByLabel('Motif').fill('Place libérée au dépôt');
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => banner(page).textContent()).toContain(`${device.assetTag} déplacé vers Antenne de Dunkerque`);
    expect(await page.getByTestId('device-site').textContent()).toBe('Antenne de Dunkerque');
    // the field is ready for the next scan without touching the mouse
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('scanner-code');

    await page.getByRole('link', { name: 'Voir la fiche' }).click();
    const firstEvent = page.getByTestId('timeline-event').first();
    await expect.poll(() => firstEvent.textContent()).toContain('Déplacé de Dépôt de test vers Antenne de Dunkerque');
    const eventText = await firstEvent.textContent();
    expect(eventText).toContain(TEST_USERS.it_staff.name);
    expect(eventText).toContain('Technicien informatique');
    expect(eventText).toContain('Motif : Place libérée au dépôt');
    await page.close();
  }, 60_000);

  it('says so when a code is unknown, misread or scanned twice in a row', async () => {
    const device = await registerDevice(e2e.t, { serialNumber: 'E2E-TWICE-1' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await openScanner(page);

    await usbScan(page, 'INCONNU-42');
    await expect.poll(() => banner(page).getAttribute('data-kind')).toBe('error');
    expect(await banner(page).textContent()).toContain('Code inconnu : INCONNU-42');

    // the last digit of an asset tag is a check digit: change it and the tag is misread
    const lastDigit = Number(device.assetTag.slice(-1));
    await usbScan(page, `${device.assetTag.slice(0, -1)}${(lastDigit + 1) % 10}`);
    await expect.poll(() => banner(page).textContent()).toContain('Chiffre de contrôle faux');

    await usbScan(page, device.assetTag);
    await expect.poll(() => banner(page).getAttribute('data-kind')).toBe('success');
    await usbScan(page, device.assetTag);
    await expect.poll(() => banner(page).getAttribute('data-kind')).toBe('warning');
    expect(await banner(page).textContent()).toContain(`Déjà scanné : ${device.assetTag}`);
    await page.close();
  }, 60_000);

  it('counts a pile of devices in continuous mode, clearing the field after each scan', async () => {
    const first = await registerDevice(e2e.t, { serialNumber: 'E2E-PILE-1' });
    const second = await registerDevice(e2e.t, { serialNumber: 'E2E-PILE-2' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await openScanner(page);
    await page.getByLabel('Mode continu').check();

    await usbScan(page, first.assetTag);
    await expect.poll(() => page.getByTestId('scanned-count').textContent()).toBe('Appareils scannés (1)');
    expect(await page.getByLabel('Code scanné').inputValue()).toBe('');
    await usbScan(page, second.assetTag);
    await expect.poll(() => page.getByTestId('scanned-count').textContent()).toBe('Appareils scannés (2)');
    await usbScan(page, first.assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`Déjà scanné : ${first.assetTag}`);
    expect(await page.getByTestId('scanned-count').textContent()).toBe('Appareils scannés (2)');
    // newest on top
    const rows = page.getByRole('list', { name: /Appareils scannés/ }).getByRole('listitem');
    expect(await rows.first().textContent()).toContain(second.assetTag);
    await page.close();
  }, 60_000);

  it('lets an admin withdraw a scanned device with a reason, recorded in the timeline', async () => {
    const device = await registerDevice(e2e.t, { brand: 'HP', model: 'EliteBook 840 G5', serialNumber: 'E2E-WITHDRAW-1' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await openScanner(page);

    await usbScan(page, device.assetTag);
    await page.getByRole('button', { name: 'Retirer' }).click();
    const confirm = page.getByRole('button', { name: 'Confirmer' });
    expect(await confirm.isDisabled()).toBe(true); // a reason is required
    await page.getByLabel('Motif (obligatoire)').fill('Volé lors du transport');
    await confirm.click();
    await expect.poll(() => banner(page).textContent()).toContain(`${device.assetTag} : Retiré`);
    expect(await page.getByTestId('scanned-device').textContent()).toContain('Retiré');

    const response = await e2e.t.http.get(`/api/devices/${device.id}`).set(await e2e.t.auth('admin'));
    expect(response.body.status).toBe('withdrawn');

    await page.getByRole('link', { name: 'Voir la fiche' }).click();
    const firstEvent = page.getByTestId('timeline-event').first();
    await expect.poll(() => firstEvent.textContent()).toContain('Enregistré → Retiré');
    expect(await firstEvent.textContent()).toContain('Motif : Volé lors du transport');
    expect(await firstEvent.textContent()).toContain('Administrateur');
    await page.close();
  }, 60_000);
});
