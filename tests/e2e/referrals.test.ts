import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { binaryParser, TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { handOver } from '../helpers/handover.js';
import { newPage, screenshot, SCREENSHOT_DIR, signIn, seriousViolations, noHorizontalScroll, setUpBrowserApp, usbScan } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';

const e2e = setUpBrowserApp();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };

interface Device {
  id: number;
  assetTag: string;
}

/** A laptop the partner has refurbished (the earlier steps of its chain are set up directly). */
async function refurbishedLaptop(serialNumber: string): Promise<Device> {
  const response = await e2e.t.http
    .post('/api/devices')
    .set(await e2e.t.auth('it_staff'))
    .send({ type: 'laptop', originSite: 'Dépôt de test', brand: 'Lenovo', model: 'ThinkPad T480', serialNumber });
  expect(response.status).toBe(201);
  await handOver(e2e.t, [response.body.id], { status: 'refurbished' });
  await e2e.t.sql("update devices set refurbished_grade='B' where id=$1", [response.body.id]);
  return response.body;
}

const banner = (page: Page) => page.getByTestId('scan-banner');

/** Serious and critical axe violations, with the elements concerned, so a failure says what to fix. */

/** The first page of a PDF as a PNG next to the other screenshots (what a person would print). */
function pdfToPng(pdf: Buffer, name: string): string {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'reemploi-pdf-'));
  try {
    writeFileSync(path.join(scratch, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '70', '-png', path.join(scratch, 'doc.pdf'), path.join(scratch, 'page')]);
    const pages = readdirSync(scratch).filter((file) => file.endsWith('.png')).sort();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const target = path.join(SCREENSHOT_DIR, `${name}.png`);
    renameSync(path.join(scratch, pages[0]), target);
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  const today = new Date();
  const year = today.getFullYear();
  const agreement = await e2e.t.http
    .post('/api/agreements')
    .set(await e2e.t.auth('admin'))
    .send({ partner: 'Emmaüs Connect', startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31`, priceCaps: { laptop: 150 } });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
});

describe('Referrals and allocations', () => {
  let referral: { id: number; voucherCode: string };

  it('lets a social worker refer a new person in one form (consent required) and print the voucher', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.social_worker.email, TEST_PASSWORD);

    // the home page is the social worker's own: counts by status and the shortcut to the form
    await page.getByRole('heading', { level: 1, name: `Bonjour ${TEST_USERS.social_worker.name}` }).waitFor();
    expect(await page.getByText('Votre territoire : UTPAS Roubaix').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('count-submitted').textContent()).toContain('0');
    await page.getByRole('main').getByRole('link', { name: 'Nouvelle orientation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle orientation' }).waitFor();

    await page.locator('input[name="firstName"]').fill('Nadia');
    await page.locator('input[name="lastName"]').fill('Benali');
    await page.locator('input[name="birthYear"]').fill('1971');
    await page.getByRole('combobox', { name: "Motif d'éligibilité" }).click();
    await page.getByRole('option', { name: 'RSA' }).click();
    await page.locator('input[name="postcode"]').fill('59100');
    await page.locator('input[name="commune"]').fill('Roubaix');
    await page.locator('input[name="phone"]').fill('06 12 34 56 78');
    await page.getByRole('radio', { name: 'Portable' }).check();
    await page.getByLabel('Formation souhaitée').check();

    // no consent, no referral
    await page.getByRole('button', { name: "Enregistrer l'orientation" }).click();
    await page.getByText('Le consentement de la personne est obligatoire').waitFor();
    expect(await e2e.t.sql('select id from referrals')).toEqual([]);

    const consent = page.getByRole('checkbox', { name: /est d'accord pour que le Département et Emmaüs Connect enregistrent ces informations/ });
    await consent.check();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'referral-form');

    await page.getByRole('button', { name: "Enregistrer l'orientation" }).click();
    const code = page.getByTestId('voucher-code');
    await code.waitFor();
    const voucherCode = (await code.textContent())!;
    expect(voucherCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await page.getByTestId('referral-done').textContent()).toContain('Remettez ce bon à Nadia');
    // RGAA 7.5: the saving and the code are announced, and the focus is on the result, not dropped to <body>
    expect(await page.getByRole('status').filter({ hasText: voucherCode }).textContent()).toContain('Orientation enregistrée');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Orientation enregistrée');

    const [stored] = (await e2e.t.http.get(`/api/referrals?filter=${encodeURIComponent(JSON.stringify({ q: voucherCode }))}`).set(await e2e.t.auth('social_worker'))).body;
    expect(stored).toMatchObject({ voucherCode, status: 'submitted', need: 'laptop', trainingWanted: true, beneficiaryName: 'Nadia Benali', territory: 'UTPAS Roubaix' });
    referral = stored;

    // the voucher is fetched with the token and opened in a new tab
    const [response, popup] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith(`/api/referrals/${stored.id}/voucher.pdf`)),
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Imprimer le bon' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    await expect.poll(() => popup.url()).toMatch(/^blob:/);
    await popup.close();

    const pdf = await e2e.t.http.get(`/api/referrals/${stored.id}/voucher.pdf`).set(await e2e.t.auth('social_worker')).buffer(true).parse(binaryParser);
    expect(pdf.status).toBe(200);
    pdfToPng(pdf.body as Buffer, 'referral-voucher');

    // the list shows it as sent; the person's page lists it
    await page.bringToFront();
    await page.getByRole('menuitem', { name: 'Mes orientations' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/admin/referrals'));
    // (seen once under load: the list did not show the new referral; the screenshot says what was shown)
    await page
      .getByRole('cell', { name: voucherCode, exact: true })
      .waitFor()
      .catch(async (error) => {
        await screenshot(page, 'referrals-list-failure');
        throw error;
      });
    expect(await page.getByRole('row', { name: new RegExp(voucherCode) }).getByTestId('referral-status').textContent()).toBe('Envoyée');
    await page.getByRole('cell', { name: voucherCode, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nadia Benali' }).waitFor();
    expect(await page.getByTestId('person-referral').first().textContent()).toContain(voucherCode);
    await page.close();
  }, 90_000);

  it('lets the partner welcome the resident: scan the voucher, accept, scan the laptop, refuse a price above the cap, allocate at 89,90 €', async () => {
    const laptop = await refurbishedLaptop('E2E-REF-LAPTOP-1');
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Accueil des personnes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accueil des personnes' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reception-voucher');

    // typed by hand: lower case, no dash
    await usbScan(page, referral.voucherCode.replace('-', '').toLowerCase());
    await expect.poll(() => banner(page).textContent()).toContain(`Bon ${referral.voucherCode} : Nadia`);
    const card = page.getByTestId('reception-referral');
    expect(await card.textContent()).toContain('Portable');
    expect(await card.textContent()).toContain('Oui');
    expect(await card.getByTestId('referral-status').textContent()).toBe('Envoyée');
    // least privilege: the partner never sees the last name
    expect(await page.locator('body').textContent()).not.toContain('Benali');

    await page.getByRole('button', { name: 'Accepter' }).click();
    await expect.poll(() => banner(page).textContent()).toContain(`Orientation ${referral.voucherCode} acceptée`);
    await page.getByRole('heading', { name: "Choisir l'appareil" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reception-device');

    await usbScan(page, laptop.assetTag);
    const device = page.getByTestId('reception-device');
    await device.waitFor();
    expect(await device.textContent()).toContain('Portable · Lenovo · ThinkPad T480');
    expect(await device.textContent()).toContain('Reconditionné');
    expect(await device.textContent()).toContain('Note : B');

    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'reception-desktop');

    // the cap is there before any price is typed
    await expect.poll(() => page.locator('#reception-price-helper-text').textContent()).toMatch(/Plafond de la convention : 150\s€$/);

    // above the agreement's cap: said plainly, nothing allocated
    const price = page.getByLabel('Prix solidaire (€)');
    await price.fill('200');
    await page.getByRole('button', { name: 'Attribuer' }).click();
    await expect.poll(() => banner(page).textContent()).toMatch(/Le prix dépasse le plafond de la convention \(150\s€\)/);
    expect(await banner(page).getAttribute('data-kind')).toBe('error');

    await page.setViewportSize(PHONE);
    await expect.poll(() => noHorizontalScroll(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reception-phone');
    await page.setViewportSize(DESKTOP);

    await price.fill('89,90');
    await page.getByRole('button', { name: 'Attribuer' }).click();
    const done = page.getByTestId('reception-done');
    await done.waitFor();
    expect(await banner(page).textContent()).toMatch(new RegExp(`${laptop.assetTag} attribué à Nadia pour 89,90\\s€`));
    expect(await done.textContent()).toContain('Imprimez le reçu et remettez-le à Nadia');

    const [response, popup] = await Promise.all([
      page.waitForResponse((candidate) => /\/api\/allocations\/\d+\/receipt\.pdf$/.test(candidate.url())),
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Imprimer le reçu' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    await popup.close();
    await screenshot(page, 'reception-done');

    const storedDevice = await e2e.t.http.get(`/api/devices/${laptop.id}`).set(await e2e.t.auth('it_staff'));
    expect(storedDevice.body.status).toBe('allocated');
    const storedReferral = await e2e.t.http.get(`/api/referrals/${referral.id}`).set(await e2e.t.auth('social_worker'));
    expect(storedReferral.body.status).toBe('equipped');
    const [allocation] = await e2e.t.sql<{ price_cents: number }>('select price_cents from allocations where referral_id = $1', [referral.id]);
    expect(allocation.price_cents).toBe(8990);

    // the voucher cannot serve twice
    await page.getByRole('button', { name: 'Accueillir une autre personne' }).click();
    await usbScan(page, referral.voucherCode);
    await expect.poll(() => page.getByTestId('reception-referral').textContent()).toContain('Équipée');
    expect(await page.getByRole('button', { name: 'Accepter' }).count()).toBe(0);
    await page.close();
  }, 90_000);
});

describe('Cancelling a referral', () => {
  it('asks the social worker for a reason from the list; the note is optional and said to be erased with the person', async () => {
    const created = await e2e.t.http.post('/api/referrals').set(await e2e.t.auth('social_worker')).send({
      beneficiary: { firstName: 'Odette', lastName: 'Annulée', birthYear: 1960, postcode: '59100', eligibility: 'aspa', consent: true },
      need: 'tablet',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.social_worker.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/beneficiaries/${created.body.beneficiary}/show`);
    await page.getByRole('heading', { level: 1, name: 'Odette Annulée' }).waitFor();
    await page.getByRole('button', { name: `Annuler ${created.body.voucherCode}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText("La remarque est effacée si la personne demande l'effacement de ses données.").waitFor();
    await expectAccessible(page, 'with the cancellation dialog open');
    // no reason, no cancellation
    expect(await dialog.getByRole('button', { name: "Annuler l'orientation" }).isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: 'La personne a déménagé' }).check();
    await dialog.getByLabel('Remarque (facultatif)').fill('Part chez sa fille à Lyon');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'referral-cancel-reason');
    await dialog.getByRole('button', { name: "Annuler l'orientation" }).click();
    await page.getByText("Motif de l'annulation : La personne a déménagé — Part chez sa fille à Lyon").waitFor();
    expect(await e2e.t.sql(`select status, cancellation_reason, status_note from referrals where id = $1`, [created.body.id])).toEqual([
      { status: 'cancelled', cancellation_reason: 'moved_away', status_note: 'Part chez sa fille à Lyon' },
    ]);
    await page.close();
  }, 60_000);
});
