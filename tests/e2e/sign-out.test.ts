import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, setUpBrowserApp, signIn } from '../helpers/browser.js';

/** The back office's "Déconnexion" revokes the session on the server (issue #20 §9), not only in the browser. */
const e2e = setUpBrowserApp();

describe('signing out of the back office', () => {
  it('makes the token it held worthless: the API refuses it afterwards', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    const token = await page.evaluate(() => localStorage.getItem('reemploi.token'));
    expect(token).toBeTruthy();
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await e2e.t.http.get('/api/me').set(bearer)).status).toBe(200);

    await page.getByRole('button', { name: 'Profil' }).click();
    await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/login'));
    expect(await page.evaluate(() => localStorage.getItem('reemploi.token'))).toBeNull();
    await expect.poll(async () => (await e2e.t.http.get('/api/me').set(bearer)).status).toBe(401);
    await page.close();
  }, 60_000);
});
