import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import bwipjs from 'bwip-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { pdfToText } from '../helpers/pdftotext.js';

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
