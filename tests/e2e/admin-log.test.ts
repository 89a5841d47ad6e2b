import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, signIn, setUpBrowserApp } from '../helpers/browser.js';
import { seedFactors } from '../../seeds/factors.js';

const e2e = setUpBrowserApp();

beforeAll(async () => {
  await seedFactors(e2e.t.orm.em.fork());

  // what an admin would find in the log on a Monday morning
  await e2e.t.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.23').send({ email: TEST_USERS.viewer.email, password: 'mauvais-mot-de-passe' });
  await e2e.t.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.99').send({ email: 'inconnu@exemple.fr', password: 'au-hasard-123456' });
  const admin = await e2e.t.auth('admin');
  const created = await e2e.t.http.post('/api/users').set(admin).send({ email: 'stagiaire@test.fr', name: 'Stéphane Stagiaire', role: 'viewer', password: 'Lanterne-verte-2027' });
  expect(created.status).toBe(201);
  // a refused creation is logged too, with the fields that were sent (never their values)
  expect((await e2e.t.http.post('/api/users').set(admin).send({ email: 'refuse@test.fr', name: 'Refusé', role: 'viewer', password: 'court' })).status).toBe(400);
  expect((await e2e.t.http.put(`/api/users/${created.body.id}`).set(admin).send({ role: 'it_staff' })).status).toBe(200);
  expect((await e2e.t.http.put(`/api/users/${created.body.id}`).set(admin).send({ active: false })).status).toBe(200);
  const [laptop] = (await e2e.t.http.get('/api/factors').query({ filter: JSON.stringify({ deviceType: 'laptop' }) }).set(admin)).body as { id: number }[];
  expect((await e2e.t.http.put(`/api/factors/${laptop.id}`).set(admin).send({ massKg: 2.2, massSource: 'Pesée de 20 portables du dépôt (test)' })).status).toBe(200);
  expect((await e2e.t.http.post('/api/jobs/purge-admin-log/run').set(admin)).status).toBe(200);
});

describe("Journal d'administration", () => {
  it('shows an admin who did what, when and from where, in French, with readable labels and filters', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.admin.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: "Journal d'administration" }).click();
    await page.waitForURL(`${e2e.baseUrl}/admin/admin-log`);
    await page.getByText('Personne ne peut modifier ni effacer une ligne').waitFor();

    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(8);
    const table = (await page.locator('table').textContent()) ?? '';
    // readable labels, never the database's names
    for (const label of ['Connexion refusée', 'Compte créé', 'Rôle changé', 'Compte désactivé', 'Facteur environnemental modifié', 'Tâche planifiée lancée à la main', 'Modification par un administrateur (requête)', 'Connexion']) {
      expect(table, label).toContain(label);
    }
    expect(table).not.toMatch(/login_failed|role_changed|admin_request|factor_updated/);
    expect(table).toContain('Rôle : Pilotage (lecture seule) → Technicien informatique');
    expect(table).toContain('Masse de référence (kg) : (vide) → 2,2');
    expect(table).toContain('Tâche « purge du journal d\'administration »');
    expect(table).toContain('Résultat : 0 lignes supprimées');
    // the fields sent with a refused request, in words
    expect(table).toContain('champs envoyés : Adresse e-mail, Nom, Rôle, Mot de passe');

    const wrongPassword = rows.filter({ hasText: 'mot de passe erroné' });
    expect(await wrongPassword.textContent()).toContain(`${TEST_USERS.viewer.email}adresse saisie`);
    expect(await wrongPassword.textContent()).toContain(`Compte n° ${e2e.t.users.viewer.id}`);
    expect(await wrongPassword.textContent()).toContain('198.51.100.23');
    expect(await wrongPassword.textContent()).toContain('Refusé');
    const unknown = rows.filter({ hasText: 'aucun compte à cette adresse' });
    expect(await unknown.textContent()).toContain('inconnu@exemple.fr');
    // French date and time, to the second
    expect(await rows.first().locator('td').first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}\d{2}:\d{2}:\d{2}$/);
    expect(await rows.first().locator('td time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    await page.mouse.move(700, 700);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-log');

    // the last days, in one click
    await page.getByRole('button', { name: "Aujourd'hui" }).click();
    await expect.poll(() => decodeURIComponent(page.url())).toMatch(/"from":"\d{4}-\d{2}-\d{2}"/);
    await expect.poll(() => rows.count()).toBeGreaterThan(8);
    await page.getByRole('button', { name: 'Tout' }).click();
    await expect.poll(() => decodeURIComponent(page.url())).not.toContain('"from"');

    // only the refused sign-ins
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Connexion refusée' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('inconnu@exemple.fr'), expect.stringContaining(TEST_USERS.viewer.email)]);
    await screenshot(page, 'admin-log-refused-logins');

    // the same screen in English
    await page.getByRole('button', { name: /Français/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Nobody can change or erase a line').waitFor();
    await expect.poll(async () => (await page.locator('table').textContent()) ?? '').toContain('Sign-in refused');
    expect((await page.locator('table').textContent()) ?? '').toContain('wrong password');
    await page.close();
  }, 90_000);

  it('is not offered to other roles, and its address does not show the log', async () => {
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: /Appareils/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: "Journal d'administration" }).count()).toBe(0);
    await page.goto(`${e2e.baseUrl}/admin/admin-log`);
    // the app has rendered this address (its menu is back) and asked for everything it would show
    await page.getByRole('menuitem', { name: /Appareils/ }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Personne ne peut modifier ni effacer une ligne').count()).toBe(0);
    expect(await page.locator('tbody tr').count()).toBe(0);
    await page.close();
  });
});
