import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, setUpBrowserApp } from '../helpers/browser.js';
import { expectPending, openScanScreen, scanAll, scanOffline, waitForScanField as waitForScanFieldFocus } from '../helpers/offline-scanning.js';

/**
 * The pickup on a phone that loses the network in the van: each scan kept in the shared offline
 * queue (IndexedDB) through a reload, the page and the batch's expected list served by the service
 * worker; the confirmation carries the scans to the server once the network is back, applied
 * exactly once — also when the answer to the confirmation is lost on the way.
 */
const e2e = setUpBrowserApp();
const SITE = 'Dépôt de Valenciennes';
const DEVICES = 20;

async function readyBatch(): Promise<{ id: number; reference: string; tags: string[] }> {
  const auth = await e2e.t.auth('it_staff');
  const ids: number[] = [];
  const tags: string[] = [];
  for (let index = 0; index < DEVICES; index++) {
    const device = (await e2e.t.http.post('/api/devices').set(auth).send({ type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H' })).body;
    expect((await e2e.t.http.post(`/api/devices/${device.id}/no-storage`).set(auth)).status).toBe(200);
    ids.push(device.id);
    tags.push(device.assetTag);
  }
  const batch = await e2e.t.http.post('/api/batches').set(auth).send({ site: SITE, plannedAt: '2026-12-20' });
  expect(batch.status).toBe(201);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(auth).send({ ids })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(auth)).status).toBe(200);
  return { id: batch.body.id, reference: batch.body.reference, tags };
}

/** Signed in as the partner, on the pickup page, with the service worker controlling it (shell and batch cached). */
const openPickup = (batchId: number) => openScanScreen(e2e, TEST_USERS.partner.email, `/admin/pickup/${batchId}`, 'pickup-scan');
const waitForScanField = (page: Page) => waitForScanFieldFocus(page, 'pickup-scan');
const confirmButton = (page: Page) => page.getByTestId('confirm-pickup');

/** Pickup events written for the batch's devices, and how many distinct devices they concern. */
async function pickupEvents(tags: string[]) {
  const [row] = await e2e.t.sql<{ events: number; devices: number }>(
    `select count(*)::int as events, count(distinct e.device_id)::int as devices from events e join devices d on d.id = e.device_id
      where d.asset_tag = any($1) and e.to_status = 'handed_over'`,
    [tags],
  );
  return row;
}

/** Scans kept in the browser's offline queue (IndexedDB), all screens together. */
function storedScans(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('reemploi-offline');
        open.onsuccess = () => {
          const count = open.result.transaction('scans').objectStore('scans').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
}

async function scanOfflineAndReload(page: Page, tags: string[]) {
  await scanOffline(page, tags);
  await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe(String(DEVICES));
  expect(await confirmButton(page).isDisabled()).toBe(true);
  // closing the tab or rebooting the phone: the scans are in IndexedDB, the page and the list come from the service worker
  await page.reload();
  await waitForScanField(page);
  await expect.poll(() => page.getByTestId('pickup-scanned').textContent()).toBe(String(DEVICES));
  await expectPending(page, `en attente (${DEVICES})`);
}

async function confirmAll(page: Page) {
  await expect.poll(() => confirmButton(page).isDisabled()).toBe(false);
  await confirmButton(page).click();
  await page.getByRole('dialog').getByRole('button', { name: "Confirmer l'enlèvement" }).click();
  await expect.poll(() => page.getByTestId('pickup-result').getAttribute('data-status'), { timeout: 30_000 }).toBe('picked_up');
}

describe('offline scanning (pickup)', () => {
  it('keeps the scans made offline through a reload, then the confirmation applies each exactly once', async () => {
    const batch = await readyBatch();
    const page = await openPickup(batch.id);
    await page.setViewportSize({ width: 390, height: 844 });

    await scanOfflineAndReload(page, batch.tags);
    expect(await page.getByTestId('confirm-when-online').textContent()).toContain('retour du réseau');
    await screenshot(page, 'pickup-offline-pending');
    expect(await pickupEvents(batch.tags)).toEqual({ events: 0, devices: 0 });

    await page.context().setOffline(false);
    await confirmAll(page);
    expect(await pickupEvents(batch.tags)).toEqual({ events: DEVICES, devices: DEVICES });
    // the queue of this batch is emptied once confirmed
    await expect.poll(() => storedScans(page)).toBe(0);
    await page.close();
  }, 180_000);

  it('applies the pickup once when the network is cut while the confirmation is on its way (answer lost after the server did the work)', async () => {
    const batch = await readyBatch();
    const page = await openPickup(batch.id);
    await scanOfflineAndReload(page, batch.tags);

    let sent = 0;
    await page.route('**/api/batches/*/pickup', async (route) => {
      sent += 1;
      if (sent !== 1) return route.continue();
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await page.context().setOffline(false);
    await confirmAll(page);
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(await pickupEvents(batch.tags)).toEqual({ events: DEVICES, devices: DEVICES });
    const keys = await e2e.t.sql<{ n: number }>(`select count(*)::int as n from idempotency_keys where route like '%/batches/:id/pickup'`);
    expect(keys[0].n).toBeGreaterThanOrEqual(1);
    await page.close();
  }, 180_000);

  it('opens the batch whose manifest barcode is scanned on the pickup and stock-take screens, and says a scan was saved offline', async () => {
    const first = await readyBatch();
    const second = await readyBatch();
    const page = await openPickup(first.id);
    await scanAll(page, [second.reference]);
    await page.waitForURL((url) => url.pathname.endsWith(`/pickup/${second.id}`));
    await expect.poll(() => page.locator('h1, h5').first().textContent()).toContain(second.reference);
    await waitForScanField(page);
    await page.context().setOffline(true);
    await scanAll(page, [second.tags[0]]);
    await expect.poll(() => page.getByTestId('scan-banner').textContent()).toContain('Scan enregistré hors ligne');
    await page.context().setOffline(false);
    await page.close();

    const depot = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(depot, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    const audit = await e2e.t.http.post('/api/audits').set(await e2e.t.auth('it_staff')).send({ site: SITE });
    expect(audit.status).toBe(201);
    await depot.goto(`${e2e.baseUrl}/admin/audits/${audit.body.id}/show`);
    await expect.poll(() => depot.evaluate(() => document.activeElement?.id), { timeout: 20_000 }).toBe('audit-scan');
    await scanAll(depot, [first.reference.toLowerCase()]);
    await depot.waitForURL((url) => url.pathname.endsWith(`/batches/${first.id}/show`));
    const [row] = await e2e.t.sql<{ n: number }>(`select count(*)::int as n from audit_scans where audit_id = $1`, [audit.body.id]);
    expect(row.n).toBe(0);
    await depot.close();
  }, 180_000);
});
