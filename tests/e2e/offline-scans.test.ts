import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, setUpBrowserApp } from '../helpers/browser.js';
import { backdateQueuedWrites, expectPending, loseAnswers, openScanScreen, queuedWrites, scanOffline, waitForScanField as waitForScanFieldFocus } from '../helpers/offline-scanning.js';

/**
 * The stock-take on a phone that loses the network: scans kept in IndexedDB through a reload,
 * sent in order when the network is back, each applied exactly once — also when the network is
 * cut while a scan is on its way (the server did the work, the answer was lost: the scan is sent
 * again with its Idempotency-Key and the server replays its first answer).
 */
const e2e = setUpBrowserApp();
const SCANS = 50;

async function shelfOf(site: string): Promise<string[]> {
  const auth = await e2e.t.auth('it_staff');
  const tags: string[] = [];
  for (let index = 0; index < SCANS; index++) {
    const response = await e2e.t.http.post('/api/devices').set(auth).send({ type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T480', originSite: site });
    tags.push(response.body.assetTag);
  }
  return tags;
}

async function startAudit(site: string): Promise<number> {
  const response = await e2e.t.http.post('/api/audits').set(await e2e.t.auth('it_staff')).send({ site });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

/** Signed in, on the stock-take page, with the service worker controlling it (the app shell cached). */
const openAudit = (auditId: number) => openScanScreen(e2e, TEST_USERS.it_staff.email, `/admin/audits/${auditId}/show`, 'audit-scan');
const waitForScanField = (page: Page) => waitForScanFieldFocus(page, 'audit-scan');

async function recorded(auditId: number) {
  const [row] = await e2e.t.sql<{ scans: number; codes: number; found: number }>(
    `select count(*)::int as scans, count(distinct code)::int as codes, count(*) filter (where result = 'found')::int as found from audit_scans where audit_id = $1`,
    [auditId],
  );
  return row;
}

describe('offline scanning (stock-take)', () => {
  it('keeps 50 scans made offline through a reload, then applies each exactly once when the network is back', async () => {
    const site = 'Antenne de Maubeuge';
    const tags = await shelfOf(site);
    const auditId = await startAudit(site);
    const page = await openAudit(auditId);

    await scanOffline(page, tags);
    expect(await recorded(auditId)).toEqual({ scans: 0, codes: 0, found: 0 });

    // closing the tab or rebooting the phone: the queue is in IndexedDB, the page comes from the service worker
    await page.reload();
    await waitForScanField(page);
    await expectPending(page, `en attente (${SCANS})`);
    await screenshot(page, 'offline-queue-50');

    await page.context().setOffline(false);
    await expectPending(page, null, 60_000);
    expect(await recorded(auditId)).toEqual({ scans: SCANS, codes: SCANS, found: SCANS });
    // the audit counts what was sent, in the order scanned
    const order = await e2e.t.sql<{ code: string }>(`select code from audit_scans where audit_id = $1 order by id`, [auditId]);
    expect(order.map((row) => row.code)).toEqual(tags);
    expect(await page.getByTestId('audit-found').textContent()).toBe(String(SCANS));
    await page.close();
  }, 180_000);

  it('applies every scan once when the network is cut in the middle of sending (answers lost after the server did the work)', async () => {
    const site = 'Antenne de Cambrai';
    const tags = await shelfOf(site);
    const auditId = await startAudit(site);
    const page = await openAudit(auditId);

    await scanOffline(page, tags);

    // the 10th and 30th scans reach the server, then the network drops before their answers come back
    const sent = await loseAnswers(page, '**/api/audits/*/scans', [10, 30]);
    await page.context().setOffline(false);
    await expectPending(page, null, 90_000);
    expect(sent()).toBeGreaterThanOrEqual(SCANS + 2);
    expect(await recorded(auditId)).toEqual({ scans: SCANS, codes: SCANS, found: SCANS });
    // the resent scans got their first answer again ("found"), not "already scanned"
    const keys = await e2e.t.sql<{ n: number }>(`select count(*)::int as n from idempotency_keys where route like '%/audits/:id/scans'`);
    expect(keys[0].n).toBe(2 * SCANS);
    expect(await page.getByTestId('last-scans').textContent()).not.toMatch(/[Dd]éjà/);
    await page.close();
  }, 180_000);

  it('replays a scan that reached the server 3 days ago (answer lost), and holds back one queued 22 days ago with a clear message', async () => {
    const site = 'Antenne de Valenciennes';
    const auth = await e2e.t.auth('it_staff');
    const [weekend, forgotten] = await Promise.all(
      ['weekend', 'forgotten'].map(async () => (await e2e.t.http.post('/api/devices').set(auth).send({ type: 'laptop', originSite: site })).body.assetTag as string),
    );
    const auditId = await startAudit(site);
    const page = await openAudit(auditId);
    await scanOffline(page, [weekend, forgotten]);

    // on the phone: the first scan was made 3 days ago, the second 22 days ago
    const writes = await queuedWrites(page);
    await backdateQueuedWrites(page, { [writes[0].seq]: 3, [writes[1].seq]: 22 });
    const keys = writes.map((write) => write.idempotencyKey);
    // the first one had reached the server 3 days ago, its answer lost; the purge job ran since
    const first = await e2e.t.http.post(`/api/audits/${auditId}/scans`).set(auth).set('Idempotency-Key', keys[0]).send({ code: weekend });
    expect(first.body.result).toBe('found');
    await e2e.t.sql(`update idempotency_keys set created_at = now() - interval '3 days' where key = $1`, [keys[0]]);
    expect((await e2e.t.http.post('/api/jobs/purge-idempotency-keys/run').set(await e2e.t.auth('admin'))).status).toBe(200);

    await page.context().setOffline(false);
    await expectPending(page, null, 30_000);
    // the weekend's scan counted once, replayed as « found » (not « already scanned »); the forgotten one not sent
    expect(await recorded(auditId)).toEqual({ scans: 1, codes: 1, found: 1 });
    expect(await page.getByTestId('last-scans').textContent()).not.toMatch(/[Dd]éjà/);
    const held = page.getByTestId('scan-conflict');
    await expect.poll(() => held.textContent()).toMatch(
      new RegExp(`^${forgotten} non envoyé : fait le \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d, il attend depuis plus de 21 jours.*vérifiez s'il a été enregistré`),
    );
    await screenshot(page, 'offline-scan-too-old');
    // after a reload it is still there, still not sent, until the user has read it
    await page.reload();
    await waitForScanField(page);
    await expect.poll(() => held.count()).toBe(1);
    expect(await recorded(auditId)).toEqual({ scans: 1, codes: 1, found: 1 });
    await held.getByRole('button', { name: 'Compris' }).click();
    await expect.poll(() => held.count()).toBe(0);
    await page.close();
  }, 120_000);

  it('takes a handheld scanner paired in keyboard mode on a phone, without touching the field first', async () => {
    const site = 'Antenne de Douai';
    const auth = await e2e.t.auth('it_staff');
    const device = (await e2e.t.http.post('/api/devices').set(auth).send({ type: 'laptop', originSite: site })).body;
    const auditId = await startAudit(site);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await page.setViewportSize({ width: 390, height: 844 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/audits/${auditId}/show`);
    await page.getByTestId('audit-found').waitFor();
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    // on a phone the field is not focused by itself (no on-screen keyboard over the screen)…
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).not.toBe('audit-scan');
    // …but the scanner's keystrokes go to it
    await page.keyboard.type(device.assetTag);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('audit-found').textContent()).toBe('1');
    await page.close();
  }, 60_000);
});
