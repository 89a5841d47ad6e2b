import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { binaryParser, TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, setUpBrowserApp } from '../helpers/browser.js';
import { expectAccessible } from '../helpers/axe.js';

const e2e = setUpBrowserApp();
const scratch = path.resolve('tests/.tmp', `e2e-labels-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function registerDevice(model: string): Promise<{ id: number; assetTag: string }> {
  const response = await e2e.t.http.post('/api/devices').set(await e2e.t.auth('it_staff')).send({ type: 'laptop', brand: 'Dell', model, originSite: 'Dépôt de test' });
  expect(response.status).toBe(201);
  return response.body;
}

/**
 * The PDF the dialog asked for: its query, and that query's PDF (fetched again with the same
 * person's token: the browser hands a streamed body to the page, not to Playwright), its page
 * size (pdfinfo) and what zbarimg reads on it at `dpi`.
 */
async function printPdf(page: Page, name: string, dpi: number) {
  const [response] = await Promise.all([page.waitForResponse((answer) => answer.url().includes('/api/labels.pdf')), page.getByRole('button', { name: 'Imprimer (PDF)' }).click()]);
  expect(response.status()).toBe(200);
  const query = new URL(response.url()).searchParams;
  const again = await e2e.t.http.get(`/api/labels.pdf?${query}`).set(await e2e.t.auth('it_staff')).buffer(true).parse(binaryParser);
  const file = path.join(scratch, `${name}.pdf`);
  writeFileSync(file, again.body);
  const info = execFileSync('pdfinfo', [file]).toString();
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', file, path.join(scratch, name)]);
  let decoded = '';
  try {
    decoded = execFileSync('zbarimg', ['-q', '--nodbus', path.join(scratch, `${name}.png`)]).toString();
  } catch (error) {
    decoded = String((error as { stdout?: Buffer }).stdout ?? '');
  }
  return {
    query,
    widthMm: Math.round((Number(width) * 25.4) / 72),
    heightMm: Math.round((Number(height) * 25.4) / 72),
    decoded: decoded.trim().split('\n').filter(Boolean).sort(),
  };
}

async function chooseProfile(page: Page, name: string) {
  await page.getByLabel("Papier d'étiquettes").click();
  await page.getByRole('option', { name }).click();
  await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
}

describe('printing labels', () => {
  it('prints one label on a 57 × 32 mm roll from the device page, a sheet from position 7 and a ZPL file from the devices list', async () => {
    const single = await registerDevice('Latitude 5490');
    const pair = [await registerDevice('Latitude 7400'), await registerDevice('Latitude 7410')];
    const page = await newPage(e2e.browser, e2e.baseUrl);
    // the PDFs open in new tabs: close them (and only them: the context is shared with the next tests)
    const closePopup = (popup: Page) => void popup.close().catch(() => undefined);
    page.context().on('page', closePopup);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);

    // the device page: one label on a thermal roll
    await page.goto(`${e2e.baseUrl}/admin/devices/${single.id}/show`);
    await page.getByRole('button', { name: "Imprimer l'étiquette" }).click();
    const dialog = page.getByRole('dialog', { name: 'Imprimer 1 étiquette' });
    await expect.poll(() => dialog.getByLabel("Papier d'étiquettes").textContent()).toBe('Planche A4 3 × 8 (70 × 37 mm)');
    await chooseProfile(page, 'Rouleau thermique 57 × 32 mm — 203 dpi');
    expect(await dialog.textContent()).toContain('Une page par étiquette de 57 × 32 mm');
    await expectAccessible(page, 'with the label printing dialog open');
    await screenshot(page, 'labels-dialog-thermal');
    const roll = await printPdf(page, 'roll', 203);
    expect(roll.query.get('profile')).toBe('thermal-57x32-203');
    expect([roll.widthMm, roll.heightMm]).toEqual([57, 32]);
    expect(roll.decoded).toEqual([`CODE-128:${single.assetTag}`]);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // the devices list: two labels on a part-used A4 sheet, from position 7
    await page.getByRole('menuitem', { name: 'Appareils' }).click();
    for (const device of pair) {
      await page.getByRole('row').filter({ hasText: device.assetTag }).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: 'Imprimer les étiquettes' }).click();
    const listDialog = page.getByRole('dialog', { name: 'Imprimer 2 étiquettes' });
    // the profile last used by this person is proposed again
    await expect.poll(() => listDialog.getByLabel("Papier d'étiquettes").textContent()).toBe('Rouleau thermique 57 × 32 mm — 203 dpi');
    await chooseProfile(page, 'Planche A4 3 × 8 (70 × 37 mm)');
    await listDialog.getByRole('button', { name: 'Position 7 : libre' }).click();
    expect(await listDialog.getByLabel('Commencer à la position').inputValue()).toBe('7');
    expect(await listDialog.locator('#sheet-positions-summary').textContent()).toBe('Positions 7 à 8 de la planche');
    expect(await listDialog.locator('[data-state="used"]').count()).toBe(6);
    expect(await listDialog.locator('[data-state="printed"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-position')))).toEqual(['7', '8']);
    await screenshot(page, 'labels-dialog-sheet-position-7');
    const sheet = await printPdf(page, 'sheet', 300);
    expect(sheet.query.get('start')).toBe('6');
    expect([sheet.widthMm, sheet.heightMm]).toEqual([210, 297]);
    expect(sheet.decoded).toEqual(pair.map((device) => `CODE-128:${device.assetTag}`).sort());
    // position 7 is the first cell of the third row: the two top rows stay blank
    const top = path.join(scratch, 'sheet-top');
    execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', '-singlefile', '-x', '0', '-y', '0', '-W', '827', '-H', '291', path.join(scratch, 'sheet.pdf'), top]);
    expect(() => execFileSync('zbarimg', ['-q', '--nodbus', `${top}.png`])).toThrow();

    // the same list, a ZPL file for a Zebra
    await page.getByRole('menuitem', { name: 'Appareils' }).click();
    for (const device of pair) {
      await page.getByRole('row').filter({ hasText: device.assetTag }).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: 'Imprimer les étiquettes' }).click();
    await chooseProfile(page, 'Rouleau thermique 50 × 25 mm — 300 dpi');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Fichier ZPL (Zebra)' }).click()]);
    expect(download.suggestedFilename()).toBe('etiquettes-reemploi.zpl');
    const zpl = readFileSync((await download.path())!, 'utf8');
    expect(zpl.match(/\^XA[\s\S]*?\^XZ/g)).toHaveLength(2);
    for (const device of pair) expect(zpl).toMatch(new RegExp(`\\^BCN,\\d+,Y,N,N,A\\^FD${device.assetTag}\\^FS`));
    expect(zpl).toContain('^PW591');
    page.context().off('page', closePopup);
    await page.close();
  }, 120_000);

  it('opens the batch when the scanner reads a manifest’s batch reference', async () => {
    const batch = (await e2e.t.http.post('/api/batches').set(await e2e.t.auth('it_staff')).send({ site: 'Dépôt de test' })).body;
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.getByRole('menuitem', { name: 'Scanner' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('scanner-code');
    await page.keyboard.type(batch.reference.toLowerCase());
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith(`/batches/${batch.id}/show`));
    await page.getByText(batch.reference).first().waitFor();
    await page.close();
  }, 60_000);
});
