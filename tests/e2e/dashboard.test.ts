import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, noHorizontalScroll, SCREENSHOT_DIR, screenshot, signIn, seriousViolations, setUpBrowserApp } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';
import { seedFactors } from '../../seeds/factors.js';

const e2e = setUpBrowserApp();

const SITE = 'Dépôt de test';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YEAR = new Date().getFullYear();

interface Device {
  id: number;
  assetTag: string;
}

/** Registered, recorded as holding no storage (so sanitized at once), as at the wiping station. */
async function sanitizedDevice(type: string, serialNumber: string): Promise<Device> {
  const created = await e2e.t.http.post('/api/devices').set(await e2e.t.auth('it_staff')).send({ type, originSite: SITE, brand: 'Dell', model: 'Latitude 5490', serialNumber });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await e2e.t.http.post(`/api/devices/${created.body.id}/no-storage`).set(await e2e.t.auth('it_staff'))).status).toBe(200);
  return created.body;
}

/** This year's activity, through the API as each role does it: donated, picked up, refurbished or recycled, allocated. */
async function buildYear() {
  const admin = await e2e.t.auth('admin');
  const agreement = await e2e.t.http.post('/api/agreements').set(admin).send({
    partner: 'Emmaüs Connect',
    startsOn: `${YEAR}-01-01`,
    endsOn: `${YEAR}-12-31`,
    devicesCommitted: 1000,
    residentsCommitted: 600,
    trainingsCommitted: 300,
    solidaritySalesCommitted: 600,
    priceCaps: { laptop: 150, monitor: 30 },
    reuseCommitmentRef: 'Convention CD59-EC, article 4',
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  // the seeded laptop factor has no mass and no new price (none published): the Département fills them in
  const laptop = (await e2e.t.http.get('/api/factors').query({ filter: JSON.stringify({ deviceType: 'laptop' }) }).set(admin)).body[0];
  const factor = await e2e.t.http.put(`/api/factors/${laptop.id}`).set(admin).send({
    massKg: 2.2,
    massSource: 'Pesée de 20 portables du dépôt, novembre 2026 (test)',
    referenceNewPriceEur: 650,
    priceSource: 'Prix moyen du marché public 2025 du Département (test)',
  });
  expect(factor.status, JSON.stringify(factor.body)).toBe(200);

  const devices = [await sanitizedDevice('laptop', 'DASH-1'), await sanitizedDevice('laptop', 'DASH-2'), await sanitizedDevice('laptop', 'DASH-3'), await sanitizedDevice('monitor', 'DASH-4')];
  const it = await e2e.t.auth('it_staff');
  const batch = await e2e.t.http.post('/api/batches').set(it).send({ site: SITE, plannedAt: `${YEAR}-12-20` });
  expect(batch.status).toBe(201);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(it).send({ ids: devices.map((device) => device.id) })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(it)).status).toBe(200);
  const partner = await e2e.t.auth('partner');
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/pickup`).set(partner).send({ scanned: devices.map((device) => device.assetTag) })).status).toBe(200);
  const laptops = devices.slice(0, 3).map((device) => device.assetTag);
  expect((await e2e.t.http.post('/api/devices/outcomes').set(partner).send({ assetTags: laptops, to: 'refurbished', grade: 'B' })).status).toBe(200);
  expect((await e2e.t.http.post('/api/devices/outcomes').set(partner).send({ assetTags: [devices[3].assetTag], to: 'recycled', reason: 'Dalle fêlée' })).status).toBe(200);

  const socialWorker = await e2e.t.auth('social_worker');
  for (const [index, price] of [89.9, 120].entries()) {
    const referral = await e2e.t.http.post('/api/referrals').set(socialWorker).send({
      beneficiary: { firstName: 'Nadia', lastName: `Tableau${index}`, birthYear: 1971, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
      need: 'laptop',
      trainingWanted: index === 0,
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    expect((await e2e.t.http.post(`/api/referrals/${referral.body.id}/accept`).set(partner)).status).toBe(200);
    const allocation = await e2e.t.http.post('/api/allocations').set(partner).send({ device: devices[index].id, referral: referral.body.id, price });
    expect(allocation.status, JSON.stringify(allocation.body)).toBe(201);
  }
  // another territory: an admin refers a resident of Douai, who gets the third laptop
  const douai = await e2e.t.http.post('/api/referrals').set(admin).send({
    beneficiary: { firstName: 'Marc', lastName: 'Territoire', birthYear: 1980, postcode: '59500', commune: 'Douai', eligibility: 'aah', consent: true, territory: 'MDIE Douai' },
    need: 'laptop',
  });
  expect(douai.status, JSON.stringify(douai.body)).toBe(201);
  expect((await e2e.t.http.post(`/api/referrals/${douai.body.id}/accept`).set(partner)).status).toBe(200);
  expect((await e2e.t.http.post('/api/allocations').set(partner).send({ device: devices[2].id, referral: douai.body.id, price: 100 })).status).toBe(201);
}

const figure = (page: Page, name: string) => page.getByTestId(`figure-${name}-value`);

beforeAll(async () => {
  await seedFactors(e2e.t.orm.em.fork());
  await buildYear();
});

describe('Steering-committee dashboard', () => {
  it("shows the viewer this year's key figures, commitments and charts, each environmental figure with its source, and another period on request", async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.viewer.email, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord du partenariat' }).waitFor();
    await page.getByRole('button', { name: 'Cette année' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cette année' }).getAttribute('aria-pressed')).toBe('true');

    await expect.poll(() => figure(page, 'devices-donated').textContent()).toBe('4');
    expect(await figure(page, 'residents-equipped').textContent()).toBe('3');
    expect(await figure(page, 'residents-trained').textContent()).toBe('1');
    expect(await figure(page, 'revenue').textContent()).toMatch(/^309,90\s€$/);
    // (650 − 89,90) + (650 − 120) + (650 − 100) = 1 640,10, shown to the euro
    expect(await figure(page, 'savings').textContent()).toMatch(/^1\s640\s€$/);
    expect(await figure(page, 'mass').textContent()).toMatch(/^6,6\skg$/);
    expect(await figure(page, 'co2e').textContent()).toMatch(/\d\s(kg|t)\sCO2e$/);
    expect(await figure(page, 'co2e').textContent()).not.toMatch(/^0\s/);
    // a prorated commitment is a whole number of devices, not « 358,4 attendus »
    expect(await page.getByTestId('commitment-devicesDonated').textContent()).toMatch(/4 sur \d+ attendus/);

    // charts: one svg per chart, drawn by @mui/x-charts
    await page.locator('[data-testid="chart-monthly"] svg').first().waitFor();
    await page.locator('[data-testid="chart-by-type"] svg').first().waitFor();
    expect(await page.locator('[data-testid="chart-monthly"] svg rect').count()).toBeGreaterThan(0);

    // the CO2e figure says where its factor comes from
    await page.getByRole('button', { name: 'Sources de « Gaz à effet de serre évités »' }).click();
    const sources = page.getByRole('dialog', { name: /Calcul et sources/ });
    await sources.waitFor();
    expect(await sources.textContent()).toContain('ADEME');
    await expectAccessible(page, 'with the sources dialog open');
    expect(await sources.textContent()).toContain('Portable');
    await page.keyboard.press('Escape');
    await sources.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Sources de « Déchets évités »' }).click();
    expect(await page.getByRole('dialog', { name: /Calcul et sources/ }).textContent()).toContain('Pesée de 20 portables');
    await page.keyboard.press('Escape');
    // the focus came back to the source button, whose tooltip stays open: move away for the picture
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expect.poll(() => page.getByRole('tooltip').count()).toBe(0);

    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-viewer-1366x768');
    await page.setViewportSize({ width: 1366, height: 1400 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-viewer-1366x1400-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });

    // last year: nothing happened
    await page.getByRole('button', { name: "L'année dernière" }).click();
    // French writes the first of the month « 1er »
    await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain(`Du 1er janvier ${YEAR - 1} au 31 décembre ${YEAR - 1}`);
    await expect.poll(() => figure(page, 'devices-donated').textContent()).toBe('0');
    expect(await figure(page, 'revenue').textContent()).toMatch(/^0\s€$/);

    // chosen dates, then an impossible period is refused before asking the server
    await page.getByRole('button', { name: 'Dates choisies' }).click();
    await page.getByLabel('Du', { exact: true }).fill(`${YEAR}-01-01`);
    await page.getByLabel('Au', { exact: true }).fill(`${YEAR}-12-31`);
    await expect.poll(() => figure(page, 'devices-donated').textContent()).toBe('4');
    await page.getByLabel('Au', { exact: true }).fill(`${YEAR - 1}-12-31`);
    await page.getByText('La date de fin précède la date de début').waitFor();
  });

  it('breaks the figures down by territory, and narrows the whole page to a territory chosen from the list or the table', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.viewer.email, TEST_PASSWORD);
    await expect.poll(() => figure(page, 'residents-equipped').textContent()).toBe('3');

    // one row per known territory, in French order, with a total
    const rows = page.getByTestId('territory-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const cells = async (index: number) => (await rows.nth(index).locator('th, td').allTextContents()).map((text) => text.replace(/\s/g, ' '));
    expect(await cells(0)).toEqual(['MDIE Douai', '1', '1', '0', '1', '100 €', '550 €', '2,2 kg', expect.stringMatching(/CO2e$/)]);
    expect(await cells(1)).toEqual(['UTPAS Roubaix', '2', '2', '1', '2', '209,90 €', '1 090 €', '4,4 kg', expect.stringMatching(/CO2e$/)]);
    const total = (await page.getByTestId('territory-table').locator('tfoot tr').locator('th, td').allTextContents()).map((text) => text.replace(/\s/g, ' '));
    expect(total.slice(0, 8)).toEqual(['Total', '3', '3', '1', '3', '309,90 €', '1 640 €', '6,6 kg']);
    await page.locator('[data-testid="chart-by-territory"] svg').first().waitFor();

    // the picker lists the territories the API knows: no free text that would silently give zeros
    const picker = page.getByRole('combobox', { name: 'Territoire' });
    await picker.click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['MDIE Douai', 'UTPAS Roubaix']);
    await page.getByRole('option', { name: 'MDIE Douai' }).click();
    await expect.poll(() => page.getByTestId('period-shown').textContent()).toContain('MDIE Douai');
    await expect.poll(() => figure(page, 'residents-equipped').textContent()).toBe('1');
    expect(await figure(page, 'revenue').textContent()).toMatch(/^100\s€$/);
    // flows and commitments stay for the whole Département, and the page says so
    expect(await figure(page, 'devices-donated').textContent()).toBe('4');
    expect(await page.getByTestId('figure-devices-donated').textContent()).toContain('Tout le Département');
    expect(await page.getByTestId('figure-residents-equipped').textContent()).not.toContain('Tout le Département');
    await page.getByText('Les engagements portent sur tout le Département, même quand un territoire est choisi.').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('chart-by-territory').count()).toBe(0);
    await page.mouse.move(0, 0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-viewer-territory-1366x768');

    // back to the whole Département with the picker's clear button, then narrowed from the table
    await picker.hover();
    await page.getByRole('button', { name: 'Revenir à tout le Département' }).first().click();
    await expect.poll(() => figure(page, 'residents-equipped').textContent()).toBe('3');
    await page.getByRole('button', { name: 'Afficher seulement UTPAS Roubaix' }).click();
    await expect.poll(() => figure(page, 'residents-equipped').textContent()).toBe('2');
    expect(await picker.inputValue()).toBe('UTPAS Roubaix');

    // on a phone the table scrolls inside its card, the page does not
    await page.getByRole('button', { name: 'Revenir à tout le Département' }).last().click();
    await expect.poll(() => rows.count()).toBe(2);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('downloads the steering-committee workbook with progress feedback', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.viewer.email, TEST_PASSWORD);
    await expect.poll(() => figure(page, 'devices-donated').textContent()).toBe('4');
    const [response, download] = await Promise.all([
      page.waitForResponse((answer) => answer.url().includes('/api/reports/partnership.xlsx')),
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le classeur (Excel)' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe(XLSX);
    expect(new URL(response.url()).searchParams.get('from')).toBe(`${YEAR}-01-01`);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^partenariat-reemploi_${YEAR}-01-01_${YEAR}-\\d{2}-\\d{2}\\.xlsx$`));
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    await page.getByText('Classeur téléchargé').waitFor();
    // the viewer reads archived reports but does not make them
    expect(await page.getByRole('button', { name: 'Générer et archiver le rapport' }).count()).toBe(0);
    await page.getByText('Aucun rapport archivé pour le moment.').waitFor();
  });

  it('lets an admin archive the report, download it again, and read and edit the factors with their sources', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await expect.poll(() => figure(page, 'devices-donated').textContent()).toBe('4');
    await page.getByRole('button', { name: 'Générer et archiver le rapport' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archiver le rapport' });
    await dialog.getByLabel(/Intitulé du rapport/).fill('Comité de pilotage de test');
    await expectAccessible(page, 'with the archive dialog open');
    await dialog.getByRole('button', { name: 'Archiver' }).click();
    await page.getByText('Rapport archivé', { exact: true }).waitFor();
    await page.getByTestId('archived-reports').getByText('Comité de pilotage de test').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger Comité de pilotage de test' }).click()]);
    expect(readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');
    await page.mouse.move(0, 0); // the button's tooltip closes
    await page.getByRole('tooltip').waitFor({ state: 'hidden' });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('menuitem', { name: 'Facteurs environnementaux' }).click();
    await page.getByText('Pesée de 20 portables du dépôt').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'factors-admin');
    await page.getByText('Pesée de 20 portables du dépôt').click();
    const mass = page.getByLabel('Masse de référence (kg)');
    // the stored 2.2 reads the French way, and a French decimal comma is a decimal comma (it once became 21)
    expect(await mass.inputValue()).toBe('2,2');
    // a factor is corrected, never deleted (the API has no such route)
    expect(await page.getByRole('button', { name: 'Supprimer' }).count()).toBe(0);
    await mass.fill('2,1 kg');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Saisissez un nombre, par exemple 2,1 (virgule ou point).').waitFor();
    // a mass of 0 kg is refused before the server is asked, with the range the server checks too
    await mass.fill('0');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Saisissez un nombre de 0,01 à 100.').waitFor();
    await mass.fill('2,45');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('2,45 kg').waitFor();
    expect(await e2e.t.sql(`select mass_kg from factors where device_type = 'laptop'`)).toEqual([{ mass_kg: 2.45 }]);
  }, 90_000); // a long walk through three screens and two downloads
});
