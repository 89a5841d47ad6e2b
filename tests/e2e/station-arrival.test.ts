import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { binaryParser, TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, seriousViolations, setUpBrowserApp, signIn } from '../helpers/browser.js';
import { pdfToText } from '../helpers/pdftotext.js';

const e2e = setUpBrowserApp();

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/**
 * Issue #15's acceptance: a PC on the bench, its label scanned at the station, the GLPI agent's
 * inventory then the nwipe log posted as the station posts them. The technician opens the device
 * and finds it described, its disk wiped and certified, without having typed anything; the batch
 * manifest gives the partner the specs; the partner's refurbishment screen shows them too.
 */
describe('Un appareil arrive du poste d’effacement', () => {
  it('shows the technician the specs, the disk, the wipe and the certificate; the manifest and the partner screen show the specs', async () => {
    const tech = await e2e.t.auth('it_staff');
    // registered earlier (its label printed and stuck): the station only scans the label
    const registered = await e2e.t.http.post('/api/devices').set(tech).send({ type: 'other', originSite: 'Dépôt DSI — Lille' });
    expect(registered.status).toBe(201);
    const { id, assetTag } = registered.body as { id: number; assetTag: string };

    // the station posts the GLPI agent's inventory (the published example computer_1.json) with the scanned tag
    const inventory = await e2e.t.http.post(`/api/inventory?assetTag=${assetTag}`).set(tech).set('Content-Type', 'application/json').send(fixture('glpi-inventory/computer_1.json'));
    expect(inventory.status, JSON.stringify(inventory.body)).toBe(200);
    expect(inventory.body.device.id).toBe(id);

    // then nwipe's log of that PC: the real 0.28 log, its wiped disk being this PC's NVMe disk
    const log = fixture('nwipe/nwipe-0.28-single-disk.log').replaceAll('S4P3NF0M300001K', 'S29NNXAH146409');
    const wipe = await e2e.t.http.post('/api/sanitizations/import').set(tech).set('Content-Type', 'text/plain').send(log);
    expect(wipe.status, JSON.stringify(wipe.body)).toBe(200);
    expect(wipe.body.recorded).toEqual([expect.objectContaining({ serialNumber: 'S29NNXAH146409', assetTag, result: 'success' })]);

    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.it_staff.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/devices/${id}/show`);
    await page.getByRole('heading', { level: 1, name: assetTag }).waitFor({ timeout: 30_000 });
    const main = page.locator('main');
    // specs: from the inventory, worded as on the manifest
    await expect.poll(() => main.textContent(), { timeout: 15_000 }).toContain('Intel Core i5-6200U @ 2,30 GHz');
    const facts = (await main.textContent()) ?? '';
    for (const expected of ['Portable', 'Dell Inc.', 'XPS 13 9350', '640HP72', '8 Go', '1 × 256 Go SSD NVMe', 'Santé de la batterie', '88 %']) expect(facts).toContain(expected);
    // the disk: listed once, wiped
    await expect.poll(() => page.getByTestId('device-medium').allTextContents(), { timeout: 15_000 }).toHaveLength(1);
    const disk = (await page.getByTestId('device-medium').textContent()) ?? '';
    for (const expected of ['S29NNXAH146409', 'SSD NVMe', 'PM951 NVMe SAMSUNG 256GB', '256 Go', 'Effacé']) expect(disk).toContain(expected);
    // the wipe and the certificate
    const sanitization = (await page.getByTestId('device-sanitization').textContent()) ?? '';
    expect(sanitization).toContain('Écrasement par des zéros');
    const certified = await e2e.t.http.get(`/api/devices/${id}`).set(tech);
    expect(certified.body.status).toBe('sanitized');
    expect(sanitization).toContain(`Certificat n° ${certified.body.certificateNumber}`);
    expect(await page.getByRole('button', { name: /Certificat/ }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'station-arrival-device');
    await page.getByTestId('device-sanitization').scrollIntoViewIfNeeded();
    await screenshot(page, 'station-arrival-device-disks');

    // into a batch: the manifest gives the partner the specs
    const batch = (await e2e.t.http.post('/api/batches').set(tech).send({ site: 'Dépôt DSI — Lille', plannedAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) })).body;
    expect((await e2e.t.http.post(`/api/batches/${batch.id}/devices`).set(tech).send({ assetTags: [assetTag] })).status).toBe(200);
    expect((await e2e.t.http.post(`/api/batches/${batch.id}/ready`).set(tech)).status).toBe(200);
    const partner = await e2e.t.auth('partner');
    const pdf = await e2e.t.http.get(`/api/batches/${batch.id}/manifest.pdf`).set(partner).buffer(true).parse(binaryParser);
    expect(pdf.status).toBe(200);
    const text = pdfToText(pdf.body);
    for (const expected of [assetTag, 'Intel Core i5-6200U @ 2,30 GHz', 'RAM 8 Go · 1 × 256 Go SSD NVMe', 'Batterie 88 %']) expect(text).toContain(expected);
    const xlsx = await e2e.t.http.get(`/api/batches/${batch.id}/manifest.xlsx`).set(partner).buffer(true).parse(binaryParser);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    expect((workbook.getWorksheet('Manifeste')!.getRow(6).values as unknown[]).slice(8)).toEqual(['Intel Core i5-6200U @ 2,30 GHz', 8, '1 × 256 Go SSD NVMe', 88]);

    // picked up: the partner's refurbishment screen shows what it is working on
    expect((await e2e.t.http.post(`/api/batches/${batch.id}/pickup`).set(partner).send({ scanned: [assetTag] })).status).toBe(200);
    await page.close();
    const desk = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(desk, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await desk.goto(`${e2e.baseUrl}/admin/refurbishment`);
    const row = desk.getByRole('row').filter({ hasText: assetTag });
    await expect.poll(() => row.getByTestId('device-specs').textContent(), { timeout: 30_000 }).toBe('Intel Core i5-6200U @ 2,30 GHz · RAM 8 Go · 1 × 256 Go SSD NVMe · batterie 88 %');
    // scanned into the pile, it keeps its specs
    await desk.locator('#refurbishment-scan').fill(assetTag);
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.getByTestId('pile-count').textContent(), { timeout: 15_000 }).toBe('Pile scannée (1)');
    await expect.poll(() => desk.getByRole('list', { name: 'Pile scannée (1)' }).getByTestId('device-specs').textContent(), { timeout: 15_000 }).toContain('batterie 88 %');
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'station-arrival-refurbishment');
    await desk.close();
  }, 180_000);
});
