import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import bwipjs from 'bwip-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { pdfToText } from '../helpers/pdftotext.js';
import { frameDpi, pgm, phoneFrameAsRendered, readPgm, renderPdfPage, type GreyImage } from '../helpers/phone-camera.js';
import { findLabelProfile, type SheetProfile } from '../../api/devices/label-profiles.js';

/**
 * Every label profile printed the way a printer would: the PDF rasterised at the printer's
 * resolution (pdftoppm -r dpi) and read by a real decoder (zbarimg). The ZPL is read back too:
 * its ^GF graphic fields are turned into a bitmap, its ^BC Code 128 rendered by bwip-js with the
 * module width (^BY) and bar height it asks the printer for.
 */
let t: TestApp;
const scratch = path.resolve('tests/.tmp', `label-decoding-${process.pid}`);
beforeAll(async () => {
  t = await createTestApp();
  mkdirSync(scratch, { recursive: true });
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await t.close();
});

interface Profile {
  id: string;
  name: string;
  printer: 'sheet' | 'thermal';
  dpi: number;
  pageWidthMm: number;
  pageHeightMm: number;
  columns: number;
  rows: number;
}

async function createDevices(count: number, type = 'laptop'): Promise<{ id: number; assetTag: string }[]> {
  const devices = [];
  for (let index = 0; index < count; index++) {
    const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type, brand: 'Dell', model: `Latitude ${5400 + index}`, originSite: 'Dépôt DSI — Lille' });
    devices.push(response.body);
  }
  return devices;
}

async function fetchPdf(query: Record<string, string | number>): Promise<Buffer> {
  const response = await t.http.get('/api/labels.pdf').query(query).set(await t.auth('it_staff')).buffer(true).parse(binaryParser);
  expect(response.status, response.body.toString().slice(0, 300)).toBe(200);
  return response.body;
}

/** Page size in mm and page count, as pdfinfo reads them. */
function pdfInfo(file: string): { pages: number; widthMm: number; heightMm: number } {
  const info = execFileSync('pdfinfo', [file]).toString();
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), widthMm: (Number(width) * 25.4) / 72, heightMm: (Number(height) * 25.4) / 72 };
}

/** What zbarimg reads on each image: `CODE-128:CD59-000001-7`, one per symbol. */
function decode(files: string[]): string[] {
  try {
    return execFileSync('zbarimg', ['-q', '--nodbus', ...files]).toString().trim().split('\n').filter(Boolean);
  } catch (error) {
    // zbarimg exits with 4 when an image holds no symbol: what it did read is still on stdout
    return String((error as { stdout?: Buffer }).stdout ?? '').trim().split('\n').filter(Boolean);
  }
}

/** The PDF rasterised at `dpi`, one PNG per page, decoded page by page. */
function decodePdf(pdf: Buffer, dpi: number, name: string): string[][] {
  const folder = path.join(scratch, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'labels.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', path.join(folder, 'labels.pdf'), path.join(folder, 'page')]);
  const pages = readdirSync(folder).filter((file) => file.endsWith('.png')).sort();
  return pages.map((page) => decode([path.join(folder, page)]).sort());
}

let profiles: Profile[];

describe('label profiles', () => {
  it('lists the A4 sheets and the thermal rolls at 203 and 300 dpi, and the one last used', async () => {
    const response = await t.http.get('/api/label-profiles').set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    profiles = response.body.profiles;
    expect(response.body.current).toBe('a4-3x8');
    expect(profiles.map((profile) => profile.id)).toEqual([
      'a4-3x8', 'a4-2x7', 'a4-4x10',
      'thermal-57x32-203', 'thermal-50x25-203', 'thermal-62x29-203', 'thermal-70x30-203',
      'thermal-57x32-300', 'thermal-50x25-300', 'thermal-62x29-300', 'thermal-70x30-300',
    ]);
    expect(profiles.find((profile) => profile.id === 'a4-4x10')).toMatchObject({ printer: 'sheet', labelWidthMm: 48.5, labelHeightMm: 25.4, columns: 4, rows: 10, pageWidthMm: 210, pageHeightMm: 297 });
    expect(profiles.find((profile) => profile.id === 'thermal-62x29-300')).toMatchObject({ printer: 'thermal', dpi: 300, labelWidthMm: 62, labelHeightMm: 29, pageWidthMm: 62, pageHeightMm: 29 });
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await t.http.get('/api/label-profiles').set(await t.auth(role))).status, role).toBe(403);
    }
  });

  it('prints every profile, Code 128 and QR, that a decoder reads exactly as the asset tags, at the profile’s page size', async () => {
    for (const profile of profiles) {
      for (const symbology of ['code128', 'qrcode'] as const) {
        const devices = await createDevices(3, symbology === 'qrcode' ? 'smartphone' : 'laptop');
        const pdf = await fetchPdf({ ids: devices.map((device) => device.id).join(','), profile: profile.id, symbology });
        const name = `${profile.id}-${symbology}`;
        const pages = decodePdf(pdf, profile.dpi, name);
        const info = pdfInfo(path.join(scratch, name, 'labels.pdf'));
        expect(info.widthMm, name).toBeCloseTo(profile.pageWidthMm, 0);
        expect(info.heightMm, name).toBeCloseTo(profile.pageHeightMm, 0);
        // the tag in letters is what a person reads when no scanner is at hand: never cut (on A4
        // sheets bwip-js draws it under the bars as shapes, which no text extraction reads)
        if (profile.printer === 'thermal') {
          const text = pdfToText(pdf);
          for (const device of devices) expect(text, `${name}: the tag in letters`).toContain(device.assetTag);
        }
        // beside a QR code, type, brand and model over two lines, not cut after the brand
        if (symbology === 'qrcode') {
          const text = pdfToText(pdf).replace(/\s+/g, ' ');
          devices.forEach((_, index) => expect(text, `${name}: the model`).toContain(`Latitude ${5400 + index}`));
        }
        const prefix = symbology === 'qrcode' ? 'QR-Code' : 'CODE-128';
        const expected = devices.map((device) => `${prefix}:${device.assetTag}`).sort();
        if (profile.printer === 'thermal') {
          expect(info.pages, name).toBe(3);
          expect(pages.flat().sort(), name).toEqual(expected);
          pages.forEach((page) => expect(page, name).toHaveLength(1));
        } else {
          expect(info.pages, name).toBe(1);
          expect(pages[0], name).toEqual(expected);
        }
      }
    }
  }, 180_000); // 22 profiles rendered with pdftoppm and decoded with zbarimg

  it('leaves the first N positions of a part-used A4 sheet empty and goes on to the next sheet', async () => {
    const devices = await createDevices(3);
    const ids = devices.map((device) => device.id).join(',');
    // 4 × 10: starting at position 38, two labels end the first sheet, the third begins the next one
    const pdf = await fetchPdf({ ids, profile: 'a4-4x10', start: 38 });
    const pages = decodePdf(pdf, 300, 'start-38');
    expect(pages).toEqual([[`CODE-128:${devices[0].assetTag}`, `CODE-128:${devices[1].assetTag}`].sort(), [`CODE-128:${devices[2].assetTag}`]]);
    // position 7 of a 3 × 8 sheet is the first cell of the third row: the top of the page stays white
    const sheet = await fetchPdf({ ids: String(devices[0].id), profile: 'a4-3x8', start: 6 });
    const folder = path.join(scratch, 'start-6');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'labels.pdf'), sheet);
    execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', '-x', '0', '-y', '0', '-W', '827', '-H', '291', path.join(folder, 'labels.pdf'), path.join(folder, 'top')]);
    expect(decode([path.join(folder, readdirSync(folder).find((file) => file.endsWith('.png'))!)])).toEqual([]);
    expect(decodePdf(sheet, 300, 'start-6-whole')).toEqual([[`CODE-128:${devices[0].assetTag}`]]);
  });

  it('remembers the profile each user last printed with', async () => {
    const [device] = await createDevices(1);
    await fetchPdf({ ids: String(device.id), profile: 'thermal-57x32-203' });
    expect((await t.http.get('/api/label-profiles').set(await t.auth('it_staff'))).body.current).toBe('thermal-57x32-203');
    expect((await t.http.get('/api/label-profiles').set(await t.auth('admin'))).body.current).toBe('a4-3x8');
    const again = await fetchPdf({ ids: String(device.id) });
    writeFileSync(path.join(scratch, 'remembered.pdf'), again);
    expect(pdfInfo(path.join(scratch, 'remembered.pdf'))).toMatchObject({ pages: 1 });
    expect(pdfInfo(path.join(scratch, 'remembered.pdf')).widthMm).toBeCloseTo(57, 0);
  });

  it('refuses an unknown profile or symbology, start on a roll or beyond the sheet', async () => {
    const [device] = await createDevices(1);
    const auth = await t.auth('it_staff');
    const pdf = (query: Record<string, string | number>) => t.http.get('/api/labels.pdf').query({ ids: device.id, ...query }).set(auth);
    expect((await pdf({ profile: 'a4-9x9' })).status).toBe(400);
    expect((await pdf({ symbology: 'aztec' })).status).toBe(400);
    expect((await pdf({ start: -1 })).status).toBe(400);
    const onRoll = await pdf({ profile: 'thermal-50x25-300', start: 2 });
    expect(onRoll.status).toBe(400);
    expect(onRoll.body.error.message).toMatch(/planches A4/);
    const beyond = await pdf({ profile: 'a4-2x7', start: 14 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.message).toMatch(/14 positions : start va de 0 à 13/);
  });
});

/** A symbol's box in a label's bitmap, in pixels (right and bottom excluded), and its module. */
interface SymbolBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  module: number;
}

const isInk = (image: GreyImage, x: number, y: number) => image.pixels[y * image.width + x] < 128;

function crop(image: GreyImage, x: number, y: number, width: number, height: number): GreyImage {
  const pixels = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) pixels.set(image.pixels.subarray((y + row) * image.width + x, (y + row) * image.width + x + width), row * width);
  return { width, height, pixels };
}

const code128 = (tag: string) => (bwipjs.raw('code128', tag, '') as unknown as { sbs: number[] }[])[0].sbs;
const code128Modules = (tag: string) => code128(tag).reduce((sum, value) => sum + value, 0);
const qrSize = (tag: string) => (bwipjs.raw('qrcode', tag, '') as unknown as { pixx: number }[])[0].pixx;

/** The bars of the Code 128 of `tag`: on the first row that crosses as many runs of ink as it has bars, from its first ink to its last. */
function findCode128(label: GreyImage, tag: string): SymbolBox {
  const barsAndSpaces = code128(tag);
  const bars = Math.ceil(barsAndSpaces.length / 2);
  const modules = code128Modules(tag);
  const best = { y: -1 };
  for (let y = 0; y < label.height && best.y < 0; y++) {
    let runs = 0;
    for (let x = 0; x < label.width; x++) if (isInk(label, x, y) && (x === 0 || !isInk(label, x - 1, y))) runs++;
    if (runs === bars) best.y = y;
  }
  expect(best.y, `no row crosses the ${bars} bars of ${tag}`).toBeGreaterThanOrEqual(0);
  let left = 0;
  while (!isInk(label, left, best.y)) left++;
  let right = label.width;
  while (!isInk(label, right - 1, best.y)) right--;
  const module = (right - left) / modules;
  // every start character begins with a bar 2 modules wide: its middle runs the bars' whole height
  const column = Math.floor(left + module);
  let top = best.y;
  while (top > 0 && isInk(label, column, top - 1)) top--;
  let bottom = best.y;
  while (bottom < label.height && isInk(label, column, bottom)) bottom++;
  return { left, right, top, bottom, module };
}

/** A QR code of `size` modules, the leftmost ink of the label (the text is on its right): its top-left finder pattern gives the module. */
function findQr(label: GreyImage, size: number): SymbolBox {
  let left = label.width;
  let top = 0;
  for (let y = 0; y < label.height; y++) {
    for (let x = 0; x < left; x++) {
      if (isInk(label, x, y)) {
        left = x;
        break;
      }
    }
  }
  while (!isInk(label, left + 1, top)) top++;
  let run = 0;
  while (isInk(label, left + run, top + 1)) run++;
  const module = run / 7;
  return { left, right: left + size * module, top, bottom: top + size * module, module };
}

/**
 * The quiet zone's shortfall: pixels of ink within `modules` modules of the symbol (across for a
 * Code 128, all round for a QR code; the pixel next to the symbol left to anti-aliasing), plus
 * those of the zone that fall off the label. 0 when the quiet zone is whole and on the label.
 */
function quietZoneShortfall(label: GreyImage, box: SymbolBox, modules: number, allRound: boolean): number {
  const zone = Math.ceil(modules * box.module);
  const vertical = allRound ? zone : 0;
  let shortfall = 0;
  for (let y = Math.floor(box.top) - vertical; y < Math.ceil(box.bottom) + vertical; y++) {
    for (let x = Math.floor(box.left) - zone; x < Math.ceil(box.right) + zone; x++) {
      const nearSymbol = x >= box.left - 1 && x <= box.right && y >= box.top - 1 && y <= box.bottom;
      if (nearSymbol) continue;
      if (x < 0 || y < 0 || x >= label.width || y >= label.height || isInk(label, x, y)) shortfall++;
    }
  }
  return shortfall;
}

/** Where a ZPL label puts its symbol: the ^BC field's origin and ^BY module, or the ^GF bitmap's origin and module. */
function zplSymbol(label: string, symbology: 'code128' | 'qrcode', tag: string): { left: number; top: number; module: number } {
  if (symbology === 'code128') {
    const [, x, y, module] = /\^FO(\d+),(\d+)\^BY(\d+)\^BC/.exec(label)!;
    return { left: Number(x), top: Number(y), module: Number(module) };
  }
  const [, x, y, total, bytesPerRow] = /\^FO(\d+),(\d+)\^GFA,(\d+),\d+,(\d+),/.exec(label)!;
  return { left: Number(x), top: Number(y), module: Number(total) / Number(bytesPerRow) / qrSize(tag) };
}

/** The PDF's pages in grey at `dpi` (PGM), as pdftoppm draws them. */
function renderPages(pdf: Buffer, dpi: number, name: string): GreyImage[] {
  const folder = path.join(scratch, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'labels.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', path.join(folder, 'labels.pdf'), path.join(folder, 'page')]);
  return readdirSync(folder).filter((file) => file.endsWith('.pgm')).sort().map((file) => readPgm(readFileSync(path.join(folder, file))));
}

/** The labels of a rendered page: the page itself on a roll, the first `count` cells of a sheet. */
function labelsOf(pages: GreyImage[], profile: Profile, count: number): GreyImage[] {
  if (profile.printer === 'thermal') return pages;
  const sheet = findLabelProfile(profile.id) as SheetProfile;
  const px = (mm: number) => Math.round((mm * profile.dpi) / 25.4);
  return Array.from({ length: count }, (_, slot) => crop(pages[0], px(sheet.marginLeftMm + (slot % sheet.columns) * sheet.pitchXMm), px(sheet.marginTopMm + Math.floor(slot / sheet.columns) * sheet.pitchYMm), px(sheet.labelWidthMm), px(sheet.labelHeightMm)));
}

describe('quiet zones and module widths', () => {
  it('leaves every symbol of every profile its quiet zone on the label: 10 modules each side of a Code 128, 4 all round a QR code', async () => {
    for (const profile of profiles) {
      for (const symbology of ['code128', 'qrcode'] as const) {
        const devices = await createDevices(2, symbology === 'qrcode' ? 'smartphone' : 'laptop');
        const pdf = await fetchPdf({ ids: devices.map((device) => device.id).join(','), profile: profile.id, symbology });
        const name = `quiet-${profile.id}-${symbology}`;
        // a Zebra prints the same symbols: the ZPL's code where the PDF's is, with its module in dots
        const zpl = profile.printer === 'thermal' ? zplLabels((await t.http.get('/api/labels.zpl').query({ ids: devices.map((device) => device.id).join(','), profile: profile.id, symbology }).set(await t.auth('it_staff'))).text) : [];
        // soft: a wrong layout is reported for every profile, not only the first
        labelsOf(renderPages(pdf, profile.dpi, name), profile, devices.length).forEach((label, index) => {
          const tag = devices[index].assetTag;
          const box = symbology === 'code128' ? findCode128(label, tag) : findQr(label, qrSize(tag));
          const quiet = symbology === 'code128' ? 10 : 4;
          expect.soft(quietZoneShortfall(label, box, quiet, symbology === 'qrcode'), `${name} ${tag}: ink or label edge within ${quiet} modules of ${JSON.stringify(box)}`).toBe(0);
          if (profile.printer === 'thermal') {
            // on the head's dots: a whole number of dots per module, the widest that fits with the quiet zones
            expect.soft(box.module, name).toBe(Math.round(box.module));
            const across = symbology === 'code128' ? { length: code128Modules(tag), room: label.width } : { length: qrSize(tag), room: label.height };
            expect.soft((across.length + 2 * quiet) * (box.module + 1), `${name}: a wider module would fit`).toBeGreaterThan(across.room);
            expect.soft(zplSymbol(zpl[index], symbology, tag), `${name}: the ZPL's symbol`).toEqual({ left: box.left, top: box.top, module: box.module });
            if (symbology === 'qrcode') {
              const textLeft = Math.min(...[...zpl[index].matchAll(/\^FO(\d+),\d+\^A0N/g)].map((field) => Number(field[1])));
              expect.soft(textLeft, `${name}: the ZPL's text after the quiet zone`).toBeGreaterThanOrEqual(box.right + quiet * box.module);
            }
          }
        });
      }
    }
  }, 180_000);
});

describe('as a phone sees them', () => {
  /**
   * The phone where a 57 × 32 mm label fills 40 % and 30 % of a 1280 × 720 frame's width (farther
   * than the camera test's 50 %), every roll size seen from there (8.98 and 6.74 pixels per mm),
   * turned 3°, blurred, greyed and noisy as in tests/helpers/phone-camera.ts, read by zbarimg.
   * At 30 % a module needs 0.3 mm (2 pixels) to be read: Code 128's bars of 0.25 mm (2 dots at
   * 203 dpi, 3 at 300, all the width of these rolls allows with its quiet zones) are read from
   * 40 %, and from 30 % only where the roll is wide enough for wider bars (70 mm at 300 dpi).
   */
  it('reads every thermal label, Code 128 and QR code, from a phone at 40 %, and from 30 % every module of 0.3 mm or more', async () => {
    const failures: string[] = [];
    let farCode128 = 0;
    for (const profile of profiles.filter((candidate) => candidate.printer === 'thermal')) {
      for (const symbology of ['code128', 'qrcode'] as const) {
        const [device] = await createDevices(1, symbology === 'qrcode' ? 'smartphone' : 'laptop');
        const pdf = await fetchPdf({ ids: String(device.id), profile: profile.id, symbology });
        const name = `phone-${profile.id}-${symbology}`;
        const [printed] = renderPages(pdf, profile.dpi, name);
        const box = symbology === 'code128' ? findCode128(printed, device.assetTag) : findQr(printed, qrSize(device.assetTag));
        const moduleMm = (box.module * 25.4) / profile.dpi;
        for (const share of [0.4, 0.3]) {
          if (share === 0.3 && moduleMm < 0.3) continue;
          if (share === 0.3 && symbology === 'code128') farCode128++;
          const picture = path.join(scratch, name, `frame-${share}.pgm`);
          writeFileSync(picture, pgm(phoneFrameAsRendered(renderPdfPage(path.join(scratch, name, 'labels.pdf'), frameDpi(share)))));
          const expected = `${symbology === 'qrcode' ? 'QR-Code' : 'CODE-128'}:${device.assetTag}`;
          const read = decode([picture]);
          if (read.join() !== expected) failures.push(`${profile.id} ${symbology} (module ${moduleMm.toFixed(3)} mm) at ${share}: ${read.join() || 'nothing'}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(farCode128, 'the 70 mm roll at 300 dpi: Code 128 modules of 4 dots').toBe(1);
  }, 180_000);
});

/** The ZPL's labels, each `^XA … ^XZ`. */
const zplLabels = (zpl: string) => zpl.match(/\^XA[\s\S]*?\^XZ/g) ?? [];

/** A ^GFA graphic field (hex, one bit per dot) as a PBM image that zbarimg reads. */
function graphicFieldToPbm(field: string): Buffer {
  const [, total, , bytesPerRow, hex] = /\^GFA,(\d+),(\d+),(\d+),([0-9A-F]+)/.exec(field)!;
  expect(hex.length / 2).toBe(Number(total));
  const rows = Number(total) / Number(bytesPerRow);
  const quiet = 8; // bytes of white around, as the label gives
  const width = Number(bytesPerRow) + 2 * quiet;
  const bitmap = Buffer.alloc(width * (rows + 16 * 8));
  const data = Buffer.from(hex, 'hex');
  for (let row = 0; row < rows; row++) data.copy(bitmap, (row + 64) * width + quiet, row * Number(bytesPerRow), (row + 1) * Number(bytesPerRow));
  return Buffer.concat([Buffer.from(`P4\n${width * 8} ${rows + 128}\n`), bitmap]);
}

describe('ZPL for Zebra printers', () => {
  it('writes one ^XA…^XZ per label with a Code 128 field of the asset tag that decodes once drawn at the printer’s dots', async () => {
    for (const profile of profiles.filter((candidate) => candidate.printer === 'thermal')) {
      const devices = await createDevices(2);
      const response = await t.http.get('/api/labels.zpl').query({ ids: devices.map((device) => device.id).join(','), profile: profile.id }).set(await t.auth('it_staff'));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/zpl/);
      const labels = zplLabels(response.text);
      expect(labels, profile.id).toHaveLength(2);
      expect(response.text.match(/\^XA/g)).toHaveLength(2);
      const checks: { tag: string; module: number; barHeight: number; file: string }[] = [];
      labels.forEach((label, index) => {
        const widthDots = Number(/\^PW(\d+)/.exec(label)![1]);
        expect(widthDots).toBe(Math.round((profile.pageWidthMm * profile.dpi) / 25.4));
        expect(Number(/\^LL(\d+)/.exec(label)![1])).toBe(Math.round((profile.pageHeightMm * profile.dpi) / 25.4));
        const [, x, , module, barHeight, tag] = /\^FO(\d+),(\d+)\^BY(\d+)\^BCN,(\d+),Y,N,N,A\^FD([^^]+)\^FS/.exec(label)!;
        expect(tag).toBe(devices[index].assetTag);
        expect(label).toContain('^FDPropriété du Département du Nord^FS');
        // the bars fit the label, each at least 0.19 mm wide (what handheld scanners read)
        const modules = (bwipjs.raw('code128', tag, '') as unknown as { sbs: number[] }[])[0].sbs.reduce((sum, value) => sum + value, 0);
        expect(Number(x) + modules * Number(module), profile.id).toBeLessThanOrEqual(widthDots);
        expect(Number(module) * 25.4 / profile.dpi, profile.id).toBeGreaterThanOrEqual(0.19);
        checks.push({ tag, module: Number(module), barHeight: Number(barHeight), file: path.join(scratch, `zpl-${profile.id}-${index}.png`) });
      });
      // the bitmap the printer draws: Code 128 of that text, that module width and bar height in dots
      for (const check of checks) {
        const png = await bwipjs.toBuffer({ bcid: 'code128', text: check.tag, scale: check.module, height: (check.barHeight / check.module) * (25.4 / 72), paddingwidth: 10, paddingheight: 4, backgroundcolor: 'FFFFFF' });
        writeFileSync(check.file, png);
      }
      expect(decode(checks.map((check) => check.file)), profile.id).toEqual(checks.map((check) => `CODE-128:${check.tag}`));
    }
  });

  it('draws a QR code as a ^GF graphic field, the very bitmap of the PDF, that decodes as the tag', async () => {
    const devices = await createDevices(2, 'smartphone');
    const response = await t.http.get('/api/labels.zpl').query({ ids: devices.map((device) => device.id).join(','), profile: 'thermal-50x25-203', symbology: 'qrcode' }).set(await t.auth('it_staff'));
    expect(response.status).toBe(200);
    const labels = zplLabels(response.text);
    expect(labels).toHaveLength(2);
    const files = labels.map((label, index) => {
      expect(label).not.toContain('^BC');
      expect(label).toContain(`^FD${devices[index].assetTag}^FS`);
      const file = path.join(scratch, `zpl-qr-${index}.pbm`);
      writeFileSync(file, graphicFieldToPbm(label));
      return file;
    });
    expect(decode(files)).toEqual(devices.map((device) => `QR-Code:${device.assetTag}`));
  });

  it('refuses a sheet profile, start, and roles without label rights', async () => {
    const [device] = await createDevices(1);
    const zpl = (query: Record<string, string | number>) => t.http.get('/api/labels.zpl').query({ ids: device.id, ...query });
    const auth = await t.auth('it_staff');
    const onSheet = await zpl({ profile: 'a4-3x8' }).set(auth);
    expect(onSheet.status).toBe(400);
    expect(onSheet.body.error.message).toMatch(/Zebra/);
    expect((await zpl({ profile: 'thermal-57x32-203', start: 3 }).set(auth)).status).toBe(400);
    expect((await zpl({ profile: 'thermal-57x32-203', ids: '999999' }).set(auth)).status).toBe(400);
    for (const role of ['partner', 'social_worker', 'viewer'] as const) {
      expect((await zpl({ profile: 'thermal-57x32-203' }).set(await t.auth(role))).status, role).toBe(403);
    }
  });
});
