import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_USERS } from '../helpers/app.js';
import { screenshot, setUpBrowserApp } from '../helpers/browser.js';
import { openScanScreen, pendingText, scanAll, waitForScanField as waitForScanFieldFocus } from '../helpers/offline-scanning.js';

/**
 * The refurbishment pile on a phone without network: each scan kept in the shared offline queue
 * (IndexedDB) through a reload, looked up in order when the network is back; a device a colleague
 * graded meanwhile is that scan's conflict, in French, the others join the pile and get their
 * outcome once.
 */
const e2e = setUpBrowserApp();
const SITE = 'Dépôt de Lens';
const DEVICES = 6;

/** Monitors picked up by the partner: handed over, waiting for a diagnosis. */
async function handedOver(): Promise<string[]> {
  const auth = await e2e.t.auth('it_staff');
  const devices: { id: number; assetTag: string }[] = [];
  for (let index = 0; index < DEVICES; index++) {
    const device = (await e2e.t.http.post('/api/devices').set(auth).send({ type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H' })).body;
    expect((await e2e.t.http.post(`/api/devices/${device.id}/no-storage`).set(auth)).status).toBe(200);
    devices.push(device);
  }
  const batch = (await e2e.t.http.post('/api/batches').set(auth).send({ site: SITE, plannedAt: '2026-12-20' })).body;
  expect((await e2e.t.http.post(`/api/batches/${batch.id}/devices`).set(auth).send({ ids: devices.map((device) => device.id) })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.id}/ready`).set(auth)).status).toBe(200);
  const tags = devices.map((device) => device.assetTag);
  expect((await e2e.t.http.post(`/api/batches/${batch.id}/pickup`).set(await e2e.t.auth('partner')).send({ scanned: tags })).status).toBe(200);
  return tags;
}

const openPile = () => openScanScreen(e2e, TEST_USERS.partner.email, '/admin/refurbishment', 'refurbishment-scan');
const waitForScanField = (page: Page) => waitForScanFieldFocus(page, 'refurbishment-scan');

/** Which of `tags` the list of devices waiting shows, in the order of `tags`. */
async function listedTags(page: Page, tags: string[]): Promise<string[]> {
  const text = (await page.getByRole('table').textContent().catch(() => null)) ?? '';
  return tags.filter((tag) => text.includes(tag));
}

async function recycledEvents(tags: string[]) {
  const [row] = await e2e.t.sql<{ events: number; devices: number }>(
    `select count(*)::int as events, count(distinct e.device_id)::int as devices from events e join devices d on d.id = e.device_id
      where d.asset_tag = any($1) and e.to_status = 'recycled'`,
    [tags],
  );
  return row;
}

describe('offline scanning (refurbishment pile)', () => {
  it('keeps the scans made offline through a reload; back online, a device graded meanwhile is that scan’s conflict, the others are recorded once', async () => {
    const tags = await handedOver();
    const page = await openPile();
    // the list of devices waiting, fetched online: its copy is kept on the phone
    await expect.poll(() => listedTags(page, tags), { timeout: 20_000 }).toEqual(tags);
    expect(await page.getByTestId('offline-copy').count()).toBe(0);

    await page.context().setOffline(true);
    await scanAll(page, tags);
    await expect.poll(() => pendingText(page)).toBe(`en attente (${DEVICES})`);
    expect(await page.getByTestId('scan-banner').textContent()).toContain('Scan enregistré hors ligne');
    await page.reload();
    await waitForScanField(page);
    await expect.poll(() => pendingText(page)).toBe(`en attente (${DEVICES})`);
    // reopened without network, the list is its last copy, dated
    await expect.poll(() => listedTags(page, tags), { timeout: 20_000 }).toEqual(tags);
    expect(await page.getByTestId('offline-copy').textContent()).toMatch(/^hors ligne — liste du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screenshot(page, 'refurbishment-offline-list');

    // meanwhile a colleague grades the third device
    const graded = await e2e.t.http.post('/api/devices/outcomes').set(await e2e.t.auth('partner')).send({ assetTags: [tags[2]], to: 'refurbished', grade: 'A' });
    expect(graded.status).toBe(200);

    await page.context().setOffline(false);
    await expect.poll(() => pendingText(page), { timeout: 30_000 }).toBe(null);
    await expect.poll(() => page.getByTestId('pile-count').textContent()).toBe(`Pile scannée (${DEVICES - 1})`);
    // back online, the list is fetched again: the graded device has left it
    await expect.poll(() => page.getByTestId('offline-copy').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => listedTags(page, tags)).toEqual(tags.filter((_tag, index) => index !== 2));
    const conflicts = page.getByTestId('scan-conflict');
    expect(await conflicts.count()).toBe(1);
    expect(await conflicts.textContent()).toContain(`${tags[2]} non enregistré : ${tags[2]} est « Reconditionné »`);
    await screenshot(page, 'refurbishment-offline-conflict');

    await page.getByRole('button', { name: `Recyclé (${DEVICES - 1})` }).click();
    const outcome = page.getByRole('dialog');
    await outcome.getByLabel(/Motif du recyclage/).fill('Dalles cassées');
    await outcome.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByTestId('pile-count').textContent()).toBe('Pile scannée (0)');
    const others = tags.filter((_tag, index) => index !== 2);
    expect(await recycledEvents(others)).toEqual({ events: DEVICES - 1, devices: DEVICES - 1 });
    expect(await recycledEvents([tags[2]])).toEqual({ events: 0, devices: 0 });

    await page.getByTestId('scan-conflict').getByRole('button', { name: 'Compris' }).click();
    await expect.poll(() => page.getByTestId('scan-conflict').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('records the pile once when the network is cut while its lookups and its outcome are on their way', async () => {
    const tags = await handedOver();
    const page = await openPile();
    await page.context().setOffline(true);
    await scanAll(page, tags);
    await expect.poll(() => pendingText(page)).toBe(`en attente (${DEVICES})`);

    // the third lookup and the first outcome reach the server, then their answers are lost
    let lookups = 0;
    await page.route('**/api/scan/*', async (route) => {
      lookups += 1;
      if (lookups !== 3) return route.continue();
      await route.fetch();
      await page.context().setOffline(true);
      await route.abort('internetdisconnected');
      setTimeout(() => void page.context().setOffline(false), 1500);
    });
    let outcomes = 0;
    await page.route('**/api/devices/outcomes', async (route) => {
      outcomes += 1;
      if (outcomes !== 1) return route.continue();
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await page.context().setOffline(false);
    await expect.poll(() => pendingText(page), { timeout: 60_000 }).toBe(null);
    await expect.poll(() => page.getByTestId('pile-count').textContent()).toBe(`Pile scannée (${DEVICES})`);
    expect(lookups).toBeGreaterThan(DEVICES);

    await page.getByRole('button', { name: `Recyclé (${DEVICES})` }).click();
    const outcome = page.getByRole('dialog');
    await outcome.getByLabel(/Motif du recyclage/).fill('Dalles cassées');
    await outcome.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByTestId('pile-count').textContent(), { timeout: 30_000 }).toBe('Pile scannée (0)');
    expect(outcomes).toBe(2);
    expect(await recycledEvents(tags)).toEqual({ events: DEVICES, devices: DEVICES });
    expect(await page.getByTestId('scan-conflict').count()).toBe(0);
    await page.close();
  }, 180_000);
});
