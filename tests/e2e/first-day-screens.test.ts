import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, setUpBrowserApp, signIn } from '../helpers/browser.js';
import { registerSanitizedDevice } from '../helpers/devices.js';

/**
 * What a new user hit on the first day (issue 19, items 5 to 8), seen in the browser: the partner's
 * home in its scope, the reception desk's check, the voucher's places, the quarantine list loading,
 * the admin's referrals title.
 */
const e2e = setUpBrowserApp();

const SITE = 'Dépôt de test';
const YEAR = new Date().getFullYear();
const SHOPS = [
  {
    name: 'Emmaüs Connect Roubaix',
    address: "10 rue de l'Exemple, 59100 Roubaix",
    openingHours: 'Le mardi et le jeudi, de 9 h 30 à 12 h 30.',
    directions: 'Prenez le métro ligne 2. Descendez à l’arrêt Roubaix Grand-Place. Marchez 5 minutes.',
  },
];

interface Device {
  id: number;
  assetTag: string;
}

let serial = 0;
const sanitizedDevice = (): Promise<Device> => registerSanitizedDevice(e2e.t, { type: 'laptop', originSite: SITE, brand: 'Dell', model: 'Latitude 5490', serialNumber: `FIRST-DAY-${++serial}` });

/** Devices at the depot (never seen by the partner), a ready batch of three for the partner, one more device outside it. */
async function buildStock() {
  const it = await e2e.t.auth('it_staff');
  for (let n = 0; n < 4; n++) {
    expect((await e2e.t.http.post('/api/devices').set(it).send({ type: 'desktop', originSite: SITE, serialNumber: `DEPOT-ONLY-${n}` })).status).toBe(201);
  }
  const inBatch = [await sanitizedDevice(), await sanitizedDevice(), await sanitizedDevice()];
  const foreign = await sanitizedDevice();
  const batch = await e2e.t.http.post('/api/batches').set(it).send({ site: SITE, plannedAt: `${YEAR}-12-20` });
  expect(batch.status).toBe(201);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(it).send({ ids: inBatch.map((device) => device.id) })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(it)).status).toBe(200);
  return { batchId: batch.body.id as number, inBatch, foreign };
}

let stock: Awaited<ReturnType<typeof buildStock>>;
beforeAll(async () => {
  stock = await buildStock();
  const agreement = await e2e.t.http.post('/api/agreements').set(await e2e.t.auth('admin')).send({
    partner: 'Emmaüs Connect',
    startsOn: `${YEAR}-01-01`,
    endsOn: `${YEAR}-12-31`,
    priceCaps: { laptop: 150 },
    identityCheck: 'voucher_and_first_name',
    shops: SHOPS,
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
}, 60_000);

/** The text of the element, spaces collapsed. */
const textOf = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ');

describe('home pages in each role’s scope', () => {
  it('shows the partner the devices handed to its organisation, as many as its list holds, and no labels to print', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    const figure = page.getByText('Appareils confiés à votre organisation');
    await figure.waitFor();
    const card = page.locator('.MuiCard-root').filter({ has: figure });
    expect((await card.textContent())?.replace(/\s+/g, ' ')).toContain('Appareils confiés à votre organisation3');
    expect(await page.getByText('Étiquettes à imprimer').count()).toBe(0);
    expect(await page.getByText('Appareils suivis').count()).toBe(0);
    // its own shortcuts
    for (const name of ['Lots à enlever', 'À reconditionner', 'Accueil des personnes']) expect(await page.getByRole('link', { name }).isVisible(), name).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home-partner');

    // the same number as its list of devices
    await page.getByRole('link', { name: 'Voir les appareils' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/devices'));
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    await page.close();
  });

  it('keeps the whole stock and the labels to print on the technician’s home', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    const card = page.locator('.MuiCard-root').filter({ has: page.getByText('Appareils suivis') });
    await card.waitFor();
    expect((await card.textContent())?.replace(/\s+/g, ' ')).toContain('Appareils suivis8');
    expect(await page.getByText('Étiquettes à imprimer', { exact: true }).isVisible()).toBe(true);
    await page.close();
  });
});

describe('reception desk and voucher', () => {
  it('tells the desk what to check as the agreement says, showing no more than the first name and the code', async () => {
    const referral = await e2e.t.http.post('/api/referrals').set(await e2e.t.auth('social_worker')).send({
      beneficiary: { firstName: 'Nadia', lastName: 'Benali', birthYear: 1971, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
      need: 'laptop',
    });
    expect(referral.status).toBe(201);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/reception`);
    await page.locator('#reception-voucher').fill(referral.body.voucherCode);
    await page.locator('#reception-voucher').press('Enter');
    const check = page.getByTestId('reception-identity-check');
    await expect.poll(() => check.textContent()).toContain('Demandez son prénom à la personne');
    const text = await textOf(page, 'reception-identity-check');
    expect(text).toContain('« Nadia »');
    expect(text).toContain(`Son bon porte le code ${referral.body.voucherCode}`);
    expect(text).toContain("La convention ne demande pas de pièce d'identité.");
    expect(await page.getByText("Vérifiez l'identité de la personne").count()).toBe(0);
    expect(await textOf(page, 'reception-referral')).not.toContain('Benali');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reception-identity-check');
    await page.close();
  });

  it('prints the agreement’s places on the voucher the social worker opens, and no identity document to bring', async () => {
    const referral = await e2e.t.http.post('/api/referrals').set(await e2e.t.auth('social_worker')).send({
      beneficiary: { firstName: 'Samia', lastName: 'Haddad', birthYear: 1985, postcode: '59100', commune: 'Roubaix', eligibility: 'rsa', consent: true },
      need: 'tablet',
    });
    expect(referral.status).toBe(201);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.social_worker.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/referrals`);
    const print = page.getByRole('button', { name: `Imprimer le bon ${referral.body.voucherCode}` });
    await print.waitFor();
    const [response, popup] = await Promise.all([
      page.waitForResponse((candidate) => /\/api\/referrals\/\d+\/voucher\.pdf$/.test(candidate.url())),
      page.context().waitForEvent('page'),
      print.click(),
    ]);
    expect(response.status()).toBe(200);
    await popup.close();
    // the same file, read by the browser with the social worker's session (Playwright keeps no body of a streamed answer)
    const bytes = await page.evaluate(async (url) => {
      const answer = await fetch(url, { headers: { Authorization: `Bearer ${localStorage.getItem('reemploi.token')}` } });
      return Array.from(new Uint8Array(await answer.arrayBuffer()));
    }, response.url());
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const result = await parser.getText();
    await parser.destroy();
    expect(result.pages).toHaveLength(1);
    const text = result.text.replace(/\s+/g, ' ');
    for (const expected of [
      'Où aller ?',
      'Allez au lieu d\'accueil Emmaüs Connect.',
      'Emmaüs Connect Roubaix',
      "Adresse : 10 rue de l'Exemple, 59100 Roubaix.",
      'Quand : Le mardi et le jeudi, de 9 h 30 à 12 h 30.',
      'Pour y aller : Prenez le métro ligne 2.',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('Demandez les adresses');
    expect(text).not.toContain("Une pièce d'identité.");
    await page.close();
  });

  it('lets the admin edit the places and the check on the agreement form', async () => {
    const admin = await e2e.t.auth('admin');
    const [agreement] = (await e2e.t.http.get('/api/agreements').set(admin)).body;
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/agreements/${agreement.id}`);
    await page.getByLabel('Nom du lieu').first().waitFor();
    expect(await page.getByLabel('Nom du lieu').first().inputValue()).toBe('Emmaüs Connect Roubaix');
    await page.getByRole('button', { name: /Ajouter/ }).click();
    await page.getByLabel('Nom du lieu').nth(1).fill('Emmaüs Connect Lille-Wazemmes');
    await page.getByLabel('Adresse').nth(1).fill('20 rue de la Démonstration, 59000 Lille');
    await page.getByLabel("Horaires d'ouverture").nth(1).fill('Le lundi, de 14 h à 17 h.');
    await page.getByLabel('Comment y aller (sans plan)').nth(1).fill('Prenez le métro ligne 1. Descendez à l’arrêt Gambetta.');
    await page.getByLabel("Une pièce d'identité, dont le prénom est celui du bon").check();
    await screenshot(page, 'agreement-desk-form');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const desk = page.getByTestId('desk');
    await desk.waitFor();
    expect(await textOf(page, 'desk')).toContain('Emmaüs Connect Lille-Wazemmes');
    expect(await textOf(page, 'desk')).toContain("Une pièce d'identité, dont le prénom est celui du bon");
    const stored = (await e2e.t.http.get(`/api/agreements/${agreement.id}`).set(admin)).body;
    expect(stored.identityCheck).toBe('identity_document');
    expect(stored.shops).toEqual([SHOPS[0], { name: 'Emmaüs Connect Lille-Wazemmes', address: '20 rue de la Démonstration, 59000 Lille', openingHours: 'Le lundi, de 14 h à 17 h.', directions: 'Prenez le métro ligne 1. Descendez à l’arrêt Gambetta.' }]);
    await desk.scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-desk-show');
    await page.close();
  });
});

describe('small things', () => {
  it('says the quarantine failures are loading instead of showing « — »', async () => {
    const device = await sanitizedDevice();
    await e2e.t.sql(`update devices set status = 'quarantined' where id = $1`, [device.id]);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/sanitizations\?/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${e2e.baseUrl}/admin/quarantine`);
    const row = page.getByRole('row').filter({ hasText: device.assetTag });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('failure-loading').count()).toBe(2);
    expect(await row.textContent()).not.toContain('—');
    await screenshot(page, 'quarantine-loading');
    release();
    await expect.poll(() => row.getByTestId('failure-loading').count()).toBe(0);
    // this device has no failed wipe on record: now, and only now, « — »
    expect(await row.textContent()).toContain('—');
    await page.close();
  });

  it('titles the admin’s referrals list « Orientations », not « Mes orientations »', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/referrals`);
    await page.getByRole('columnheader').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('#react-admin-title').textContent(), { timeout: 15_000 }).toBe('Orientations');
    expect(await page.getByRole('menuitem', { name: 'Mes orientations' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Orientations', exact: true }).isVisible()).toBe(true);
    await page.close();
  });
});
