import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../helpers/app.js';
import { assertAdminBuilt, closeServer, launchBrowser, newPage, screenshot, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { freePort, providerEnvironment, startTestProvider, type TestProvider } from '../helpers/oidc-provider.js';

/**
 * The Département's agents sign in through a real OpenID provider (oidc-provider on a local
 * port) in real Chromium: the redirect URL holds the app's port, so the port is chosen first.
 */
let baseUrl: string;
let provider: TestProvider;
let t: TestApp;
let server: Server;
let browser: TestBrowser;

beforeAll(async () => {
  assertAdminBuilt();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  provider = await startTestProvider({ redirectUri: `${baseUrl}/admin/oidc/callback`, postLogoutRedirectUri: `${baseUrl}/admin/login` });
  t = await createTestApp(providerEnvironment(provider, baseUrl));
  server = await new Promise<Server>((resolve) => {
    const listening = t.app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  browser = await launchBrowser();
  // the provider's development login page asks for web fonts: nothing leaves this machine
  await browser.context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  const admin = await t.auth('admin');
  for (const rule of [
    { claim: 'groups', value: 'GG-REEMPLOI-TECH', role: 'it_staff', priority: 10 },
    { claim: 'groups', value: 'GG-REEMPLOI-TS', role: 'social_worker', priority: 20 },
    { claim: 'department', value: 'UTPAS Roubaix', territory: 'UTPAS Roubaix' },
  ]) {
    expect((await t.http.post('/api/oidc-mappings').set(admin).send(rule)).status).toBe(201);
  }
  provider.accounts.set('sarah', { email: 'sarah.ts@lenord.fr', name: 'Sarah Travailleuse', groups: ['GG-REEMPLOI-TS'], department: 'UTPAS Roubaix' });
  provider.accounts.set('nina', { email: 'nina.new@lenord.fr', name: 'Nina Nouvelle', groups: ['GG-COMPTA'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  await t?.close();
  await provider?.stop();
});

/** The agent clicks the Département's button and types their directory login at the provider. */
async function signInWithDepartement(page: Page, login: string) {
  await browser.context.clearCookies(); // nobody signed in at the provider either
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByRole('button', { name: 'Se connecter avec Compte du Département' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('mot-de-passe-annuaire');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin === baseUrl);
}

const sessionUser = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('reemploi.user') ?? 'null'));

describe('signing in with the Département’s account', () => {
  it('gives a mapped agent the role and territory of the rules, then signs out of both', async () => {
    const page = await newPage(browser, baseUrl);
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByRole('button', { name: 'Se connecter avec Compte du Département' }).waitFor();
    await page.getByText('ou avec un mot de passe Réemploi').waitFor();
    await screenshot(page, 'oidc-login');
    expect(await seriousViolations(page)).toEqual([]);

    await signInWithDepartement(page, 'sarah');
    await page.waitForURL(`${baseUrl}/admin/`);
    await page.getByRole('menuitem', { name: 'Nouvelle orientation' }).waitFor();
    expect(await sessionUser(page)).toMatchObject({ email: 'sarah.ts@lenord.fr', role: 'social_worker', territory: 'UTPAS Roubaix' });

    await page.getByRole('button', { name: 'Profil' }).click();
    await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
    await page.waitForURL(/\/admin\/login/);
    const endSession = page.getByRole('link', { name: 'Se déconnecter aussi de Compte du Département' });
    expect(await endSession.getAttribute('href')).toMatch(new RegExp(`^${provider.issuer}/session/end\\?.*id_token_hint=.*post_logout_redirect_uri=`));
    expect(await sessionUser(page)).toBeNull();
    await page.close();
  }, 60_000);

  it('tells an unknown agent to wait for an administrator, who gives a role from the back office', async () => {
    const agent = await newPage(browser, baseUrl);
    await signInWithDepartement(agent, 'nina');
    await agent.getByRole('heading', { name: 'Votre accès doit être validé' }).waitFor();
    await agent.getByText('Un administrateur doit approuver votre accès').waitFor();
    await screenshot(agent, 'oidc-pending');
    expect(await seriousViolations(agent)).toEqual([]);
    expect(await sessionUser(agent)).toBeNull();

    const admin = await newPage(browser, baseUrl);
    await browser.context.clearCookies();
    // the password login works beside the provider's button
    await admin.goto(`${baseUrl}/admin/login`);
    await admin.getByLabel('Adresse e-mail').fill(TEST_USERS.admin.email);
    await admin.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await admin.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await admin.waitForURL((url) => !url.pathname.endsWith('/login'));
    await admin.getByRole('menuitem', { name: 'Règles de connexion' }).click();
    await admin.getByText('GG-REEMPLOI-TECH').waitFor();
    await screenshot(admin, 'oidc-mappings');
    expect(await seriousViolations(admin)).toEqual([]);
    // a new rule through the form: the claim of a Keycloak realm role gives the read-only role
    await admin.getByRole('link', { name: 'Créer' }).click();
    await admin.getByLabel('Information transmise (revendication)').fill('realm_access.roles');
    await admin.getByLabel('Valeur').fill('reemploi-pilotage');
    await admin.getByLabel('Donne le rôle').click();
    await admin.getByRole('option', { name: 'Pilotage (lecture seule)' }).click();
    await admin.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.getByText('reemploi-pilotage').waitFor();
    const [rule] = await t.sql(`select provider, claim, value, role, territory, priority from oidc_mappings where value = 'reemploi-pilotage'`);
    expect(rule).toEqual({ provider: null, claim: 'realm_access.roles', value: 'reemploi-pilotage', role: 'viewer', territory: null, priority: 100 });
    await admin.getByRole('menuitem', { name: 'Demandes d’accès' }).click();
    const row = admin.locator('tbody tr').filter({ hasText: 'nina.new@lenord.fr' });
    await row.getByText('groups : GG-COMPTA').waitFor();
    await screenshot(admin, 'oidc-access-requests');
    expect(await seriousViolations(admin)).toEqual([]);
    await row.getByRole('button', { name: 'Donner un rôle' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Donner un rôle' }).click();
    await admin.getByText('Accès accordé : Nina Nouvelle peut se connecter.').waitFor();
    await admin.getByRole('menuitem', { name: "Journal d'administration" }).click();
    await admin.getByText('Nina Nouvelle (nina.new@lenord.fr), par departement').waitFor();
    const approvedLine = admin.locator('tbody tr').filter({ hasText: 'Accès accordé' }).first();
    expect(await approvedLine.textContent()).toContain('nina.new@lenord.fr, Technicien informatique');
    await admin.close();

    await signInWithDepartement(agent, 'nina');
    await agent.waitForURL(`${baseUrl}/admin/`);
    expect(await sessionUser(agent)).toMatchObject({ email: 'nina.new@lenord.fr', role: 'it_staff' });
    await agent.close();
  }, 120_000);

  it('shows a refusal in French when the sign-in cannot be checked, and opens no session', async () => {
    const page = await newPage(browser, baseUrl);
    await page.goto(`${baseUrl}/admin/oidc/callback?code=forged&state=forged`);
    await page.getByRole('alert').filter({ hasText: 'n’a pas pu être vérifiée' }).waitFor();
    await page.getByRole('link', { name: 'Retour à la page de connexion' }).waitFor();
    expect(await sessionUser(page)).toBeNull();
    await page.close();
  });
});
