import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import path from 'node:path';
import { newPage, SCREENSHOT_DIR, screenshot, seriousViolations, signIn, setUpBrowserApp } from '../helpers/browser.js';

const e2e = setUpBrowserApp();

const YEAR = new Date().getFullYear();
let current: { id: number };
let previous: { id: number };

beforeAll(async () => {
  const admin = await e2e.t.auth('admin');
  const common = {
    partner: 'Emmaüs Connect',
    devicesCommitted: 4000,
    residentsCommitted: 2500,
    trainingsCommitted: 1200,
    solidaritySalesCommitted: 2400,
    reuseCommitmentRef: 'Convention CD59-EC, article 4',
    maxDeviceAgeYears: 6,
  };
  const created = await e2e.t.http.post('/api/agreements').set(admin).send({ ...common, startsOn: `${YEAR}-01-01`, endsOn: `${YEAR}-12-31`, priceCaps: { laptop: 150, smartphone: 89.9, monitor: 30 } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  current = created.body;
  const before = await e2e.t.http.post('/api/agreements').set(admin).send({ ...common, devicesCommitted: 3000, startsOn: `${YEAR - 1}-01-01`, endsOn: `${YEAR - 1}-12-31`, priceCaps: { laptop: 140 } });
  expect(before.status, JSON.stringify(before.body)).toBe(201);
  previous = before.body;
});

/** French numbers and euros use (narrow) no-break spaces: compared here as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const textOf = async (locator: Locator) => plain(await locator.textContent());
/** The whole page, not only what the window shows: the show page and the form are long. */
const fullScreenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
/** The text under a field (its helper or its error), as a screen reader announces it. */
const helpOf = (field: Locator) => field.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
const capOf = async (page: Page, type: string) => plain(await page.getByTestId(`cap-${type}`).locator('td').textContent());

describe('Conventions (agreements)', () => {
  it('lets an admin read, create and correct agreements, with euros typed with a decimal comma', { timeout: 60_000 }, async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);

    // the list: partner, period in French words, status, commitments
    await page.getByRole('menuitem', { name: 'Conventions' }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/agreements`);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await textOf(rows.nth(0))).toContain(`du 1er janvier ${YEAR} au 31 décembre ${YEAR}`);
    expect(await textOf(rows.nth(0))).toContain('En vigueur');
    expect(await textOf(rows.nth(0))).toContain('4 000 appareils donnés · 2 500 habitants équipés · 1 200 habitants formés · 2 400 ventes solidaires');
    expect(await textOf(rows.nth(1))).toContain('Terminée');
    await page.mouse.move(700, 700);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'agreements-list');

    // one agreement: every commitment, the caps per device type in euros, the other periods
    await rows.nth(0).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/agreements/${current.id}/show`);
    await page.getByRole('heading', { name: "Prix plafonds par type d'appareil" }).waitFor();
    expect(await textOf(page.getByTestId('department'))).toContain('4 000');
    expect(await textOf(page.getByTestId('partner-commitments'))).toMatch(/Habitants à équiper\s*2 500.*Habitants à former au numérique\s*1 200.*Appareils à vendre à prix solidaire\s*2 400/);
    expect(await capOf(page, 'laptop')).toBe('150 €');
    expect(await page.getByTestId('cap-laptop').locator('th').textContent()).toBe('Portable');
    expect(await capOf(page, 'smartphone')).toBe('89,90 €');
    expect(await capOf(page, 'printer')).toBe('Pas de plafond : ne peut pas être vendu');
    expect(await textOf(page.getByTestId('summary'))).toContain('6 ans');
    expect(await textOf(page.getByTestId('partner-history'))).toContain(`du 1er janvier ${YEAR - 1} au 31 décembre ${YEAR - 1}`);
    await page.getByTestId('changes').getByText('Convention enregistrée').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await fullScreenshot(page, 'agreements-show');

    // a new agreement with another partner
    await page.getByRole('menuitem', { name: 'Conventions' }).click();
    await page.getByRole('link', { name: 'Créer' }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/agreements/create`);
    await page.getByRole('textbox', { name: 'Partenaire' }).fill('Ressourcerie du Nord');
    await page.getByLabel('Début de la convention').fill(`${YEAR + 1}-01-01`);
    await page.getByLabel('Fin de la convention').fill('9999-12-31');
    await page.getByRole('spinbutton', { name: 'Appareils que le Département donne' }).fill('500');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // a year no agreement can have is refused under the field, before the server is asked
    await expect.poll(() => helpOf(page.getByLabel('Fin de la convention'))).toContain('Date attendue du 01/01/2000 au 31/12/2100.');
    await page.getByLabel('Fin de la convention').fill(`${YEAR + 1}-12-31`);
    await page.getByRole('spinbutton', { name: 'Habitants à équiper' }).fill('300');
    await page.getByRole('textbox', { name: 'Portable' }).fill('89,9x');
    await page.getByRole('textbox', { name: 'Smartphone' }).fill('12 000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // refused here: a typing error is never read as another amount
    await page.getByText('Montant illisible : écrivez par exemple 89,90').waitFor();
    expect(page.url()).toBe(`${e2e.baseUrl}/admin/agreements/create`);
    await page.getByRole('textbox', { name: 'Portable' }).fill('89,90');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // refused by the API, its French message under the field it is about
    await expect.poll(() => helpOf(page.getByRole('textbox', { name: 'Smartphone' }))).toContain('Prix plafond attendu en euros, de 0 à 10 000 €');
    await page.getByText('Certaines valeurs ont été refusées : corrigez les champs en rouge.').waitFor();
    await screenshot(page, 'agreements-form-refused');
    await page.getByRole('textbox', { name: 'Smartphone' }).fill('45');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/agreements\/\d+\/show$/);
    await page.getByTestId('cap-laptop').waitFor();
    expect(await capOf(page, 'laptop')).toBe('89,90 €');
    expect(await capOf(page, 'smartphone')).toBe('45 €');
    const createdId = Number(/agreements\/(\d+)\/show/.exec(page.url())![1]);
    const stored = await e2e.t.http.get(`/api/agreements/${createdId}`).set(await e2e.t.auth('admin'));
    expect(stored.body).toMatchObject({ partner: 'Ressourcerie du Nord', devicesCommitted: 500, residentsCommitted: 300, priceCaps: { laptop: 89.9, smartphone: 45 }, reuseCommitmentRef: null, maxDeviceAgeYears: null });

    // a correction that would make two agreements overlap: the API's message under the dates
    await page.goto(`${e2e.baseUrl}/admin/agreements/${previous.id}`);
    await page.getByLabel('Fin de la convention').fill(`${YEAR}-03-31`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => helpOf(page.getByLabel('Fin de la convention'))).toContain('Une convention avec Emmaüs Connect couvre déjà une partie de cette période');
    await page.mouse.move(700, 700);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'agreements-form-overlap');
    // a correction of the commitments keeps the rest: the caps as they were
    await page.getByLabel('Fin de la convention').fill(`${YEAR - 1}-12-31`);
    await page.getByRole('spinbutton', { name: 'Appareils que le Département donne' }).fill('3200');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/agreements/${previous.id}/show`);
    expect(await textOf(page.getByTestId('department'))).toContain('3 200');
    expect(await capOf(page, 'laptop')).toBe('140 €');
    await page.getByTestId('changes').getByText('Convention modifiée').waitFor();
    await fullScreenshot(page, 'agreements-show-changed');
    expect(await textOf(page.getByTestId('changes'))).toContain('3 000 → 3 200');
    await page.close();
  });

  it('renews an agreement for the next period, prefilled, and keeps the previous one', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/agreements/${current.id}/show`);
    await page.getByRole('link', { name: 'Renouveler' }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/agreements/create`);
    expect(await page.getByRole('textbox', { name: 'Partenaire' }).inputValue()).toBe('Emmaüs Connect');
    expect(await page.getByLabel('Début de la convention').inputValue()).toBe(`${YEAR + 1}-01-01`);
    expect(await page.getByLabel('Fin de la convention').inputValue()).toBe(`${YEAR + 1}-12-31`);
    expect(await page.getByRole('textbox', { name: 'Smartphone' }).inputValue()).toBe('89,90');
    await page.mouse.move(700, 700);
    await fullScreenshot(page, 'agreements-form-renew');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/agreements\/\d+\/show$/);
    await page.getByTestId('cap-smartphone').waitFor();
    expect(await capOf(page, 'smartphone')).toBe('89,90 €');
    await expect.poll(async () => page.getByTestId('partner-history').locator('tr').count()).toBe(3);
    expect(await textOf(page.getByTestId('partner-history'))).toContain('À venir');
    await page.close();
  });

  it('lets the viewer read agreements but offers no way to change them', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.viewer.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Conventions' }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/agreements`);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await page.getByRole('link', { name: 'Créer' }).count()).toBe(0);
    await page.goto(`${e2e.baseUrl}/admin/agreements/${current.id}/show`);
    await page.getByTestId('cap-laptop').waitFor();
    expect(await capOf(page, 'laptop')).toBe('150 €');
    expect(await page.getByRole('link', { name: 'Éditer' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Renouveler' }).count()).toBe(0);
    // the administration log is the admins'
    expect(await page.getByTestId('changes').count()).toBe(0);
    await screenshot(page, 'agreements-show-viewer');
    // the same page in English
    await page.getByRole('button', { name: /Français/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Price caps per device type' }).waitFor();
    expect(await capOf(page, 'smartphone')).toBe('€89.90');
    expect(await textOf(page.getByTestId('summary'))).toContain(`from 1 January ${YEAR} to 31 December ${YEAR}`);
    await page.close();
  });
});
