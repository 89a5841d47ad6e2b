import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, seriousViolations, setUpBrowserApp } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';

const e2e = setUpBrowserApp();

const SITE = 'Dépôt DSI — Lille';

/** A monitor holds no storage: sanitized at once, it can go into a batch that the depot declares ready. */
async function readyBatch(serialNumber: string): Promise<{ id: number; reference: string }> {
  const tech = await e2e.t.auth('it_staff');
  const device = await e2e.t.http.post('/api/devices').set(tech).send({ type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H', serialNumber });
  expect(device.status).toBe(201);
  expect((await e2e.t.http.post(`/api/devices/${device.body.id}/no-storage`).set(tech)).status).toBe(200);
  const batch = await e2e.t.http.post('/api/batches').set(tech).send({ site: SITE });
  expect(batch.status).toBe(201);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(tech).send({ ids: [device.body.id] })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(tech)).status).toBe(200);
  return batch.body;
}

const bell = (page: Page) => page.getByRole('button', { name: /^Notifications :/ });

describe('Notifications', () => {
  let batch: { id: number; reference: string };

  it('takes the social worker from « orientation acceptée » to the person’s page, where the referral is', async () => {
    const social = await e2e.t.auth('social_worker');
    const referral = (
      await e2e.t.http.post('/api/referrals').set(social).send({
        beneficiary: { firstName: 'Rachida', lastName: 'Notifiée', birthYear: 1979, postcode: '59100', eligibility: 'rsa', consent: true },
        need: 'laptop',
      })
    ).body;
    expect((await e2e.t.http.post(`/api/referrals/${referral.id}/accept`).set(await e2e.t.auth('partner'))).status).toBe(200);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.social_worker.email, TEST_PASSWORD);
    await bell(page).click();
    await page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: new RegExp(referral.voucherCode) }).click();
    // the notification's address is the referral's; the back office shows it on the person's page
    await page.waitForURL(`${e2e.baseUrl}/admin/beneficiaries/${referral.beneficiary}/show`);
    await page.getByText(referral.voucherCode).first().waitFor();
    expect(await page.getByRole('main').textContent()).toContain('Rachida');
    await page.close();
  });

  it('shows the partner a ready batch under the bell and takes them to its pickup screen, the badge then gone', async () => {
    // an older notification, already read: the popover shows both weights
    await readyBatch('E2E-NOTIF-1');
    const partner = await e2e.t.auth('partner');
    expect((await e2e.t.http.post('/api/notifications/read-all').set(partner)).status).toBe(200);
    batch = await readyBatch('E2E-NOTIF-2');
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);

    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications : 1 non lue');
    expect(await page.locator('[data-testid="notification-badge"] .MuiBadge-badge').textContent()).toBe('1');

    await bell(page).click();
    const popover = page.getByRole('dialog', { name: 'Notifications' });
    const notification = popover.getByRole('link', { name: new RegExp(batch.reference) });
    await notification.waitFor();
    await expectAccessible(page, 'with the notifications popover open');
    // unread: in bold, announced as such, with a relative time in French
    expect(await notification.textContent()).toContain('Non lue : ');
    expect(await notification.locator('.MuiListItemText-primary').evaluate((node) => getComputedStyle(node).fontWeight)).toBe('700');
    expect(await notification.locator('time').textContent()).toMatch(/^(à l'instant|il y a \d+ min)$/);
    await page.mouse.move(700, 500);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notifications');
    await notification.click();
    await page.waitForURL(`${e2e.baseUrl}/admin/pickup/${batch.id}`);
    await page.getByRole('heading', { level: 1, name: `Enlèvement du lot ${batch.reference}` }).waitFor();
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications : aucune non lue');
    await page.locator('[data-testid="notification-badge"] .MuiBadge-invisible').waitFor({ state: 'attached' });

    const stored = (await e2e.t.http.get('/api/notifications').set(partner)).body as { read: boolean }[];
    expect(stored.map((notification) => notification.read)).toEqual([true, true]);
    await page.close();
  });

  it('fits the bell and its list on a phone', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await bell(page).click();
    await page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: new RegExp(batch.reference) }).waitFor();
    await screenshot(page, 'notifications-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('lists every notification on its own page, with a read / unread filter', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await bell(page).click();
    await page.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: 'Voir tout' }).click();
    await page.waitForURL(/\/admin\/notifications/);
    const row = page.getByRole('link', { name: new RegExp(batch.reference) });
    await row.waitFor();
    expect(await page.locator('tbody tr').first().textContent()).toContain('Lue');

    await page.getByRole('button', { name: 'Non lues' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Lues', exact: true }).click();
    await row.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps the e-mail choice in "Mes préférences" and says when this server sends no e-mail', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.getByRole('button', { name: 'Profil' }).click();
    await page.getByRole('menuitem', { name: 'Mes préférences' }).click();
    await page.waitForURL(/\/admin\/preferences/);
    await page.getByRole('radio', { name: /Résumé quotidien/ }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Préférence enregistrée.').waitFor();
    // the test app has no SMTP server
    await page.getByText("Ce serveur n'envoie pas d'e-mails").waitFor();
    const [row] = await e2e.t.sql<{ email_preference: string }>('select email_preference from users where email = $1', [TEST_USERS.partner.email]);
    expect(row.email_preference).toBe('daily');
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    expect(await page.getByRole('radio', { name: /Résumé quotidien/ }).isChecked()).toBe(true);
    await page.close();
  });
});
