import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, seriousViolations, noHorizontalScroll, setUpBrowserApp, usbScan } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';
import { formatAssetTag } from '../../api/devices/asset-tag.js';

const e2e = setUpBrowserApp();

const SITE = 'Antenne de Valenciennes';
const OTHER_SITE = 'Dépôt DSI — Lille';
const PHONE = { width: 390, height: 844 };

interface Device {
  id: number;
  assetTag: string;
  serialNumber: string;
}

async function registerDevice(site: string, fields: Record<string, unknown> = {}): Promise<Device> {
  const response = await e2e.t.http.post('/api/devices').set(await e2e.t.auth('it_staff')).send({ type: 'laptop', originSite: site, brand: 'Lenovo', model: 'ThinkPad T480', ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const banner = (page: Page) => page.getByTestId('scan-banner');
const counter = (page: Page, name: string) => page.getByTestId(`audit-${name}`).textContent();

async function counters(page: Page) {
  return {
    expected: await counter(page, 'expected'),
    found: await counter(page, 'found'),
    missing: await counter(page, 'missing'),
    unexpected: await counter(page, 'unexpected'),
    unknown: await counter(page, 'unknown'),
  };
}

describe('Depot stock-take', () => {
  let shelf: Device[];
  let auditId: number;

  it('lets a technician count a site by scanning, see a colleague’s scans, attach a stray device and close with one device missing', async () => {
    shelf = [
      await registerDevice(SITE, { serialNumber: 'E2E-AUDIT-1' }),
      await registerDevice(SITE, { serialNumber: 'E2E-AUDIT-2', type: 'monitor', brand: 'Dell', model: 'P2419H' }),
      await registerDevice(SITE, { serialNumber: 'E2E-AUDIT-3', type: 'desktop', brand: 'HP', model: 'EliteDesk 800' }),
    ];
    const stray = await registerDevice(OTHER_SITE, { serialNumber: 'E2E-AUDIT-STRAY' });
    const unknownTag = formatAssetTag({ prefix: 'CD59', digits: 6 }, 777777);
    const misread = `${shelf[2].assetTag.slice(0, -1)}${(Number(shelf[2].assetTag.at(-1)) + 1) % 10}`;

    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Inventaire' }).click();
    await page.getByText('Aucun inventaire pour le moment').waitFor();
    await page.getByRole('link', { name: 'Nouvel inventaire' }).click();
    await page.getByLabel(/^Site/).fill(SITE);
    await page.getByRole('button', { name: "Commencer l'inventaire" }).click();

    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^Inventaire n° \\d+ — ${SITE}$`) });
    await heading.waitFor();
    auditId = Number(/\/audits\/(\d+)\/show/.exec(page.url())![1]);
    expect(await page.getByTestId('audit-status').textContent()).toBe('En cours');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('audit-scan');
    expect(await counters(page)).toEqual({ expected: '3', found: '0', missing: '3', unexpected: '0', unknown: '0' });

    await usbScan(page, shelf[0].assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`Trouvé : ${shelf[0].assetTag}`);
    expect(await banner(page).getAttribute('data-kind')).toBe('success');
    await expect.poll(() => counter(page, 'found')).toBe('1');
    // continuous: the field is empty and ready again
    expect(await page.locator('#audit-scan').inputValue()).toBe('');

    // a serial number works too
    await usbScan(page, shelf[1].serialNumber.toLowerCase());
    await expect.poll(() => banner(page).textContent()).toContain(`Trouvé : ${shelf[1].assetTag}`);

    await usbScan(page, shelf[0].assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`Déjà scanné : ${shelf[0].assetTag}`);
    expect(await banner(page).getAttribute('data-kind')).toBe('warning');

    await usbScan(page, unknownTag);
    await expect.poll(() => banner(page).textContent()).toContain(`Code inconnu : ${unknownTag}`);
    expect(await banner(page).getAttribute('data-kind')).toBe('error');

    await usbScan(page, misread);
    await expect.poll(() => banner(page).textContent()).toContain('Chiffre de contrôle faux');
    expect(await banner(page).getAttribute('data-kind')).toBe('error');

    await usbScan(page, stray.assetTag);
    await expect.poll(() => banner(page).textContent()).toContain(`Inattendu : ${stray.assetTag} — enregistré à « ${OTHER_SITE} »`);

    expect(await counters(page)).toEqual({ expected: '3', found: '2', missing: '1', unexpected: '1', unknown: '1' });
    expect(await page.getByTestId('last-scan').count()).toBe(5); // the misread was not recorded
    expect(await page.getByTestId('last-scan').first().getAttribute('data-result')).toBe('unexpected');

    // a colleague scans with another scanner: their scan shows here within seconds
    const colleague = await e2e.t.http.post(`/api/audits/${auditId}/scans`).set(await e2e.t.auth('admin')).send({ code: 'NO-SUCH-SERIAL-42' });
    expect(colleague.body.result).toBe('unknown');
    await expect.poll(() => counter(page, 'unknown'), { timeout: 12_000 }).toBe('2');

    // still missing: the third device; the quick filter narrows a list
    const lists = page.getByTestId('audit-lists');
    expect(await lists.getByRole('tab', { selected: true }).textContent()).toBe('Manquants (1)');
    expect(await lists.getByTestId('audit-row').count()).toBe(1);
    expect(await lists.getByTestId('audit-row').textContent()).toContain(shelf[2].assetTag);
    await lists.getByRole('tab', { name: 'Trouvés (2)' }).click();
    expect(await lists.getByTestId('audit-row').count()).toBe(2);
    await lists.getByLabel('Filtrer la liste').fill('dell');
    await expect.poll(() => lists.getByTestId('audit-row').count()).toBe(1);
    expect(await lists.getByTestId('audit-row').textContent()).toContain(shelf[1].assetTag);
    await lists.getByLabel('Filtrer la liste').fill('');
    await lists.getByRole('tab', { name: 'Codes inconnus (2)' }).click();
    expect(await lists.textContent()).toContain(unknownTag);
    expect(await lists.textContent()).toContain('NO-SUCH-SERIAL-42');

    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'audit-session');
    await page.setViewportSize(PHONE);
    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);
    await screenshot(page, 'audit-session-phone');
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });

    // the stray device is really here: attach it to the audited site
    await lists.getByRole('tab', { name: 'Inattendus (1)' }).click();
    await lists.getByLabel(`Sélectionner ${stray.assetTag}`).check();
    await lists.getByRole('button', { name: 'Rattacher à ce site (1)' }).click();
    await expect.poll(() => banner(page).textContent()).toContain(`1 appareil rattaché à « ${SITE} »`);
    await expect.poll(() => lists.getByTestId('audit-row').textContent()).toContain('Rattaché');
    expect((await e2e.t.http.get(`/api/devices/${stray.id}`).set(await e2e.t.auth('it_staff'))).body.site).toBe(SITE);

    // pause: nobody scans; resume
    await page.getByRole('button', { name: 'Mettre en pause' }).click();
    await expect.poll(() => page.getByTestId('audit-status').textContent()).toBe('En pause');
    expect(await page.locator('#audit-scan').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Reprendre' }).click();
    await expect.poll(() => page.getByTestId('audit-status').textContent()).toBe('En cours');
    expect(await page.locator('#audit-scan').isDisabled()).toBe(false);

    await page.getByRole('button', { name: "Clôturer l'inventaire" }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('close-missing').textContent()).toContain("1 appareil attendu n'a pas été trouvé : il sera signalé manquant");
    await expectAccessible(page, 'with the stock-take closing dialog open');
    await dialog.getByRole('button', { name: 'Clôturer' }).click();
    const result = page.getByTestId('audit-result');
    await result.waitFor();
    await expect.poll(() => page.getByTestId('audit-status').textContent()).toBe('Clôturé');
    expect(await result.textContent()).toContain('1 appareil signalé manquant.');
    // (the closing dialog keeps the page aria-hidden for a moment)
    await expect.poll(() => result.getByRole('button', { name: 'Rapport PDF' }).isVisible()).toBe(true);
    expect(await result.getByRole('button', { name: 'Rapport Excel' }).isVisible()).toBe(true);
    expect(await page.locator('#audit-scan').count()).toBe(0);
    expect(await counter(page, 'missing')).toBe('1');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'audit-result');

    // the missing device waits in its queue, with the stock-take that flagged it
    await result.getByRole('link', { name: 'Voir les appareils manquants' }).click();
    const row = page.getByRole('row').filter({ hasText: shelf[2].assetTag });
    await row.waitFor();
    expect(await page.getByRole('row').filter({ hasText: shelf[0].assetTag }).count()).toBe(0);
    expect(await row.getByRole('link', { name: `n° ${auditId}` }).isVisible()).toBe(true);
    expect(await row.getByTestId('missing-since').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await row.getByRole('button', { name: 'Retirer' }).count()).toBe(0); // write-off is for admins
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'missing-queue');

    // its page says so, and its chain of custody tells why
    await row.getByRole('cell', { name: shelf[2].assetTag }).click();
    await page.getByRole('heading', { level: 1, name: shelf[2].assetTag }).waitFor();
    expect(await page.getByTestId('missing-chip').textContent()).toMatch(/^Manquant depuis le \d{2}\/\d{2}\/\d{4}$/);
    await expect.poll(() => page.getByTestId('timeline-event').first().textContent()).toContain(`Signalé manquant : absent de l'inventaire n° ${auditId}`);
    // a found device got its "audited" event
    await page.goto(`${e2e.baseUrl}/admin/devices/${shelf[0].id}/show`);
    await expect.poll(() => page.getByTestId('timeline-event').first().textContent()).toContain(`Inventorié : vu à ${SITE} (inventaire n° ${auditId})`);

    // and the devices list flags it
    await page.getByRole('menuitem', { name: 'Appareils' }).click();
    const listRow = page.getByRole('row').filter({ hasText: shelf[2].assetTag });
    await listRow.waitFor();
    expect(await listRow.getByTestId('missing-chip').count()).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: shelf[0].assetTag }).getByTestId('missing-chip').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('offers to resume the stock-take already running for a site, and lets an admin write a missing device off', async () => {
    const running = await e2e.t.http.post('/api/audits').set(await e2e.t.auth('admin')).send({ site: OTHER_SITE });
    expect(running.status).toBe(201);

    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/audits/create`);
    await page.getByLabel(/^Site/).fill(OTHER_SITE);
    await page.getByRole('button', { name: "Commencer l'inventaire" }).click();
    const already = page.getByTestId('audit-already-open');
    await already.waitFor();
    expect(await already.textContent()).toContain(`déjà en cours (n° ${running.body.id})`);
    await already.getByRole('link', { name: `Reprendre l'inventaire n° ${running.body.id}` }).click();
    await page.getByRole('heading', { level: 1, name: `Inventaire n° ${running.body.id} — ${OTHER_SITE}` }).waitFor();

    await page.getByRole('menuitem', { name: 'Manquants' }).click();
    const row = page.getByRole('row').filter({ hasText: shelf[2].assetTag });
    await row.waitFor();
    await row.getByRole('button', { name: 'Retirer' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('button', { name: 'Confirmer' }).isDisabled()).toBe(true); // a reason is required
    await expectAccessible(page, 'with the write-off dialog open');
    await dialog.getByLabel(/Motif/).fill('Introuvable après deux inventaires : sortie d’inventaire');
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText('Aucun appareil manquant').waitFor();
    const device = await e2e.t.http.get(`/api/devices/${shelf[2].id}`).set(await e2e.t.auth('admin'));
    expect(device.body).toMatchObject({ status: 'withdrawn', missingSince: null });
    expect(page.url()).toContain('/missing');
    await page.close();
  }, 60_000);
});
