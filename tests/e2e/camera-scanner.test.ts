import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import bwipjs from 'bwip-js';
import type { Page } from 'playwright-core';
import { binaryParser, TEST_PASSWORD, TEST_USERS } from '../helpers/app.js';
import { newPage, screenshot, signIn, setUpBrowserApp } from '../helpers/browser.js';
import { FRAME, frameDpi, matrixLabel, pgm, phoneFrameAsRendered, renderPdfPage, writeY4m, type GreyImage } from '../helpers/phone-camera.js';

/**
 * The camera scanner fed a phone's view of a printed label through Chromium's own fake camera,
 * which plays a video file: the 57 × 32 mm thermal label, rendered from the API's PDF, fills 40 %
 * of the width of a 1280 × 720 frame (a phone about 20 cm away), turned 3°, slightly blurred,
 * greyed and noisy (tests/helpers/phone-camera.ts). Its Code 128's bars are 0.25 mm (2 dots at
 * 203 dpi, the widest whole number of dots that fits 57 mm with its quiet zones): 2.2 pixels in
 * the frame. tests/api/label-decoding.test.ts reads every roll size from there and from 30 %. The
 * file is rewritten before each opening of the camera: Chromium reads it again when a camera starts.
 * The handheld scanner (keyboard wedge) is covered on each scan screen by scanner, offline-pickup,
 * offline-refurbishment and audits tests, all typing without clicking the field first.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'reemploi-camera-'));
const VIDEO = path.join(scratch, 'camera.y4m');
// Chromium opens the file when it starts: a frame must be there from the beginning
writeY4m(VIDEO, { ...FRAME, pixels: new Uint8Array(FRAME.width * FRAME.height).fill(105) });

const e2e = setUpBrowserApp({
  chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${VIDEO}`],
});
// KEEP_CAMERA_FRAMES=1 keeps the frames (PGM) to look at when a reading fails
afterAll(() => {
  if (!process.env.KEEP_CAMERA_FRAMES) rmSync(scratch, { recursive: true, force: true });
});

const SITE = 'Dépôt de Lens';
const PROFILE = 'thermal-57x32-203';
const LABEL_MM = { width: 57, height: 32 };
/** The label fills 40 % of the frame's width: rendered at that resolution, it is not scaled again. */
const FRAME_DPI = frameDpi(0.4);

type Symbology = 'code128' | 'qrcode' | 'datamatrix';

async function readyBatch(count: number): Promise<{ id: number; devices: { id: number; assetTag: string }[] }> {
  const auth = await e2e.t.auth('it_staff');
  const devices: { id: number; assetTag: string }[] = [];
  for (let index = 0; index < count; index++) {
    const device = (await e2e.t.http.post('/api/devices').set(auth).send({ type: 'monitor', originSite: SITE, brand: 'Dell', model: 'P2419H' })).body;
    expect((await e2e.t.http.post(`/api/devices/${device.id}/no-storage`).set(auth)).status).toBe(200);
    devices.push({ id: device.id, assetTag: device.assetTag });
  }
  const batch = await e2e.t.http.post('/api/batches').set(auth).send({ site: SITE, plannedAt: '2026-12-20' });
  expect(batch.status).toBe(201);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/devices`).set(auth).send({ ids: devices.map((device) => device.id) })).status).toBe(200);
  expect((await e2e.t.http.post(`/api/batches/${batch.body.id}/ready`).set(auth)).status).toBe(200);
  return { id: batch.body.id, devices };
}

/**
 * The label as printed: the API's 57 × 32 mm thermal PDF (Code 128 or QR code); labels print no
 * DataMatrix, so that one is bwip-js's DataMatrix of the tag on a label of the same size.
 */
async function printedLabel(symbology: Symbology, device: { id: number; assetTag: string }): Promise<GreyImage> {
  if (symbology === 'datamatrix') {
    const [raw] = bwipjs.raw('datamatrix', device.assetTag, '') as unknown as { pixs: number[]; pixx: number; pixy: number }[];
    const matrix = Array.from({ length: raw.pixy }, (_, row) => raw.pixs.slice(row * raw.pixx, (row + 1) * raw.pixx));
    const pxPerMm = FRAME_DPI / 25.4;
    // 0.75 mm modules: a DataMatrix of 16 × 16 modules (12 mm) for a tag like CD59-000123-7, centred on the label
    return matrixLabel(matrix, Math.round(0.75 * pxPerMm), Math.round(LABEL_MM.width * pxPerMm), Math.round(LABEL_MM.height * pxPerMm));
  }
  const response = await e2e.t.http
    .get('/api/labels.pdf')
    .query({ ids: String(device.id), profile: PROFILE, symbology })
    .set(await e2e.t.auth('it_staff'))
    .buffer(true)
    .parse(binaryParser);
  expect(response.status).toBe(200);
  const pdf = path.join(scratch, `${symbology}.pdf`);
  writeFileSync(pdf, response.body);
  return renderPdfPage(pdf, FRAME_DPI);
}

/** The frame the camera will show, also written as a PGM (to look at, and for zbarimg). */
function showToCamera(label: GreyImage, name: string): string {
  const frame = phoneFrameAsRendered(label);
  writeY4m(VIDEO, frame);
  const picture = path.join(scratch, `${name}.pgm`);
  writeFileSync(picture, pgm(frame));
  return picture;
}

/** What zbarimg reads on a picture ('' for nothing): a second decoder, so that frames are fair, not tuned to ZXing. */
function zbarRead(picture: string): string {
  try {
    return execFileSync('zbarimg', ['-q', '--nodbus', picture]).toString().trim();
  } catch {
    return ''; // zbarimg exits with 4 when it finds no symbol
  }
}

async function openCamera(page: Page) {
  await page.getByRole('button', { name: 'Scanner avec la caméra' }).click();
  const view = page.getByTestId('camera-view');
  await expect.poll(() => view.getAttribute('data-state'), { timeout: 30_000 }).toBe('running');
  return view;
}

/** Mean grey of the dialog's video, drawn on a canvas: a black preview is near 0. */
async function previewBrightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="camera-view"] video');
    if (!video || video.videoWidth === 0) return 0;
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const context = canvas.getContext('2d')!;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let index = 0; index < data.length; index += 4) sum += data[index];
    return sum / (data.length / 4);
  });
}

describe('Camera scanner', () => {
  it('reads the asset tag from a Code 128, a QR code and a DataMatrix label at phone distance', async () => {
    const symbologies: Symbology[] = ['code128', 'qrcode', 'datamatrix'];
    const batch = await readyBatch(symbologies.length);
    const page = await newPage(e2e.browser, e2e.baseUrl);
    await signIn(page, e2e.baseUrl, TEST_USERS.partner.email, TEST_PASSWORD);
    await page.goto(`${e2e.baseUrl}/admin/pickup/${batch.id}`);

    for (const [index, symbology] of symbologies.entries()) {
      const device = batch.devices[index];
      const picture = showToCamera(await printedLabel(symbology, device), symbology);
      // zbar reads Code 128 and QR codes but no DataMatrix
      if (symbology !== 'datamatrix') expect(zbarRead(picture)).toBe(`${symbology === 'code128' ? 'CODE-128' : 'QR-Code'}:${device.assetTag}`);
      const view = await openCamera(page);
      await expect.poll(() => previewBrightness(page), { timeout: 15_000 }).toBeGreaterThan(60);
      await expect
        .poll(() => page.getByTestId('camera-progress').textContent(), { timeout: 30_000, message: `${symbology} of ${device.assetTag} not read (frame: ${picture})` })
        .toBe(`${index + 1} / ${symbologies.length}`);
      expect(await page.getByRole('dialog').textContent()).toContain(device.assetTag);
      await screenshot(page, `camera-scanner-${symbology}`);
      await page.getByRole('button', { name: 'Fermer la caméra' }).click();
      await expect.poll(() => view.count(), { timeout: 10_000 }).toBe(0);
    }
    // back on the pickup page, the three devices of the batch are marked scanned
    const expected = page.getByTestId('expected-device');
    await expect.poll(() => expected.evaluateAll((items) => items.map((item) => item.getAttribute('data-scanned'))), { timeout: 10_000 }).toEqual(['true', 'true', 'true']);
    await page.close();
  }, 240_000);

});
