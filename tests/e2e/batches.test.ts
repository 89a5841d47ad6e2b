import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, seriousViolations, noHorizontalScroll, setUpBrowserApp, usbScan } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';

const e2e = setUpBrowserApp();

const SITE = 'Dépôt de test';
const PHONE = { width: 390, height: 844 };

interface Device {
  id: number;
  assetTag: string;
}

async function registerDevice(fields: Record<string, unknown> = {}): Promise<Device> {
  const response = await e2e.t.http.post('/api/devices').set(await e2e.t.auth('it_staff')).send({ type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H', ...fields });
  expect(response.status).toBe(201);
  return response.body;
}

/** A monitor holds no storage: recorded as such at the wiping station, it is sanitized at once. */
async function sanitizedDevice(fields: Record<string, unknown> = {}): Promise<Device> {
  const device = await registerDevice(fields);
  const response = await e2e.t.http.post(`/api/devices/${device.id}/no-storage`).set(await e2e.t.auth('it_staff'));
  expect(response.status).toBe(200);
  return device;
}

async function readyBatch(devices: Device[]): Promise<{ id: number; reference: string }> {
  const auth = await e2e.t.auth('it_staff');
  const batch = await e2e.t.http.post('/api/batches').set(auth).send({ site: SITE, plannedAt: '2026-12-20' });
  expect(batch.status).toBe(201);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(auth).send({ ids: devices.map((device) => device.id) })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(auth)).status).toBe(200);
  return batch.body;
}

const banner = (page: Page) => page.getByTestId('scan-banner');

describe('Handover batches', () => {
  let built: { id: number; reference: string; devices: Device[]; foreign: Device };

  it('lets a technician create a batch, fill it by scanning (refusing a device not yet wiped) and declare it ready', async () => {
    const devices = [await sanitizedDevice({ serialNumber: 'E2E-BATCH-1' }), await sanitizedDevice({ serialNumber: 'E2E-BATCH-2' }), await sanitizedDevice({ serialNumber: 'E2E-BATCH-3', type: 'printer', brand: 'HP', model: 'LaserJet M404' })];
    const notWiped = await registerDevice({ serialNumber: 'E2E-BATCH-RAW', type: 'laptop' });
    const foreign = await sanitizedDevice({ serialNumber: 'E2E-BATCH-FOREIGN' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);

    await page.getByRole('menuitem', { name: "Lots d'enlèvement" }).click();
    await page.getByText("Aucun lot d'enlèvement pour le moment").waitFor();
    await page.getByRole('link', { name: "Nouveau lot d'enlèvement" }).click();
    await page.getByLabel(/Site de départ/).fill(SITE);
    await page.getByLabel("Date d'enlèvement prévue").fill('2026-12-15');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^LOT-\d{4}-\d{4}$/ });
    await heading.waitFor();
    const reference = (await heading.textContent())!;
    const id = Number(/\/batches\/(\d+)\/show/.exec(page.url())![1]);
    expect(await page.getByTestId('batch-status').first().textContent()).toBe('En préparation');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('batch-scan');

    for (const [index, device] of devices.entries()) {
      await usbScan(page, device.assetTag);
      await expect.poll(() => page.getByTestId('batch-counter').textContent()).toBe(`${index + 1} appareil${index ? 's' : ''} dans le lot`);
      expect(await banner(page).textContent()).toContain(`${device.assetTag} ajouté au lot`);
    }
    await usbScan(page, notWiped.assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`${notWiped.assetTag} refusé : pas encore effacé`);
    expect(await banner(page).getAttribute('data-kind')).toBe('error');
    await usbScan(page, devices[0].assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`${devices[0].assetTag} est déjà dans ce lot`);
    expect(await banner(page).getAttribute('data-kind')).toBe('warning');

    // a device put in by mistake comes out with one click, and back in with one scan
    await page.getByRole('button', { name: `Retirer ${devices[2].assetTag} du lot` }).click();
    await expect.poll(() => page.getByTestId('batch-counter').textContent()).toBe('2 appareils dans le lot');
    await usbScan(page, devices[2].assetTag);
    await expect.poll(() => page.getByTestId('batch-counter').textContent()).toBe('3 appareils dans le lot');
    expect(await page.getByTestId('batch-device').count()).toBe(3);
    expect(await page.getByTestId('counts-by-type').textContent()).toContain('2 × Écran');

    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'batch-builder');

    await page.getByRole('button', { name: 'Déclarer prêt' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Son contenu sera figé');
    expect(await dialog.textContent()).toContain('3 appareils partiront avec ce lot');
    await expectAccessible(page, 'with the « Déclarer prêt » dialog open');
    await dialog.getByRole('button', { name: 'Déclarer prêt' }).click();
    await expect.poll(() => page.getByTestId('batch-status').first().textContent()).toBe("Prêt pour l'enlèvement");
    // (the closing dialog keeps the page aria-hidden for a moment)
    await expect.poll(() => page.getByRole('button', { name: 'Manifeste PDF' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Manifeste Excel' }).isVisible()).toBe(true);
    expect(await page.locator('#batch-scan').count()).toBe(0); // frozen: no more scanning in
    expect(await page.getByRole('button', { name: /^Retirer / }).count()).toBe(0);

    await page.getByRole('menuitem', { name: "Lots d'enlèvement" }).click();
    await page.getByRole('cell', { name: reference }).waitFor();
    // « 2/4 » says what the steps are when hovered
    expect(await page.getByRole('row', { name: new RegExp(reference) }).locator('[title^="Étape 2 sur 4"]').getAttribute('title')).toBe(
      "Étape 2 sur 4 : Prêt pour l'enlèvement (En préparation → Prêt pour l'enlèvement → Enlevé → Clôturé)",
    );
    await screenshot(page, 'batches-list');
    await page.close();
    built = { id, reference, devices, foreign };
  }, 90_000);

  it('lets the partner pick the batch up by scanning on a phone, flagging a foreign device, then grade one as refurbished', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize(PHONE);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);

    // from the menu (the drawer on a phone) to the batch waiting for pickup
    await page.getByRole('button', { name: /menu/i }).first().click();
    await page.getByRole('menuitem', { name: 'Lots à enlever' }).click();
    const card = page.getByTestId('pickup-batch').filter({ hasText: built.reference });
    await card.getByRole('link', { name: 'Commencer l’enlèvement' }).click();
    await page.getByTestId('pickup-expected').waitFor();
    expect(await page.getByTestId('pickup-expected').textContent()).toBe('3');
    expect(await page.getByTestId('pickup-scanned').textContent()).toBe('0');

    // the camera: the button is there, and the decoder loads (headless Chromium has no camera to open)
    await page.getByRole('button', { name: 'Scanner avec la caméra' }).click();
    const camera = page.getByTestId('camera-view');
    await expect.poll(() => camera.getAttribute('data-engine'), { timeout: 15_000 }).toMatch(/^(zxing|native)$/);
    await expect.poll(() => camera.getAttribute('data-state'), { timeout: 15_000 }).not.toBe('starting');
    await page.getByRole('button', { name: 'Fermer la caméra' }).click();

    await page.locator('#pickup-scan').click();
    await usbScan(page, built.devices[0].assetTag);
    await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe('1');
    expect(await banner(page).textContent()).toContain(`${built.devices[0].assetTag} : OK (1 sur 3)`);
    expect(await page.getByTestId('pickup-count-spoken').textContent()).toBe('1 scanné sur 3 attendus');

    await usbScan(page, built.foreign.assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`${built.foreign.assetTag} n'appartient pas à ce lot`);
    expect(await banner(page).getAttribute('data-kind')).toBe('error');
    expect(await page.getByTestId('pickup-scanned').textContent()).toBe('1');
    expect(await page.getByTestId('pickup-flagged').textContent()).toBe('1');
    expect(await page.getByTestId('flagged-list').textContent()).toContain(built.foreign.assetTag);

    await usbScan(page, built.devices[0].assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`Déjà scanné : ${built.devices[0].assetTag}`);
    await usbScan(page, built.devices[1].assetTag);
    await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe('2');

    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'pickup-phone');

    // a reload on the dock loses nothing
    await page.reload();
    await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe('2');

    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'pickup-desktop');
    await page.setViewportSize(PHONE);

    await page.locator('#pickup-scan').click();
    await usbScan(page, built.devices[2].assetTag);
    await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe('3');
    expect(await page.locator('[data-testid="expected-device"][data-scanned="true"]').count()).toBe(3);

    await page.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Les 3 appareils attendus ont été scannés');
    await expectAccessible(page, 'with the pickup confirmation dialog open');
    await dialog.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    const result = page.getByTestId('pickup-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('picked_up');
    expect(await result.textContent()).toContain('3 appareils enlevés');

    const batch = await e2e.t.http.get(`/api/batches/${built.id}`).set(await e2e.t.auth('it_staff'));
    expect(batch.body.status).toBe('picked_up');
    const foreign = await e2e.t.http.get(`/api/devices/${built.foreign.id}`).set(await e2e.t.auth('it_staff'));
    expect(foreign.body.status).toBe('sanitized');

    // straight on to the refurbishment queue
    await page.getByRole('link', { name: 'Voir les appareils à reconditionner' }).click();
    await page.getByRole('button', { name: `Reconditionné — ${built.devices[0].assetTag}` }).click();
    const outcome = page.getByRole('dialog');
    expect(await outcome.getByRole('button', { name: 'Enregistrer' }).isDisabled()).toBe(true); // a grade is required
    await expectAccessible(page, 'with the refurbishment outcome dialog open');
    await outcome.getByLabel('B — bon état').check();
    await outcome.getByLabel('Remarques (facultatif)').fill('Batterie changée');
    await outcome.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => (await e2e.t.http.get(`/api/devices/${built.devices[0].id}`).set(await e2e.t.auth('partner'))).body.status).toBe('refurbished');
    const graded = await e2e.t.http.get(`/api/devices/${built.devices[0].id}`).set(await e2e.t.auth('partner'));
    expect(graded.body.refurbishedGrade).toBe('B');
    await expect.poll(() => page.getByRole('button', { name: `Reconditionné — ${built.devices[0].assetTag}` }).count()).toBe(0);
    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);
    await page.close();
  }, 120_000);

  it('recycles a scanned pile in one go, after refusing a device that is not waiting for a diagnosis', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'À reconditionner' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('refurbishment-scan');

    await usbScan(page, built.devices[0].assetTag); // refurbished already
    await expect.poll(() => banner(page).textContent()).toContain(`${built.devices[0].assetTag} est « Reconditionné »`);
    await usbScan(page, built.devices[1].assetTag);
    await expect.poll(() => page.getByTestId('pile-count').textContent()).toBe('Pile scannée (1)');
    await usbScan(page, built.devices[2].assetTag);
    await expect.poll(() => page.getByTestId('pile-count').textContent()).toBe('Pile scannée (2)');
    await screenshot(page, 'partner-queue');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Recyclé (2)' }).click();
    const outcome = page.getByRole('dialog');
    await outcome.getByLabel(/Motif du recyclage/).fill('Dalles cassées');
    await expectAccessible(page, 'with the recycling dialog open');
    await outcome.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByTestId('pile-count').textContent()).toBe('Pile scannée (0)');
    // the big banner now says what was recorded, not the last scan « ajouté à la pile »
    await expect.poll(() => banner(page).textContent()).toContain('2 appareils enregistrés');
    expect(await banner(page).getAttribute('data-kind')).toBe('success');
    for (const device of built.devices.slice(1)) {
      const response = await e2e.t.http.get(`/api/devices/${device.id}`).set(await e2e.t.auth('partner'));
      expect(response.body.status).toBe('recycled');
    }
    await page.close();
  }, 60_000);

  it('needs a written discrepancy when an expected device was not scanned, and shows it on the batch', async () => {
    const present = await sanitizedDevice({ serialNumber: 'E2E-GAP-1' });
    const missing = await sanitizedDevice({ serialNumber: 'E2E-GAP-2' });
    const batch = await readyBatch([present, missing]);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize(PHONE);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/pickup/${batch.id}`);
    await page.locator('#pickup-scan').click();
    await usbScan(page, present.assetTag);
    await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe('1');

    await page.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain("1 appareil attendu sur 2 n'a pas été scanné. Il restera au dépôt.");
    expect(await dialog.getByRole('list', { name: 'Non scannés' }).textContent()).toContain(missing.assetTag);
    await expectAccessible(page, 'with the pickup discrepancy dialog open (the missing devices\' list)');
    const submit = dialog.getByRole('button', { name: "Confirmer l'enlèvement" });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel(/Écart constaté/).fill('Écran absent du quai de chargement');
    await submit.click();
    const result = page.getByTestId('pickup-result');
    await expect.poll(() => result.getAttribute('data-status')).toBe('disputed');
    expect(await result.textContent()).toContain(missing.assetTag);
    await page.close();

    const depot = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(depot, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await depot.goto(`${e2e.baseUrl}/admin/batches/${batch.id}/show`);
    const discrepancy = depot.getByTestId('batch-discrepancy');
    await discrepancy.waitFor();
    expect(await discrepancy.textContent()).toContain('Écran absent du quai de chargement');
    expect(await discrepancy.textContent()).toContain(missing.assetTag);
    expect(await depot.getByTestId('batch-status').first().textContent()).toBe('Enlevé avec écart');
    await depot.getByRole('button', { name: 'Clôturer' }).click();
    await depot.getByRole('dialog').getByRole('button', { name: 'Clôturer' }).click();
    await expect.poll(() => depot.getByTestId('batch-status').first().textContent()).toBe('Clôturé');
    await depot.close();
  }, 60_000);
});
