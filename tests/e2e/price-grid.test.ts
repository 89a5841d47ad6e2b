import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';
import { newPage, screenshot, seriousViolations, signIn, setUpBrowserApp, usbScan } from '../helpers/browser.js';

/**
 * Issue #15 §2 in the browser: an admin publishes a new version of the price grid; the partner
 * scanning a refurbished laptop at the reception desk sees its category and suggested price in
 * that version.
 */
const e2e = setUpBrowserApp();

let laptop: { id: number; assetTag: string };
let voucherCode: string;

beforeAll(async () => {
  const year = new Date().getFullYear();
  const admin = await e2e.t.auth('admin');
  expect((await e2e.t.http.post('/api/agreements').set(admin).send({ partner: 'Emmaüs Connect', startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31`, priceCaps: { laptop: 180 } })).status).toBe(201);
  // 8 Go, 8th generation, 256 Go SSD, battery at 90 %: Premium in the seeded grid
  const inventory = {
    deviceid: 'E2E-GRID-LAPTOP-2026-12-08',
    content: {
      versionclient: 'GLPI-Agent_v1.7',
      bios: { ssn: 'E2E-GRID-LAPTOP', smanufacturer: 'Dell Inc.', smodel: 'Latitude 7490' },
      hardware: { chassis_type: 'Notebook' },
      cpus: [{ name: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz' }],
      memories: [{ capacity: 8192 }],
      storages: [{ name: 'sda', model: 'Samsung SSD 860 EVO', serial: 'E2E-GRID-SSD', disksize: 256060 }],
      batteries: [{ name: 'DELL 7FHHV', capacity: 10000, real_capacity: 9000 }],
    },
  };
  const posted = await e2e.t.http.post('/api/inventory?site=Dépôt de test').set(await e2e.t.auth('it_staff')).send(inventory);
  expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  laptop = posted.body.device;
  await handOver(e2e.t, [laptop.id], { status: 'refurbished' });
  const referral = await e2e.t.http.post('/api/referrals').set(await e2e.t.auth('social_worker')).send({
    beneficiary: { firstName: 'Karima', lastName: 'Grille', birthYear: 1984, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
    need: 'laptop',
  });
  expect(referral.status).toBe(201);
  expect((await e2e.t.http.post(`/api/referrals/${referral.body.id}/accept`).set(await e2e.t.auth('partner'))).status).toBe(200);
  voucherCode = referral.body.voucherCode;
});

describe('Price grid', () => {
  it('an admin publishes a new version; the partner scanning a laptop sees its new category and suggested price', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Grille de prix solidaires' }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/price-grids`);
    await page.getByRole('cell', { name: 'Grille d’exemple (à adapter)' }).waitFor({ timeout: 20_000 });
    const caps = page.getByTestId('legal-caps');
    await expect.poll(() => caps.textContent(), { timeout: 20_000 }).toMatch(/Ordinateur portable180\s€/);
    expect(await caps.textContent()).toContain('Décret du 7 novembre 2022');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'price-grid-list');

    // the new version starts from the one in force: only what changes is typed
    await page.getByRole('link', { name: 'Créer' }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/price-grids/create`);
    const premiumRam = page.locator('input[name="rules.criteria.laptop.premium.minRamGb"]');
    await expect.poll(() => premiumRam.inputValue(), { timeout: 20_000 }).toBe('8');
    await page.locator('input[name="label"]').fill('Grille 2027 (comité de pilotage)');
    await page.locator('textarea[name="source"]').fill('Accord du comité de pilotage avec Emmaüs Connect');
    await premiumRam.fill('16');
    const standardPrice = page.locator('input[name="rules.prices.laptop.standard"]');
    await standardPrice.fill('95,50');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'price-grid-new-version');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/price-grids\/\d+\/show$/, { timeout: 20_000 });
    await page.getByRole('heading', { name: 'Grille 2027 (comité de pilotage)', exact: true }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('grid-row-laptop-standard').textContent()).toMatch(/95,50\s€/);
    expect(await page.getByText('En vigueur').first().isVisible()).toBe(true);
    await screenshot(page, 'price-grid-show');
    await page.close();

    const partner = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(partner, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    // the partner reads the grid, and may not change it
    await partner.getByRole('menuitem', { name: 'Grille de prix solidaires' }).click();
    await partner.waitForURL(`${e2e.baseUrl}/admin/price-grids`);
    await partner.getByRole('cell', { name: 'Grille 2027 (comité de pilotage)' }).waitFor({ timeout: 20_000 });
    expect(await partner.getByRole('link', { name: 'Créer' }).count()).toBe(0);
    await partner.getByRole('menuitem', { name: 'Accueil des personnes' }).click();
    await partner.getByRole('heading', { level: 1, name: 'Accueil des personnes' }).waitFor();
    await expect.poll(() => partner.evaluate(() => document.activeElement?.id)).toBe('reception-voucher');
    await usbScan(partner, voucherCode);
    await partner.getByRole('heading', { name: "Choisir l'appareil" }).waitFor({ timeout: 20_000 });
    await expect.poll(() => partner.evaluate(() => document.activeElement?.id)).toBe('reception-device');
    await usbScan(partner, laptop.assetTag);
    const pricing = partner.getByTestId('reception-pricing');
    await pricing.waitFor({ timeout: 20_000 });
    // 8 Go no longer reaches Premium (16 Go in the new version): Standard, at the new price, in French euros
    expect(await pricing.textContent()).toMatch(/CatégorieStandardPrix suggéré : 95,50\s€/);
    expect(await pricing.textContent()).toContain('Grille « Grille 2027 (comité de pilotage) »');
    await partner.getByRole('button', { name: /Utiliser 95,50\s€/ }).click();
    expect(await partner.getByLabel('Prix solidaire (€)').inputValue()).toBe('95,50');
    expect(await seriousViolations(partner)).toEqual([]);
    await screenshot(partner, 'price-grid-reception');
    await partner.close();
  }, 120_000);
});
