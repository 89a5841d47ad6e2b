import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { loadConfig } from '../../api/config.js';
import { initOrm } from '../../api/db/orm.js';
import { createTestDatabase } from '../helpers/app.js';
import { assertAdminBuilt, closeServer, launchBrowser, screenshot, signIn, type TestBrowser } from '../helpers/browser.js';
import { seedDemoIfEmpty } from '../../seeds/demo.js';
import { DEMO_PASSWORD } from '../../seeds/DemoSeeder.js';

/**
 * The demo as a new user opens it (issue #19 §2, §3): the steering dashboard's savings and mass
 * are not zero, their sources are documents (title, publisher, year, address) or values marked
 * « Valeur de démonstration », never a developer reference.
 */
let orm: MikroORM;
let server: Server;
let browser: TestBrowser;
let baseUrl: string;

beforeAll(async () => {
  assertAdminBuilt();
  const url = await createTestDatabase();
  orm = await initOrm(url);
  await seedDemoIfEmpty(orm.em.fork());
  const app = createApp({ orm, config: loadConfig({ DATABASE_URL: url, JWT_SECRET: 'demo-figures-secret-0123456789abcdefghij' }), logger: pino({ level: 'silent' }) });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  await orm?.close();
});

describe('Demo figures and their sources', () => {
  it('shows the steering committee non-zero savings and waste avoided, with sourced and demonstration values told apart', async () => {
    const page = await browser.context.newPage();
    await signIn(page, baseUrl, 'pilotage@demo.reemploi.fr', DEMO_PASSWORD);
    const savings = page.getByTestId('figure-savings');
    await savings.waitFor();
    await expect.poll(() => page.getByTestId('figure-savings-value').textContent()).toMatch(/[1-9]/);
    expect(await page.getByTestId('figure-mass-value').textContent()).toMatch(/[1-9]/);
    expect(await savings.textContent()).toMatch(/Valeurs de démonstration \(sans source publiée\) pour : .*Écran/);
    expect(await page.getByTestId('figure-mass').textContent()).toMatch(/Valeurs de démonstration \(sans source publiée\) pour : .*Portable/);
    await screenshot(page, 'demo-dashboard');

    await page.getByRole('button', { name: 'Sources de « Économies des ménages »' }).click();
    const priceSources = await page.getByRole('dialog', { name: /Calcul et sources/ }).textContent();
    expect(priceSources).toContain('MacGeneration, d’après GfK, 2022, https://macg.co/');
    expect(priceSources).toContain('Valeur de démonstration');
    expect(priceSources).not.toMatch(/docs\/|\.md\b|github/);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Sources de « Déchets évités »' }).click();
    const massSources = await page.getByRole('dialog', { name: /Calcul et sources/ }).textContent();
    expect(massSources).toContain('Valeur de démonstration : masse moyenne choisie pour la démonstration');
    await page.keyboard.press('Escape');
    await page.close();
  }, 90_000);

  it('shows the factors screen with each demonstration value marked and the documents cited, without developer references', async () => {
    const page = await browser.context.newPage();
    await signIn(page, baseUrl, 'admin@demo.reemploi.fr', DEMO_PASSWORD);
    await page.goto(`${baseUrl}/admin/factors`);
    const catalogue = page.getByTestId('factor-sources');
    await catalogue.waitFor();
    expect(await catalogue.getByRole('heading', { name: 'Documents cités' }).count()).toBe(1);
    expect(await catalogue.getByRole('link', { name: 'https://impactco2.fr/outils/numerique' }).count()).toBe(1);
    expect(await catalogue.textContent()).toContain('« Évaluation de l’impact environnemental d’un ensemble de produits reconditionnés », ADEME, 2022.');
    // every mass of the demo is a demonstration value (7 types), and some prices
    await expect.poll(() => page.getByText('Valeur de démonstration', { exact: true }).count()).toBeGreaterThanOrEqual(7);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/docs\/|\.md\b|github|commit/i);
    await screenshot(page, 'factors-demo');
    await catalogue.scrollIntoViewIfNeeded();
    await screenshot(page, 'factors-catalogue');
    await page.close();
  }, 90_000);
});
