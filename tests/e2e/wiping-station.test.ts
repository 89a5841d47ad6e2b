import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PDFParse } from 'pdf-parse';
import { binaryParser, TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, seriousViolations, setUpBrowserApp, usbScan } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';
import { registerDevice } from '../helpers/devices.js';

const e2e = setUpBrowserApp();

const SINGLE_DISK_LOG = path.resolve('tests/fixtures/nwipe/nwipe-0.28-single-disk.log');

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);
const banner = (page: Page) => page.getByTestId('scan-banner');

async function openStation(page: Page, role: 'it_staff' | 'admin' = 'it_staff') {
  await signIn(page, e2e.baseUrl, TEST_USERS[role].email, TEST_PASSWORD);
  await page.getByRole('menuitem', { name: "Poste d'effacement" }).click();
  await expect.poll(() => focusedId(page)).toBe('wiping-code');
}

/** Serious and critical axe violations, with the elements concerned, so a failure says what to fix. */

describe("Poste d'effacement", () => {
  it('lets a technician scan a laptop, scan its disk, click « Effacé » and get the certificate', async () => {
    const device = await registerDevice(e2e.t, { brand: 'Lenovo', model: 'ThinkPad T480', serialNumber: 'E2E-WIPE-1' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await openStation(page);

    await usbScan(page, device.assetTag);
    await expect.poll(() => page.getByTestId('scanned-device').textContent()).toContain(device.assetTag);
    expect(await banner(page).textContent()).toContain(`Trouvé : ${device.assetTag}`);
    // a device without media: the next scan is the disk's serial, typed into its own field
    await expect.poll(() => focusedId(page)).toBe('medium-serial');
    expect(await page.getByLabel('Type de support').textContent()).toContain('SSD SATA'); // laptop → SSD

    await usbScan(page, 'wipe-ssd-0001');
    const row = page.getByTestId('medium-row');
    await expect.poll(() => row.textContent()).toContain('WIPE-SSD-0001');
    expect(await row.textContent()).toContain('À effacer');
    expect(await page.getByLabel('N° de série du support').inputValue()).toBe('');

    // the default method is one PRNG pass with nwipe, read back
    expect(await page.getByTestId('default-method').textContent()).toContain('Écrasement par flux pseudo-aléatoire (PRNG)');
    await page.getByRole('button', { name: 'Effacé ✔ — WIPE-SSD-0001' }).click();
    await expect.poll(() => banner(page).textContent()).toMatch(new RegExp(`${device.assetTag} effacé — certificat CS-\\d{4}-\\d{6}-[A-Z0-9]{4}`));
    expect(await banner(page).getAttribute('data-kind')).toBe('success');
    expect(await page.getByTestId('scanned-device').textContent()).toContain('Effacé (certifié)');

    const stored = await e2e.t.http.get(`/api/devices/${device.id}`).set(await e2e.t.auth('it_staff'));
    expect(stored.body.status).toBe('sanitized');
    expect(await banner(page).textContent()).toContain(stored.body.certificateNumber);
    const [record] = (await e2e.t.http.get(`/api/sanitizations?filter=${encodeURIComponent(JSON.stringify({ device: device.id }))}`).set(await e2e.t.auth('it_staff'))).body;
    expect(record).toMatchObject({ technique: 'overwrite_prng', category: 'clear', tool: 'nwipe', passes: 1, verification: 'last_pass', result: 'success', operatorName: TEST_USERS.it_staff.name });
    // one click records the end time only: nobody typed a start, so none is made up
    expect(record.startedAt).toBeNull();
    expect(Math.abs(new Date(record.finishedAt).getTime() - Date.now())).toBeLessThan(5 * 60_000);
    await screenshot(page, 'wiping-station-sanitized');

    // the certificate is fetched with the token and opened in a new tab
    const [response, popup] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith(`/api/devices/${device.id}/certificate.pdf`)),
      page.context().waitForEvent('page'),
      page.getByTestId('scan-banner').getByRole('button', { name: 'Certificat PDF' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    // what the new tab shows: the downloaded PDF, through an object URL
    await expect.poll(() => popup.url()).toMatch(/^blob:/);
    await popup.waitForLoadState();
    expect(await popup.evaluate(() => document.contentType)).toBe('application/pdf');
    // the certificate the technician opened: the end time only, said in words; the tool without a made-up version
    const pdf = await e2e.t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(await e2e.t.auth('it_staff')).buffer(true).parse(binaryParser);
    const parser = new PDFParse({ data: pdf.body });
    const certificate = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    const endTime = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(record.finishedAt));
    expect(certificate).toContain(`à ${endTime} (heure de fin seulement)`);
    expect(certificate).not.toMatch(/Réalisé : le [^:]*, de \d\d:\d\d à/);
    expect(certificate).toContain('Outil : nwipe (version non renseignée)');
    await popup.close();

    // once certified the disk cannot be changed here any more
    expect(await page.getByRole('button', { name: /Effacé ✔/ }).count()).toBe(0);
    expect(await page.getByLabel('N° de série du support').count()).toBe(0);

    await page.getByRole('link', { name: 'Voir la fiche' }).click();
    const section = page.getByTestId('device-sanitization');
    await expect.poll(() => section.getByTestId('device-records').textContent()).toContain('WIPE-SSD-0001');
    const sectionText = await section.textContent();
    expect(sectionText).toContain(`Certificat n° ${stored.body.certificateNumber}`);
    expect(sectionText).toContain('Réussi');
    expect(sectionText).toContain('Effacement logique (Clear)');
    expect(await section.getByRole('link', { name: 'Vérification publique' }).getAttribute('href')).toBe(`/api/certificates/${stored.body.certificateNumber}`);
    const firstEvent = page.getByTestId('timeline-event').first();
    await expect.poll(() => firstEvent.textContent()).toContain(`Enregistré → Effacé (certifié) — certificat ${stored.body.certificateNumber}`);
    const events = await page.getByTestId('timeline-event').allTextContents();
    expect(events.some((text) => text.includes('Effacement réussi du support n° WIPE-SSD-0001'))).toBe(true);
    expect(events.some((text) => text.includes('Support ajouté : SSD SATA n° WIPE-SSD-0001'))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'device-show-sanitization');
    await page.close();
  }, 90_000);

  it('quarantines a desktop whose wipe failed, lists it in the quarantine queue, and frees it when the disk is shredded', async () => {
    const device = await registerDevice(e2e.t, { type: 'desktop', brand: 'HP', model: 'ProDesk 600 G3', serialNumber: 'E2E-WIPE-FAIL' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await openStation(page);
    await usbScan(page, device.assetTag);
    await expect.poll(() => focusedId(page)).toBe('medium-serial');
    expect(await page.getByLabel('Type de support').textContent()).toContain('Disque dur (HDD)'); // desktop → HDD
    await page.getByLabel('Modèle (facultatif)').fill('Seagate ST500DM002');
    await page.getByLabel('Capacité en Go (facultatif)').fill('500');
    await page.getByLabel('N° de série du support').fill('Z3T8FAIL');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('medium-row').textContent()).toContain('Seagate ST500DM002 · 500 Go');

    await page.getByRole('button', { name: 'Échec ✖ — Z3T8FAIL' }).click();
    const save = page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' });
    expect(await save.isDisabled()).toBe(true); // the error text is required
    await expectAccessible(page, 'with the failed-wipe dialog open');
    await page.getByLabel("Message d'erreur (obligatoire)").fill("Erreur d'E/S à 43 %");
    await save.click();
    await expect.poll(() => banner(page).textContent()).toContain(`${device.assetTag} en quarantaine`);
    expect(await banner(page).getAttribute('data-kind')).toBe('error');
    expect(await page.getByTestId('device-quarantined').textContent()).toContain('Z3T8FAIL');
    expect(await page.getByTestId('medium-row').textContent()).toContain('Échec');
    // the disk can be wiped again or destroyed
    await expect.poll(() => page.getByRole('button', { name: 'Effacé ✔ — Z3T8FAIL' }).isEnabled()).toBe(true);
    await screenshot(page, 'wiping-station-quarantined');

    await page.getByRole('menuitem', { name: 'Quarantaine' }).click();
    const quarantined = page.getByRole('row').filter({ hasText: device.assetTag });
    await expect.poll(() => quarantined.textContent()).toContain("Z3T8FAIL : Erreur d'E/S à 43 %");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'quarantine-list');

    // from the queue back to the station: the disk goes to the shredder, the device is freed
    await quarantined.getByRole('link', { name: `Ouvrir au poste d'effacement — ${device.assetTag}` }).click();
    await expect.poll(() => page.getByTestId('scanned-device').textContent()).toContain(device.assetTag);
    await page.getByRole('button', { name: 'Détruit (broyage) — Z3T8FAIL' }).click();
    await page.getByLabel('Broyeur ou prestataire').fill('Broyeur DSI');
    await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => banner(page).textContent()).toContain(`${device.assetTag} effacé — certificat CS-`);
    const records = (await e2e.t.http.get(`/api/sanitizations?filter=${encodeURIComponent(JSON.stringify({ device: device.id }))}&sort=${encodeURIComponent('["id","ASC"]')}`).set(await e2e.t.auth('it_staff'))).body;
    expect(records.map((record: { technique: string; result: string }) => `${record.technique}:${record.result}`)).toEqual(['overwrite_prng:failure', 'shred:success']);
    expect(records[1]).toMatchObject({ category: 'destroy', tool: 'Broyeur DSI' });

    await page.getByRole('menuitem', { name: 'Effacements' }).click();
    const failureRow = page.getByRole('row').filter({ hasText: 'Z3T8FAIL' }).filter({ hasText: 'Échec' });
    await expect.poll(() => failureRow.textContent()).toContain("Erreur d'E/S à 43 %");
    expect(await page.getByRole('row').filter({ hasText: 'Z3T8FAIL' }).filter({ hasText: 'Broyage' }).textContent()).toContain('Destruction');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sanitizations-list');
    await page.close();
  }, 90_000);

  it('records a monitor with no storage as sanitized', async () => {
    const device = await registerDevice(e2e.t, { type: 'monitor', brand: 'Dell', model: 'P2419H', serialNumber: 'E2E-WIPE-SCREEN' });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await openStation(page);
    await usbScan(page, device.assetTag);
    await page.getByRole('button', { name: 'Aucun support de stockage' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Aucun support de stockage' }).click();
    await expect.poll(() => banner(page).textContent()).toContain(`${device.assetTag} effacé — certificat CS-`);
    expect(await page.getByTestId('device-certificate').textContent()).toContain('Certificat n° CS-');
    await page.close();
  }, 60_000);

  it('records the start and end times the technician types, and the certificate prints them as given', async () => {
    const device = await registerDevice(e2e.t, { brand: 'Lenovo', model: 'ThinkPad T470', serialNumber: 'E2E-WIPE-TIMES' });
    const tech = await e2e.t.auth('it_staff');
    expect((await e2e.t.http.post('/api/media').set(tech).send({ device: device.id, kind: 'ssd', serialNumber: 'WIPE-TIMES-0001' })).status).toBe(201);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await openStation(page);
    await usbScan(page, device.assetTag);
    await expect.poll(() => page.getByTestId('medium-row').textContent()).toContain('WIPE-TIMES-0001');
    // the start is empty by default: nobody knows it unless it is typed
    expect(await page.locator('#wipe-started-at').inputValue()).toBe('');
    await page.locator('#wipe-started-at').fill('2026-11-20T08:05');
    await page.locator('#wipe-finished-at').fill('2026-11-20T09:40');
    await page.getByRole('button', { name: 'Effacé ✔ — WIPE-TIMES-0001' }).click();
    await expect.poll(() => banner(page).textContent()).toContain(`${device.assetTag} effacé — certificat CS-`);
    const pdf = await e2e.t.http.get(`/api/devices/${device.id}/certificate.pdf`).set(tech).buffer(true).parse(binaryParser);
    const parser = new PDFParse({ data: pdf.body });
    const certificate = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(certificate).toContain('Réalisé : le 20 novembre 2026, de 08:05 à 09:40');
    expect(certificate).not.toContain('heure de fin seulement');
    await page.close();
  }, 60_000);

  it('previews a dropped nwipe log without recording it, records it on click; a second import records nothing', async () => {
    const device = await registerDevice(e2e.t, { type: 'desktop', brand: 'Gigabyte', model: 'Z370', serialNumber: 'E2E-WIPE-LOG' });
    const medium = await e2e.t.http.post('/api/media').set(await e2e.t.auth('it_staff')).send({ device: device.id, kind: 'nvme', serialNumber: 'S4P3NF0M300001K' });
    expect(medium.status).toBe(201);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await openStation(page);
    await usbScan(page, device.assetTag);
    await expect.poll(() => page.getByTestId('medium-row').textContent()).toContain('À effacer');

    const records = async () =>
      (await e2e.t.http.get(`/api/sanitizations?filter=${encodeURIComponent(JSON.stringify({ device: device.id }))}`).set(await e2e.t.auth('it_staff'))).body;
    await page.locator('#nwipe-logs').setInputFiles(SINGLE_DISK_LOG);
    const first = page.getByTestId('log-report').first();
    // a preview first: what would be recorded, nothing written
    await expect.poll(() => first.getAttribute('data-status')).toBe('previewed');
    expect(await first.textContent()).toContain('Seront enregistrés (1)');
    expect(await first.getByTestId('report-sanitized').textContent()).toContain('certifiés effacés');
    expect(await first.getByTestId('log-disk').allTextContents()).toEqual([
      expect.stringContaining('S4P3NF0M300001K'),
      expect.stringContaining('détecté, pas effacé'),
      expect.stringContaining('détecté, pas effacé'),
    ]);
    await screenshot(page, 'wiping-station-log-preview');
    expect(await records()).toEqual([]);
    expect(await page.getByTestId('scanned-device').textContent()).not.toContain('Effacé (certifié)');
    await first.getByRole('button', { name: 'Enregistrer ce journal' }).click();
    await expect.poll(() => first.getAttribute('data-status')).toBe('done');
    expect(await records()).toHaveLength(1);
    expect(await first.getByTestId('report-sanitized').textContent()).toContain(device.assetTag);
    expect(await first.textContent()).toContain('nwipe-0.28-single-disk.log');
    expect(await first.textContent()).toContain('Enregistrés (1)');
    // the device on the bench follows the log
    await expect.poll(() => page.getByTestId('scanned-device').textContent()).toContain('Effacé (certifié)');
    await expect.poll(() => banner(page).textContent()).toContain(`${device.assetTag} effacé — certificat CS-`);

    await page.locator('#nwipe-logs').setInputFiles([SINGLE_DISK_LOG]);
    await expect.poll(() => page.getByTestId('log-report').count()).toBe(2);
    const second = page.getByTestId('log-report').first();
    await expect.poll(() => second.getAttribute('data-status')).toBe('previewed');
    await second.getByRole('button', { name: 'Enregistrer ce journal' }).click();
    await expect.poll(() => second.getAttribute('data-status')).toBe('done');
    expect(await second.textContent()).toContain('Déjà importés (1)');
    expect(await second.getByTestId('report-sanitized').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'wiping-station-logs');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await screenshot(page, 'wiping-station-phone');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('asks a second, deliberate click before recording an overwrite of a tablet’s eMMC memory as a success', async () => {
    const device = await registerDevice(e2e.t, { type: 'tablet', brand: 'Samsung', model: 'Galaxy Tab A 10.1', serialNumber: 'E2E-WIPE-EMMC' });
    await e2e.t.http.post('/api/media').set(await e2e.t.auth('it_staff')).send({ device: device.id, kind: 'emmc', serialNumber: 'EMMC-0001', model: 'eMMC intégrée', capacityGb: 32 });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await openStation(page);
    await usbScan(page, device.assetTag);
    await expect.poll(() => page.getByTestId('medium-row').textContent()).toContain('EMMC-0001');
    const records = async () =>
      (await e2e.t.http.get(`/api/sanitizations?filter=${encodeURIComponent(JSON.stringify({ device: device.id }))}`).set(await e2e.t.auth('it_staff'))).body;

    // the bench's method is an nwipe overwrite: one click does not certify the tablet
    await page.getByRole('button', { name: 'Effacé ✔ — EMMC-0001' }).click();
    const dialog = page.getByRole('dialog', { name: 'Écrasement d’une mémoire eMMC (EMMC-0001)' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('réinitialisation d\'usine (Clear)');
    await expectAccessible(page, 'with the eMMC overwrite dialog open');
    await screenshot(page, 'wiping-station-emmc-overwrite');
    await dialog.getByRole('button', { name: 'Changer de méthode' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await records()).toEqual([]);

    // a deliberate second click records exactly what was done: an overwrite (Clear)
    await page.getByRole('button', { name: 'Effacé ✔ — EMMC-0001' }).click();
    await dialog.getByRole('button', { name: 'Enregistrer l’écrasement quand même' }).click();
    await expect.poll(() => page.getByTestId('scanned-device').textContent()).toContain('Effacé (certifié)');
    expect(await records()).toMatchObject([{ technique: 'overwrite_prng', category: 'clear', result: 'success' }]);
    await page.close();
  });

  it('refuses a file that is not an nwipe log; the station and the media list are accessible, in French and in English', async () => {
    const device = await registerDevice(e2e.t, { brand: 'Dell', model: 'Latitude 7490', serialNumber: 'E2E-WIPE-A11Y' });
    await e2e.t.http.post('/api/media').set(await e2e.t.auth('it_staff')).send({ device: device.id, kind: 'ssd', serialNumber: 'A11Y-SSD-1', model: 'Samsung 860 EVO', capacityGb: 256 });
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await openStation(page);
    expect(await seriousViolations(page)).toEqual([]);
    await usbScan(page, device.assetTag);
    await expect.poll(() => page.getByTestId('medium-row').textContent()).toContain('A11Y-SSD-1');
    await page.getByRole('button', { name: 'Modifier la méthode' }).click();
    await page.locator('#nwipe-logs').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('liste de courses\n') });
    const refused = page.getByTestId('log-report').first();
    await expect.poll(() => refused.getAttribute('data-status')).toBe('refused');
    expect(await refused.getByRole('alert').textContent()).not.toBe('');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'wiping-station-device');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await screenshot(page, 'wiping-station-device-phone');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });

    // the whole station in English
    await page.getByRole('button', { name: /Français/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wiping station' }).waitFor();
    // switching the language reloads the screen: scan again
    await expect.poll(() => focusedId(page)).toBe('wiping-code');
    await usbScan(page, device.assetTag);
    await page.getByTestId('medium-row').waitFor();
    expect(await page.getByRole('button', { name: 'Wiped ✔ — A11Y-SSD-1' }).count()).toBe(1);
    expect(await page.getByTestId('default-method').textContent()).toContain('Pseudo-random overwrite (PRNG)');
    expect(await page.getByTestId('default-method').textContent()).toContain('Verification: last pass read back');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'wiping-station-english');

    await page.getByRole('link', { name: 'All media' }).click();
    const mediumRow = page.getByRole('row').filter({ hasText: 'A11Y-SSD-1' });
    await expect.poll(() => mediumRow.textContent()).toContain(device.assetTag);
    expect(await mediumRow.textContent()).toContain('SATA SSD');
    expect(await mediumRow.textContent()).toContain('To wipe');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'media-list');
    await page.close();
  }, 90_000);
});
