import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, noHorizontalScroll, screenshot, SCREENSHOT_DIR, seriousViolations, setUpBrowserApp, signIn } from '../helpers/browser.js';

// Partners use phones at the depot during pickups, social workers on home visits: the lists and the
// batch page must fit a phone's width, with each row's main action on screen.
const e2e = setUpBrowserApp();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const SITE = 'Dépôt central de Villeneuve-d’Ascq';

interface Device {
  id: number;
  assetTag: string;
}

let referralCodes: string[] = [];
let disputed: { id: number; reference: string };
let ready: { id: number; reference: string };
let devices: Device[] = [];

async function sanitizedMonitor(serialNumber: string): Promise<Device> {
  const response = await e2e.t.http
    .post('/api/devices')
    .set(await e2e.t.auth('it_staff'))
    .send({ type: 'monitor', originSite: SITE, brand: 'Hewlett-Packard', model: 'EliteDisplay E243 Professional', serialNumber });
  expect(response.status).toBe(201);
  expect((await e2e.t.http.post(`/api/devices/${response.body.id}/no-storage`).set(await e2e.t.auth('it_staff'))).status).toBe(200);
  return response.body;
}

async function readyBatch(content: Device[]): Promise<{ id: number; reference: string }> {
  const auth = await e2e.t.auth('it_staff');
  const batch = await e2e.t.http.post('/api/batches').set(auth).send({ site: SITE, plannedAt: '2026-12-20' });
  expect(batch.status).toBe(201);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(auth).send({ ids: content.map((device) => device.id) })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(auth)).status).toBe(200);
  return batch.body;
}

beforeAll(async () => {
  const year = new Date().getFullYear();
  const agreement = await e2e.t.http
    .post('/api/agreements')
    .set(await e2e.t.auth('admin'))
    .send({ partner: 'Emmaüs Connect', startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31`, priceCaps: { laptop: 150 } });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);

  for (const [firstName, lastName] of [
    ['Marie-Christine', 'Vandenberghe-Delacroix'],
    ['Jean-Baptiste', 'Lefebvre-Dumoulin'],
  ]) {
    const referral = await e2e.t.http
      .post('/api/referrals')
      .set(await e2e.t.auth('social_worker'))
      .send({
        beneficiary: { firstName, lastName, birthYear: 1968, postcode: '59650', commune: "Villeneuve-d'Ascq", eligibility: 'css', consent: true },
        need: 'laptop',
        trainingWanted: true,
      });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    referralCodes.push(referral.body.voucherCode);
  }

  devices = [];
  for (let index = 1; index <= 4; index++) devices.push(await sanitizedMonitor(`PHONE-LAYOUT-SERIAL-NUMBER-${index}`));
  disputed = await readyBatch(devices.slice(0, 2));
  const pickup = await e2e.t.http
    .post(`/api/batches/${disputed.id}/pickup`)
    .set(await e2e.t.auth('partner'))
    .send({ scanned: [devices[0].assetTag], discrepancy: "Un écran n'était pas sur la palette le jour de l'enlèvement, le dépôt le recherche." });
  expect(pickup.status, JSON.stringify(pickup.body)).toBe(200);
  ready = await readyBatch(devices.slice(2));
}, 60_000);

/** Entirely inside the phone's width (not cut off on the right, no sideways scrolling needed to reach it). */
async function onScreen(locator: Locator): Promise<boolean> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  return !!box && box.x >= 0 && box.x + box.width <= PHONE.width;
}

/** The app bar: the bell and the account menu stay reachable on a phone. */
async function expectAppBarFits(page: Page, language = 'Langue : Français') {
  const bar = page.getByRole('banner');
  expect(await onScreen(bar.getByRole('button', { name: /notification/i }))).toBe(true);
  expect(await onScreen(bar.getByRole('button', { name: language }))).toBe(true);
  expect(await onScreen(bar.getByRole('button', { name: /^(Profil|Profile)$/ }))).toBe(true);
}

/** Phone checks on the page as it is, then a phone and a desktop screenshot. */
async function expectFitsPhone(page: Page, name: string) {
  await expect.poll(() => noHorizontalScroll(page)).toBe(true);
  // (the app bar slides away while scrolling down: back to the top, where it shows)
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectAppBarFits(page);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, `phone-${name}`);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `desktop-${name}`);
  await page.setViewportSize(PHONE);
  // back on a phone, reload: the desktop layout's state (its menu) would otherwise cover the page
  await page.reload();
  await expect.poll(() => page.getByRole('main').isVisible()).toBe(true);
}

async function phonePage(role: 'social_worker' | 'partner'): Promise<Page> {
  const page = await newPage(e2e.browser, e2e.baseUrl);
  await page.setViewportSize(PHONE);
  await signIn(page, e2e.baseUrl, TEST_USERS[role].email, TEST_PASSWORD);
  return page;
}

describe('On a 390 px phone', () => {
  it('the social worker’s referrals fit the screen, and a voucher prints from its row', async () => {
    const page = await phonePage('social_worker');
    await page.goto(`${e2e.baseUrl}/admin/referrals`);
    const print = page.getByRole('main').getByRole('button', { name: `Imprimer le bon ${referralCodes[0]}` });
    await print.waitFor();
    expect(await onScreen(print)).toBe(true);
    expect(await onScreen(page.getByRole('main').getByTestId('referral-status').first())).toBe(true);
    expect(await page.getByRole('main').getByText('Marie-Christine').first().isVisible()).toBe(true);
    await expectFitsPhone(page, 'referrals');

    const [response, popup] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().includes('/voucher.pdf')),
      page.context().waitForEvent('page'),
      print.click(),
    ]);
    expect(response.status()).toBe(200);
    await expect.poll(() => popup.url()).toMatch(/^blob:/);
    await popup.close();
    await page.close();
  }, 60_000);

  it('the people followed fit the screen, and a row opens the person', async () => {
    const page = await phonePage('social_worker');
    await page.goto(`${e2e.baseUrl}/admin/beneficiaries`);
    const person = page.getByRole('main').getByText('Vandenberghe-Delacroix').first();
    await person.waitFor();
    expect(await onScreen(person)).toBe(true);
    await expectFitsPhone(page, 'beneficiaries');
    await person.click();
    await page.getByRole('heading', { level: 1, name: 'Marie-Christine Vandenberghe-Delacroix' }).waitFor();
    await page.close();
  }, 60_000);

  it('the partner’s waiting referrals fit the screen, and « Accueillir » opens the reception desk', async () => {
    const page = await phonePage('partner');
    await page.goto(`${e2e.baseUrl}/admin/referrals`);
    const welcome = page.getByRole('main').getByRole('link', { name: 'Accueillir' }).first();
    await welcome.waitFor();
    expect(await onScreen(welcome)).toBe(true);
    expect(await onScreen(page.getByRole('main').getByTestId('referral-status').first())).toBe(true);
    await expectFitsPhone(page, 'referrals-partner');
    await welcome.click();
    await page.waitForURL((url) => url.pathname.endsWith('/reception'));
    await page.close();
  }, 60_000);

  it('the partner’s batches fit the screen, and a batch opens from its row', async () => {
    const page = await phonePage('partner');
    await page.goto(`${e2e.baseUrl}/admin/batches`);
    const row = page.getByRole('main').getByText(disputed.reference, { exact: true });
    await row.waitFor();
    expect(await onScreen(row)).toBe(true);
    expect(await onScreen(page.getByRole('main').getByText(ready.reference, { exact: true }))).toBe(true);
    expect(await onScreen(page.getByRole('main').getByTestId('batch-status').first())).toBe(true);
    await expectFitsPhone(page, 'batches');
    await row.click();
    await page.waitForURL((url) => url.pathname.endsWith(`/batches/${disputed.id}/show`));
    await page.close();
  }, 60_000);

  it('a disputed batch’s page fits the screen with its text wrapped', async () => {
    const page = await phonePage('partner');
    await page.goto(`${e2e.baseUrl}/admin/batches/${disputed.id}/show`);
    await page.getByRole('heading', { level: 1, name: disputed.reference }).waitFor();
    await page.getByTestId('batch-discrepancy').waitFor();
    const frozen = page.getByText(/^Lot figé depuis le .* : son contenu ne change plus\.$/);
    expect(await onScreen(frozen)).toBe(true);
    expect(await onScreen(page.getByRole('main').getByTestId('batch-status').first())).toBe(true);
    expect(await onScreen(page.getByRole('button', { name: 'Manifeste PDF' }))).toBe(true);
    expect(await onScreen(page.getByRole('main').getByRole('link', { name: devices[0].assetTag }))).toBe(true);
    await expectFitsPhone(page, 'batch-show');
    await page.getByTestId('batch-device').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-batch-show-full.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the partner’s devices fit the screen, and a device opens from its row', async () => {
    const page = await phonePage('partner');
    await page.goto(`${e2e.baseUrl}/admin/devices`);
    const tag = page.getByRole('main').getByText(devices[2].assetTag, { exact: true });
    await tag.waitFor();
    expect(await onScreen(tag)).toBe(true);
    await expectFitsPhone(page, 'devices');
    // only the search and the status take room on a phone; the other filters are one tap away
    expect(await page.getByRole('combobox', { name: 'Type' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Type' }).click();
    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Écran' }).click();
    await expect.poll(() => page.url()).toContain('monitor');
    expect(await onScreen(tag)).toBe(true);
    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);
    await tag.click();
    await page.waitForURL((url) => url.pathname.endsWith(`/devices/${devices[2].id}/show`));
    await page.close();
  }, 60_000);

  it('the app bar keeps the page title, the bell, the language and the account menu on screen, in French and in English', async () => {
    const page = await phonePage('partner');
    await page.goto(`${e2e.baseUrl}/admin/batches`);
    await page.getByRole('main').getByText(ready.reference, { exact: true }).waitFor();
    await expectAppBarFits(page);
    const title = page.locator('#react-admin-title');
    expect(await onScreen(title)).toBe(true);
    expect(await title.textContent()).toBe("Lots d'enlèvement");
    // a title too long for the bar ends with an ellipsis rather than being cut mid-word
    await page.goto(`${e2e.baseUrl}/admin/referrals`);
    await expect.poll(() => title.textContent()).toBe('Orientations en attente');
    expect(await title.evaluate((element) => element.scrollWidth > element.clientWidth && getComputedStyle(element.firstElementChild!).display === 'inline')).toBe(true);
    await page.goto(`${e2e.baseUrl}/admin/batches`);
    await expect.poll(() => title.textContent()).toBe("Lots d'enlèvement");
    // the language menu is only its icon on a phone, still named for a screen reader
    await page.getByRole('banner').getByRole('button', { name: 'Langue : Français' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => title.textContent()).toBe('Handover batches');
    await expectAppBarFits(page, 'Language: English');
    await expect.poll(() => noHorizontalScroll(page), { message: "no sideways scroll once the layout has followed the new width" }).toBe(true);
    await screenshot(page, 'phone-batches-english');
    await page.getByRole('banner').getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await expect.poll(() => title.textContent()).toBe("Lots d'enlèvement");
    await page.close();
  }, 60_000);
});
