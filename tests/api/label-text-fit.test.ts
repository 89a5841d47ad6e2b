import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryParser, createTestApp, type TestApp } from '../helpers/app.js';
import { pdfToText } from '../helpers/pdftotext.js';

/**
 * The text lines of a thermal label as the Zebra prints them (ZPL) and as the PDF draws them: a
 * ZPL field block of one line does not shrink a text too wide for it (the overflow is printed over
 * the line), so each line's letters and text are chosen once, and both outputs print that choice.
 * No ZPL renderer here: the ZPL's commands are read and its width bounded with Helvetica Bold's
 * widths at an em of the ^A height (font 0, CG Triumvirate Bold Condensed, is narrower).
 */
let wide: TestApp;
let plain: TestApp;
beforeAll(async () => {
  // the longest tag the configuration allows, in the widest capital
  wide = await createTestApp({ ASSET_TAG_PREFIX: 'WWWWWWWW', ASSET_TAG_DIGITS: '10' });
  plain = await createTestApp();
});
afterAll(async () => {
  await wide?.close();
  await plain?.close();
});

const THERMAL = ['57x32', '50x25', '62x29', '70x30'].flatMap((size) => [203, 300].map((dpi) => ({ id: `thermal-${size}-${dpi}`, dpi })));
const SYMBOLOGIES = ['code128', 'qrcode'] as const;

const WIDE_DEVICE = { type: 'laptop', brand: 'MMMMMMMMMMMM', model: 'WMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWM', originSite: 'Dépôt DSI — Lille' };
const SHORT_DEVICE = { type: 'laptop', brand: 'HP', model: 'X1', originSite: 'Dépôt DSI — Lille' };

async function createDevice(app: TestApp, fields: Record<string, string>): Promise<{ id: number; assetTag: string }> {
  const response = await app.http.post('/api/devices').set(await app.auth('it_staff')).send(fields);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function fetchLabels(app: TestApp, format: 'pdf' | 'zpl', ids: number[], profile: string, symbology: string): Promise<Buffer> {
  const response = await app.http.get(`/api/labels.${format}`).query({ ids: ids.join(','), profile, symbology }).set(await app.auth('it_staff')).buffer(true).parse(binaryParser);
  expect(response.status, response.body.toString().slice(0, 300)).toBe(200);
  return response.body;
}

interface ZplText {
  field: string;
  height: number;
  width: number;
  blockWidth: number;
  text: string;
}

/** The text fields of each ^XA…^XZ label: `^FOx,y^A0N,h,w^FBwidth,1,0,align^FDtext^FS`, `\\` read back as one backslash. */
function zplTexts(zpl: string): ZplText[][] {
  return (zpl.match(/\^XA[\s\S]*?\^XZ/g) ?? []).map((label) =>
    [...label.matchAll(/\^FO\d+,\d+\^A0N,(\d+),(\d+)\^FB(\d+),1,0,[CL]\^FD([^^]*)\^FS/g)].map(([field, height, width, blockWidth, text]) => ({
      field, height: Number(height), width: Number(width), blockWidth: Number(blockWidth), text: text.replace(/\\\\/g, '\\'),
    })),
  );
}

const metrics = new PDFDocument({ autoFirstPage: false });

/** At least the width font 0 prints `text` in at ^A0N,h,h: Helvetica Bold at an em of h dots. */
const boundedWidth = (text: string, height: number) => metrics.font('Helvetica-Bold').fontSize(height).widthOfString(text);

/** The sizes (points) of the PDF's text, page by page in drawing order: each `/Fn size Tf` of its content streams. */
function pdfFontSizes(pdf: Buffer): number[][] {
  const raw = pdf.toString('latin1');
  const pages: number[][] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      continue; // not deflated: no page of PDFKit's
    }
    const sizes = [...content.matchAll(/\/F\d+ ([\d.]+) Tf/g)].map((size) => Number(size[1]));
    if (sizes.length) pages.push(sizes);
  }
  return pages;
}

/** The PDF's text, page by page, as pdftotext reads it, its lines (which it may split where a word is far from the next) joined by a space. */
const pdfPages = (pdf: Buffer) => pdfToText(pdf).split('\f').slice(0, -1).map((page) => page.replace(/\s+/g, ' ').trim());

const nominal = (dpi: number) => ({ small: Math.round((2.2 * dpi) / 25.4), tag: Math.round((2.8 * dpi) / 25.4) });
/** 5 pt in the PDF, the smallest letters a label prints. */
const smallest = (dpi: number) => Math.ceil((5 * dpi) / 72 / 1.3);

describe('thermal labels’ text lines', () => {
  it('fits a long tag and model in wide letters in every ZPL field block, with the PDF’s text and letter height, on every roll', async () => {
    const device = await createDevice(wide, WIDE_DEVICE);
    expect(device.assetTag).toMatch(/^WWWWWWWW-\d{10}-\d$/);
    for (const { id, dpi } of THERMAL) {
      for (const symbology of SYMBOLOGIES) {
        const name = `${id} ${symbology}`;
        const [fields] = zplTexts((await fetchLabels(wide, 'zpl', [device.id], id, symbology)).toString());
        const pdf = await fetchLabels(wide, 'pdf', [device.id], id, symbology);
        const [sizes] = pdfFontSizes(pdf);
        const pages = pdfPages(pdf);
        // one page: a line that fits is never sent on to a second line (PDFKit's wrapper once did)
        expect(pages, name).toHaveLength(1);
        const [page] = pages;
        for (const field of fields) {
          expect.soft(field.width, `${name}: ${field.field}`).toBe(field.height);
          expect.soft(field.height, `${name}: ${field.field}, 5 pt at least`).toBeGreaterThanOrEqual(smallest(dpi));
          expect.soft(boundedWidth(field.text, field.height), `${name}: ${field.field} overflows its block`).toBeLessThanOrEqual(field.blockWidth);
        }
        // the PDF draws every line; the ZPL all but the Code 128's tag (second), which ^BC prints under its bars
        const drawn = symbology === 'code128' ? [0, 2] : sizes.map((_, index) => index);
        const texts = fields.map((field) => field.text);
        if (symbology === 'code128') {
          expect(page.startsWith(`${texts[0]} `) && page.endsWith(` ${texts[1]}`), `${name}: « ${page} » against ${JSON.stringify(texts)}`).toBe(true);
        } else {
          expect(page, name).toBe(texts.join(' '));
        }
        expect(fields.map((field) => field.height), `${name}: the PDF’s letters, 1.3 × the dots in points`).toEqual(drawn.map((index) => Math.round(sizes[index] / ((72 / dpi) * 1.3))));
        // not vacuous: the model was cut, every roll had to shrink something
        expect(fields.at(-1)!.text, name).toMatch(/…$/);
        expect(fields.some((field) => field.height < nominal(dpi).small), name).toBe(true);
      }
    }
  }, 60_000);

  it('keeps a short text as it was: whole, at the line’s full height', async () => {
    const device = await createDevice(plain, SHORT_DEVICE);
    for (const { id, dpi } of THERMAL) {
      const { small, tag } = nominal(dpi);
      for (const symbology of SYMBOLOGIES) {
        const name = `${id} ${symbology}`;
        const zpl = (await fetchLabels(plain, 'zpl', [device.id], id, symbology)).toString();
        const [fields] = zplTexts(zpl);
        const byText = (text: string) => fields.find((field) => field.text === text);
        expect(byText('Portable · HP · X1'), name).toMatchObject({ height: small, width: small });
        if (symbology === 'qrcode') {
          expect(byText('Propriété du'), name).toMatchObject({ height: small, width: small });
          // whole, and as tall as the line allows on every 203 dpi roll (Helvetica at 300 dpi is a hair too wide beside the code)
          expect(byText(device.assetTag)?.height, name).toBeLessThanOrEqual(tag);
          if (dpi === 203) expect(byText(device.assetTag), name).toMatchObject({ height: tag, width: tag });
        } else {
          expect(zpl, name).toContain(`^FD${device.assetTag}^FS`);
        }
        const [page] = pdfPages(await fetchLabels(plain, 'pdf', [device.id], id, symbology));
        expect(page, name).toContain('Portable · HP · X1');
        expect(page, name).toContain(device.assetTag);
      }
    }
  }, 60_000);

  it('writes a backslash of a model as `\\\\` in the field block, where `\\&` would start a line printed over the first', async () => {
    const device = await createDevice(plain, { ...SHORT_DEVICE, model: 'T\\&2' });
    const zpl = (await fetchLabels(plain, 'zpl', [device.id], 'thermal-70x30-300', 'code128')).toString();
    expect(zpl).toContain('^FDPortable · HP · T\\\\&2^FS');
    expect(pdfPages(await fetchLabels(plain, 'pdf', [device.id], 'thermal-70x30-300', 'code128'))[0]).toContain('Portable · HP · T\\&2');
  });
});
