import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, setUpBrowserApp, signIn } from '../helpers/browser.js';
import { backdateQueuedWrites, expectPending, loseAnswers, openScanScreen, queuedWrites, pendingText, scanAll, scanOffline, waitForScanField as waitForScanFieldFocus } from '../helpers/offline-scanning.js';

/**
 * The refurbishment pile on a phone without network: each scan kept in the shared offline queue
 * (IndexedDB), the pile itself kept there too, and the outcome recorded offline as one queued write
 * per device; all of it through a reload, sent in order when the network is back, each applied
 * exactly once. A device a colleague graded meanwhile is that device's conflict, in French; the
 * others are recorded.
 */
const e2e = setUpBrowserApp();
const SITE = 'Dépôt de Lens';
const DEVICES = 6;
const PHONE = { width: 390, height: 844 };

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
const pileCount = (page: Page) => page.getByTestId('pile-count').textContent();
/** The asset tags of the outcomes recorded on the phone and not sent yet. */
const outcomesWaiting = (page: Page) =>
  page
    .getByTestId('outcomes-waiting')
    .getByRole('listitem')
    .allTextContents()
    .catch(() => []);

/**
 * Which of `tags` the list of devices waiting shows, in the order of `tags`: none when it says it is
 * empty, null while it shows neither rows nor that (not drawn yet). Read at once, to be polled (a
 * `textContent()` would wait 30 s for a table that an empty list never draws).
 */
async function listedTags(page: Page, tags: string[]): Promise<string[] | null> {
  const tables = await page.getByRole('table').allTextContents();
  if (tables.length) return tags.filter((tag) => tables.join(' ').includes(tag));
  return (await page.getByText(LIST_EMPTY, { exact: true }).count()) ? [] : null;
}
const LIST_EMPTY = "Aucun appareil n'attend de diagnostic.";

/** Status changes to `status` written for these devices, and how many distinct devices they concern. */
async function statusEvents(tags: string[], status: 'recycled' | 'refurbished') {
  const [row] = await e2e.t.sql<{ events: number; devices: number }>(
    `select count(*)::int as events, count(distinct e.device_id)::int as devices from events e join devices d on d.id = e.device_id
      where d.asset_tag = any($1) and e.to_status = $2`,
    [tags, status],
  );
  return row;
}

/** « Recyclé (n) » on the pile, a reason, « Enregistrer »: the dialog closes at once, with or without network. */
async function recyclePile(page: Page, count: number) {
  await page.getByRole('button', { name: `Recyclé (${count})` }).click();
  const outcome = page.getByRole('dialog');
  await outcome.getByLabel(/Motif du recyclage/).fill('Dalles cassées');
  await outcome.getByRole('button', { name: 'Enregistrer' }).click();
  await expect.poll(() => outcome.count()).toBe(0);
}

/** Idempotency keys the server holds for recorded outcomes (all tests of the file together). */
async function outcomeKeys(): Promise<number> {
  const [row] = await e2e.t.sql<{ n: number }>(`select count(*)::int as n from idempotency_keys where route like '%/devices/outcomes'`);
  return row.n;
}

/** Queued writes and pile entries kept in the browser's offline store (IndexedDB), all screens together. */
function stored(page: Page): Promise<{ scans: number; pile: number }> {
  return page.evaluate(
    () =>
      new Promise<{ scans: number; pile: number }>((resolve) => {
        const open = indexedDB.open('reemploi-offline');
        open.onsuccess = () => {
          const tx = open.result.transaction(['scans', 'pile']);
          const scans = tx.objectStore('scans').count();
          const pile = tx.objectStore('pile').count();
          tx.oncomplete = () => resolve({ scans: scans.result, pile: pile.result });
        };
      }),
  );
}

describe('offline scanning (refurbishment pile)', () => {
  // the browser is shared by the file's tests: one that stopped half-way must leave neither its
  // network cut nor its page open (a page left open goes on sending its queue)
  afterEach(async () => {
    await e2e.browser.context.setOffline(false);
    for (const page of e2e.browser.context.pages()) await page.close();
  });

  it('keeps the pile and the outcome recorded offline through reloads, then records each device exactly once when the network is back', async () => {
    const tags = await handedOver();
    const page = await openPile();
    await page.setViewportSize(PHONE);
    // two devices looked up online, four scanned in the van without network: one pile of six
    await scanAll(page, tags.slice(0, 2));
    await expect.poll(() => pileCount(page)).toBe('Pile scannée (2)');
    await scanOffline(page, tags.slice(2));
    expect(await pileCount(page)).toBe(`Pile scannée (${DEVICES})`);
    expect(await page.getByTestId('pile-waiting').count()).toBe(4);

    // the pile survives a reload (a phone restarting): the looked-up devices and the tags waiting
    await page.reload();
    await waitForScanField(page);
    await expect.poll(() => pileCount(page)).toBe(`Pile scannée (${DEVICES})`);
    await expectPending(page, 'en attente (4)');
    expect(await page.getByRole('list', { name: `Pile scannée (${DEVICES})` }).textContent()).toContain('Écran · Dell · P2419H');

    // the outcome, recorded without network: kept on the phone, one write per device
    await page.getByRole('button', { name: `Reconditionné (${DEVICES})` }).click();
    const outcome = page.getByRole('dialog');
    await outcome.getByLabel('B — bon état').check();
    await outcome.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => pileCount(page)).toBe('Pile scannée (0)');
    await expectPending(page, `en attente (${DEVICES})`);
    expect((await outcomesWaiting(page)).length).toBe(DEVICES);
    expect(await page.getByTestId('scan-banner').textContent()).toContain(`${DEVICES} résultats « Reconditionné » gardés sur ce téléphone`);
    await page.getByTestId('outcomes-waiting').scrollIntoViewIfNeeded();
    await screenshot(page, 'refurbishment-offline-outcomes');
    expect(await statusEvents(tags, 'refurbished')).toEqual({ events: 0, devices: 0 });

    await page.reload();
    await waitForScanField(page);
    await expectPending(page, `en attente (${DEVICES})`);
    expect(await pileCount(page)).toBe('Pile scannée (0)');
    expect((await outcomesWaiting(page)).map((text) => text.slice(0, tags[0].length)).sort()).toEqual([...tags].sort());
    // scanned again, a device whose outcome waits is not put back on the pile
    await scanAll(page, [tags[3]]);
    await expect.poll(() => page.getByTestId('scan-banner').textContent()).toContain(`${tags[3]} : résultat « Reconditionné » déjà enregistré`);
    expect(await pendingText(page)).toBe(`en attente (${DEVICES})`);

    await page.context().setOffline(false);
    await expectPending(page, null, 60_000);
    expect(await statusEvents(tags, 'refurbished')).toEqual({ events: DEVICES, devices: DEVICES });
    const grades = await e2e.t.sql<{ grade: string }>(`select distinct refurbished_grade as grade from devices where asset_tag = any($1)`, [tags]);
    expect(grades).toEqual([{ grade: 'B' }]);
    expect(await page.getByTestId('scan-conflict').count()).toBe(0);
    await expect.poll(() => stored(page)).toEqual({ scans: 0, pile: 0 });
    // the list, fetched again, no longer offers them
    await expect.poll(() => listedTags(page, tags), { timeout: 20_000 }).toEqual([]);
    await page.close();
  }, 180_000);

  it('records each device once when the network is cut while the lookups and the outcomes are on their way', async () => {
    const tags = await handedOver();
    const page = await openPile();
    await scanOffline(page, tags);

    // the third lookup reaches the server, then its answer is lost
    const lookups = await loseAnswers(page, '**/api/scan/*', [3]);
    await page.context().setOffline(false);
    await expectPending(page, null, 60_000);
    await expect.poll(() => pileCount(page)).toBe(`Pile scannée (${DEVICES})`);
    expect(lookups()).toBeGreaterThan(DEVICES);

    // recorded offline; back online, the second and fifth outcomes reach the server and their answers are lost
    await page.context().setOffline(true);
    await recyclePile(page, DEVICES);
    await expectPending(page, `en attente (${DEVICES})`);
    const keysBefore = await outcomeKeys();
    const outcomes = await loseAnswers(page, '**/api/devices/outcomes', [2, 5]);
    await page.context().setOffline(false);
    await expectPending(page, null, 60_000);
    expect(outcomes()).toBeGreaterThanOrEqual(DEVICES + 2);
    expect(await statusEvents(tags, 'recycled')).toEqual({ events: DEVICES, devices: DEVICES });
    // one key per device: the resent ones replayed their first answer
    expect((await outcomeKeys()) - keysBefore).toBe(DEVICES);
    expect(await page.getByTestId('scan-conflict').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('shows a device a colleague graded meanwhile as that device’s conflict, and records the others', async () => {
    const tags = await handedOver();
    const page = await openPile();
    await page.setViewportSize(PHONE);
    await scanOffline(page, tags);
    await recyclePile(page, DEVICES);
    await expect.poll(() => outcomesWaiting(page).then((items) => items.length)).toBe(DEVICES);

    // meanwhile a colleague grades the third device
    const graded = await e2e.t.http.post('/api/devices/outcomes').set(await e2e.t.auth('partner')).send({ assetTags: [tags[2]], to: 'refurbished', grade: 'A' });
    expect(graded.status).toBe(200);

    await page.context().setOffline(false);
    await expectPending(page, null, 60_000);
    const conflicts = page.getByTestId('scan-conflict');
    expect(await conflicts.count()).toBe(1);
    expect(await conflicts.textContent()).toContain(`${tags[2]} : « Recyclé » non enregistré — ${tags[2]} est « Reconditionné »`);
    await expect.poll(() => page.getByTestId('scan-banner').textContent()).toContain(`1 appareil refusé (voir ci-dessus), ${DEVICES - 1} enregistré(s)`);
    await page.getByTestId('scan-conflict').scrollIntoViewIfNeeded();
    await screenshot(page, 'refurbishment-offline-outcome-conflict');
    const others = tags.filter((_tag, index) => index !== 2);
    expect(await statusEvents(others, 'recycled')).toEqual({ events: DEVICES - 1, devices: DEVICES - 1 });
    expect(await statusEvents([tags[2]], 'recycled')).toEqual({ events: 0, devices: 0 });
    expect(await statusEvents([tags[2]], 'refurbished')).toEqual({ events: 1, devices: 1 });

    await conflicts.getByRole('button', { name: 'Compris' }).click();
    await expect.poll(() => conflicts.count()).toBe(0);
    await expect.poll(() => stored(page)).toEqual({ scans: 0, pile: 0 });
    await page.close();
  }, 180_000);

  it('holds back an outcome recorded offline more than 21 days ago, says so for that device, and records the others', async () => {
    const tags = (await handedOver()).slice(0, 2);
    const page = await openPile();
    await page.setViewportSize(PHONE);
    await scanOffline(page, tags);
    await recyclePile(page, tags.length);
    await expect.poll(() => outcomesWaiting(page).then((items) => items.length)).toBe(tags.length);
    // the phone stayed offline: the first device's outcome was recorded 22 days ago
    const outcome = (await queuedWrites(page)).find((write) => write.code === tags[0] && write.outcome)!;
    await backdateQueuedWrites(page, { [outcome.seq]: 22 });

    await page.context().setOffline(false);
    await expectPending(page, null, 60_000);
    const held = page.getByTestId('scan-conflict');
    await expect.poll(() => held.count()).toBe(1);
    expect(await held.textContent()).toMatch(new RegExp(`^« Recyclé » pour ${tags[0]} non envoyé : fait le .*, il attend depuis plus de 21 jours`));
    await held.scrollIntoViewIfNeeded();
    await screenshot(page, 'refurbishment-offline-outcome-too-old');
    expect(await statusEvents([tags[0]], 'recycled')).toEqual({ events: 0, devices: 0 });
    expect(await statusEvents([tags[1]], 'recycled')).toEqual({ events: 1, devices: 1 });
    await held.getByRole('button', { name: 'Compris' }).click();
    await expect.poll(() => held.count()).toBe(0);
    await expect.poll(() => stored(page)).toEqual({ scans: 0, pile: 0 });
    await page.close();
  }, 180_000);

  it('keeps the scans made offline through a reload; back online, a device graded meanwhile is that scan’s conflict, the others join the pile', async () => {
    const tags = await handedOver();
    const page = await openPile();
    // the list of devices waiting, fetched online: its copy is kept on the phone
    await expect.poll(() => listedTags(page, tags), { timeout: 20_000 }).toEqual(tags);
    expect(await page.getByTestId('offline-copy').count()).toBe(0);

    await scanOffline(page, tags);
    expect(await page.getByTestId('scan-banner').textContent()).toContain('Scan enregistré hors ligne');
    await page.reload();
    await waitForScanField(page);
    await expectPending(page, `en attente (${DEVICES})`);
    // reopened without network, the list is its last copy, dated
    await expect.poll(() => listedTags(page, tags), { timeout: 20_000 }).toEqual(tags);
    expect(await page.getByTestId('offline-copy').textContent()).toMatch(/^hors ligne — liste du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screenshot(page, 'refurbishment-offline-list');

    const graded = await e2e.t.http.post('/api/devices/outcomes').set(await e2e.t.auth('partner')).send({ assetTags: [tags[2]], to: 'refurbished', grade: 'A' });
    expect(graded.status).toBe(200);

    await page.context().setOffline(false);
    await expectPending(page, null, 30_000);
    await expect.poll(() => pileCount(page)).toBe(`Pile scannée (${DEVICES - 1})`);
    // back online, the list is fetched again: the graded device has left it
    await expect.poll(() => page.getByTestId('offline-copy').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => listedTags(page, tags), { timeout: 20_000 }).toEqual(tags.filter((_tag, index) => index !== 2));
    const conflicts = page.getByTestId('scan-conflict');
    expect(await conflicts.count()).toBe(1);
    expect(await conflicts.textContent()).toContain(`${tags[2]} non enregistré : ${tags[2]} est « Reconditionné »`);

    // online, the pile's outcome goes at once, device by device
    await recyclePile(page, DEVICES - 1);
    await expect.poll(() => page.getByTestId('scan-banner').textContent()).toContain(`${DEVICES - 1} appareils enregistrés : Recyclé`);
    expect(await pileCount(page)).toBe('Pile scannée (0)');
    const others = tags.filter((_tag, index) => index !== 2);
    expect(await statusEvents(others, 'recycled')).toEqual({ events: DEVICES - 1, devices: DEVICES - 1 });
    expect(await statusEvents([tags[2]], 'recycled')).toEqual({ events: 0, devices: 0 });
    await conflicts.getByRole('button', { name: 'Compris' }).click();
    await expect.poll(() => stored(page)).toEqual({ scans: 0, pile: 0 });
    await page.close();
  }, 180_000);

  it('says the list never fetched on this phone will come with the network, and that scanning still works', async () => {
    const tags = await handedOver();
    const page = await openPile();
    await page.setViewportSize(PHONE);
    await expect.poll(() => listedTags(page, tags), { timeout: 20_000 }).toEqual(tags);
    await page.context().setOffline(true);
    // a phone that never had this list: no copy kept
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('reemploi-offline');
          open.onsuccess = () => {
            const tx = open.result.transaction('copies', 'readwrite');
            tx.objectStore('copies').clear();
            tx.oncomplete = () => resolve();
          };
        }),
    );
    await page.reload();
    await waitForScanField(page);
    const notice = page.getByTestId('list-not-fetched');
    await expect.poll(() => notice.textContent().catch(() => null), { timeout: 20_000 }).toBe(
      "Hors ligne : cette liste n'a pas encore été chargée sur ce téléphone. Elle s'affichera au retour du réseau. Vous pouvez scanner une pile et enregistrer son résultat : tout est gardé sur le téléphone.",
    );
    await scanAll(page, [tags[0]]);
    await expectPending(page, 'en attente (1)');
    // enabled, and done fading in (the screenshot shows it as the partner sees it)
    const recycle = page.getByRole('button', { name: 'Recyclé (1)' });
    await expect.poll(() => recycle.evaluate((button) => !(button as HTMLButtonElement).disabled && button.getAnimations().length === 0)).toBe(true);
    await notice.scrollIntoViewIfNeeded();
    expect(await page.getByText(/\d+-\d+ sur \d+/).count()).toBe(0);
    await screenshot(page, 'refurbishment-list-not-fetched');

    await page.context().setOffline(false);
    await expect.poll(() => notice.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => listedTags(page, tags), { timeout: 30_000 }).toEqual(tags);
    await expect.poll(() => pileCount(page)).toBe('Pile scannée (1)');
    await page.getByRole('button', { name: 'Vider la pile' }).click();
    await expect.poll(() => pileCount(page)).toBe('Pile scannée (0)');
    await expect.poll(() => stored(page)).toEqual({ scans: 0, pile: 0 });
    await page.close();
  }, 120_000);

  it('keeps each person’s pile and outcomes to themselves on a shared phone, and refuses the screen to the depot staff', async () => {
    const tags = await handedOver();
    const admin = await e2e.t.auth('admin');
    const colleague = { email: 'collegue.partenaire@test.fr', name: 'Colette Collègue', role: 'partner', organisation: 'Emmaüs Connect', password: 'Lanterne-verte-2027' };
    const created = await e2e.t.http.post('/api/users').set(admin).send(colleague);
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const page = await openPile();
    await scanOffline(page, tags.slice(0, 2));
    await recyclePile(page, 2);
    await expectPending(page, 'en attente (2)');
    await page.close();

    // the colleague signs in on the same phone, online: neither the pile nor the outcomes of the first are shown or sent
    const shared = await newPage(e2e.browser, e2e.baseUrl);
    await shared.context().setOffline(false);
    await signIn(shared, e2e.baseUrl, colleague.email, colleague.password);
    await shared.goto(`${e2e.baseUrl}/admin/refurbishment`);
    await waitForScanField(shared);
    await expect.poll(() => listedTags(shared, tags), { timeout: 20_000 }).toEqual(tags);
    expect(await pendingText(shared)).toBe(null);
    expect(await pileCount(shared)).toBe('Pile scannée (0)');
    expect(await statusEvents(tags, 'recycled')).toEqual({ events: 0, devices: 0 });
    await shared.close();

    // the depot staff may not open the screen, nor record an outcome through the API
    const depot = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(depot, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await depot.goto(`${e2e.baseUrl}/admin/refurbishment`);
    await depot.getByRole('menuitem', { name: 'Lots d’enlèvement' }).or(depot.getByRole('menuitem', { name: "Lots d'enlèvement" })).waitFor({ timeout: 20_000 });
    expect(await depot.getByRole('menuitem', { name: 'À reconditionner' }).count()).toBe(0);
    expect(await depot.locator('#refurbishment-scan').count()).toBe(0);
    const refused = await e2e.t.http.post('/api/devices/outcomes').set(await e2e.t.auth('it_staff')).set('Idempotency-Key', 'depot-staff-outcome-1').send({ assetTags: [tags[0]], to: 'recycled', reason: 'Dalles cassées' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Votre rôle ne permet pas de passer un appareil à « recycled ».' });
    await depot.close();

    // nothing went meanwhile either (the colleague's page had all that time to send them)
    expect(await statusEvents(tags, 'recycled')).toEqual({ events: 0, devices: 0 });

    // the first partner back: their outcomes go, in their name
    const back = await openPile();
    await expect.poll(() => statusEvents(tags.slice(0, 2), 'recycled'), { timeout: 60_000 }).toEqual({ events: 2, devices: 2 });
    await expectPending(back, null);
    const actors = await e2e.t.sql<{ email: string; n: number }>(
      `select u.email, count(*)::int as n from events e join devices d on d.id = e.device_id join users u on u.id = e.actor_id
        where d.asset_tag = any($1) and e.to_status = 'recycled' group by u.email`,
      [tags.slice(0, 2)],
    );
    expect(actors).toEqual([{ email: TEST_USERS.partner.email, n: 2 }]);
    await back.close();
  }, 180_000);

  it('reloads an open pile for the colleague who signs in in another tab, so nothing scanned there goes in the first partner’s name', async () => {
    const tags = await handedOver();
    const colleague = { email: 'autre.partenaire@test.fr', name: 'Odile Onglet', role: 'partner', organisation: 'Emmaüs Connect', password: 'Lanterne-bleue-2027' };
    expect((await e2e.t.http.post('/api/users').set(await e2e.t.auth('admin')).send(colleague)).status).toBe(201);
    const page = await openPile();
    await scanAll(page, [tags[0]]);
    await expect.poll(() => pileCount(page)).toBe('Pile scannée (1)');

    // the colleague signs in in another tab of the same phone: the open pile reloads as theirs
    const other = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(other, e2e.baseUrl, colleague.email, colleague.password);
    await other.close();
    await expect.poll(() => pileCount(page), { timeout: 20_000 }).toBe('Pile scannée (0)');
    await waitForScanField(page);
    await scanAll(page, [tags[1]]);
    await expect.poll(() => pileCount(page)).toBe('Pile scannée (1)');
    // both piles are kept on the phone, each under its own person: the first partner's device is not on the colleague's
    expect(await stored(page)).toEqual({ scans: 0, pile: 2 });
    expect(await page.getByRole('list', { name: 'Pile scannée (1)' }).textContent()).toContain(tags[1]);
    expect(await page.getByRole('list', { name: 'Pile scannée (1)' }).textContent()).not.toContain(tags[0]);
  }, 120_000);
});
