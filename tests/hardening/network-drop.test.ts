import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, setUpBrowserApp, signIn } from '../helpers/browser.js';

/**
 * The back office on a bad network: the server does the work, but its answer never reaches the
 * browser (connection reset). The client retries with the same Idempotency-Key and shows the
 * first result; the work is done once.
 */
const e2e = setUpBrowserApp();

const SITE = 'Dépôt DSI — Lille';


/**
 * Lets the first matching request reach the server, then cuts the connection before the browser
 * reads the answer. `fileBody`: what the page uploads (Chromium does not hand a File body to the interceptor).
 */
async function dropFirstAnswer(page: Page, pattern: RegExp, fileBody?: string) {
  const seen: { key: string | null; status?: number; replayed?: string }[] = [];
  await page.route(pattern, async (route: Route, request: Request) => {
    if (request.method() !== 'POST') return route.continue();
    const entry: (typeof seen)[number] = { key: request.headers()['idempotency-key'] ?? null };
    seen.push(entry);
    const response = await route.fetch(fileBody === undefined ? undefined : { postData: fileBody });
    entry.status = response.status();
    entry.replayed = response.headers()['idempotent-replayed'];
    if (seen.length === 1) await route.abort('connectionreset');
    else await route.fulfill({ response });
  });
  return seen;
}

const count = async (sql: string, values: unknown[] = []) => Number((await e2e.t.sql<{ n: string }>(sql, values))[0].n);

/** A ready batch of one monitor, its pickup screen open as the partner with the device scanned. */
async function pickupWithOneScan(serialNumber: string) {
  const tech = await e2e.t.auth('it_staff');
  const device = (await e2e.t.http.post('/api/devices').set(tech).send({ type: 'monitor', originSite: SITE, serialNumber })).body;
  await e2e.t.http.post(`/api/devices/${device.id}/no-storage`).set(tech);
  const batch = (await e2e.t.http.post('/api/batches').set(tech).send({ site: SITE })).body;
  await e2e.t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ ids: [device.id] });
  expect((await e2e.t.http.post(`/api/batches/${batch.id}/ready`).set(tech)).status).toBe(200);

  const page = await newPage(e2e.browser, e2e.baseUrl);
  await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
  await page.goto(`${e2e.baseUrl}/admin/pickup/${batch.id}`);
  await page.locator('#pickup-scan').click();
  await page.keyboard.type(device.assetTag);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe('1');
  return { device, page };
}

describe('a lost answer, retried by the back office with its Idempotency-Key', () => {
  it('imports a file once', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'reemploi-drop-'));
    const csv = path.join(folder, 'export-glpi.csv');
    const content = `Nom;Numéro de série;Type;Lieu\nPC-1;DROP-0001;Portable;${SITE}\nPC-2;DROP-0002;Portable;${SITE}\n`;
    writeFileSync(csv, content);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/import`);
    await page.locator('#import-file').setInputFiles(csv);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByTestId('count-created').waitFor();
    const seen = await dropFirstAnswer(page, /\/api\/devices\/import\?dryRun=false/, content);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '2' }).waitFor({ timeout: 15_000 });

    expect(seen).toHaveLength(2);
    expect(seen[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]).toEqual({ key: seen[0].key, status: 200, replayed: 'true' });
    expect(await count(`select count(*) as n from devices where serial_number like 'DROP-%'`)).toBe(2);
    expect(await count(`select count(*) as n from events e join devices d on d.id = e.device_id where d.serial_number like 'DROP-%'`)).toBe(2);
    await page.close();
  }, 60_000);

  it('confirms a pickup once', async () => {
    const { device, page } = await pickupWithOneScan('DROP-PICKUP-1');
    const seen = await dropFirstAnswer(page, /\/api\/batches\/\d+\/pickup$/);
    await page.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    await page.getByRole('dialog').getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    await expect.poll(() => page.getByTestId('pickup-result').getAttribute('data-status'), { timeout: 15_000 }).toBe('picked_up');

    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual({ key: seen[0].key, status: 200, replayed: 'true' });
    expect(await count(`select count(*) as n from events where device_id = $1 and to_status = 'handed_over'`, [device.id])).toBe(1);
    await page.close();
  }, 60_000);

  it('does not send again a pickup tried more than 21 days ago without an answer: the partner is told to check, then may confirm anew', async () => {
    const { device, page } = await pickupWithOneScan('DROP-PICKUP-OLD');
    // no answer at all, three times: the key stays with the request
    const pattern = /\/api\/batches\/\d+\/pickup$/;
    await page.route(pattern, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    await dialog.getByText('Le serveur ne répond pas').waitFor({ timeout: 15_000 });
    await page.unroute(pattern);

    // 22 days later, same tab
    await page.evaluate(() => {
      const stored = JSON.parse(sessionStorage.getItem('reemploi.idempotency-keys') ?? '{}') as Record<string, { key: string; at: number }>;
      for (const entry of Object.values(stored)) entry.at -= 22 * 24 * 3600 * 1000;
      sessionStorage.setItem('reemploi.idempotency-keys', JSON.stringify(stored));
    });
    let sent = 0;
    await page.route(pattern, (route) => {
      sent += 1;
      return route.continue();
    });
    await dialog.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    await dialog.getByText('Cette opération a été tentée il y a plus de 21 jours sans réponse du serveur').waitFor();
    await screenshot(page, 'pickup-resend-too-old');
    expect(sent).toBe(0);
    expect(await count(`select count(*) as n from events where device_id = $1 and to_status = 'handed_over'`, [device.id])).toBe(0);

    // checked: not recorded, so confirmed again, as a new request
    await dialog.getByRole('button', { name: "Confirmer l'enlèvement" }).click();
    await expect.poll(() => page.getByTestId('pickup-result').getAttribute('data-status'), { timeout: 15_000 }).toBe('picked_up');
    expect(sent).toBe(1);
    expect(await count(`select count(*) as n from events where device_id = $1 and to_status = 'handed_over'`, [device.id])).toBe(1);
    await page.close();
  }, 60_000);
});
