import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { describeDevice, type LabelDevice } from './device-names.js';
import type { SheetProfile, Symbology } from './label-profiles.js';
import { codeRectangles, drawTextLine, layoutThermalLabel, OWNER_LINE } from './label-thermal.js';

/** The size of the single label drawn as SVG (the cell of the A4 sheet of 3 × 8). */
export const LABEL_SHEET = { widthMm: 70, heightMm: 37 };

/**
 * bwip-js's Code 128 with the tag under the bars; `paddingwidth` (in modules at any scale) is its
 * quiet zone of 10 modules on each side (ISO/IEC 15417), so that fitting the drawing into a label
 * keeps it whatever the tag's length.
 */
export const BARCODE_OPTIONS = { bcid: 'code128', includetext: true, textxalign: 'center', height: 12, textsize: 11, paddingwidth: 10 } as const;

function barcodeSvg(assetTag: string): string {
  return bwipjs.toSVG({ ...BARCODE_OPTIONS, text: assetTag });
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** One label at true size (70 × 37 mm): owner line, Code 128 with its text, type and model. */
export function labelSvg(device: LabelDevice): string {
  const barcode = barcodeSvg(device.assetTag);
  const viewBox = /viewBox="([^"]+)"/.exec(barcode)?.[1] ?? '0 0 100 30';
  const inner = barcode.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const { widthMm: w, heightMm: h } = LABEL_SHEET;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}" role="img" aria-label="Étiquette ${escapeXml(device.assetTag)}">
<rect width="${w}" height="${h}" fill="#ffffff"/>
<text x="${w / 2}" y="5" font-family="Helvetica, Arial, sans-serif" font-size="2.8" font-weight="bold" text-anchor="middle">${escapeXml(OWNER_LINE)}</text>
<svg x="1.5" y="7" width="${w - 3}" height="21" viewBox="${viewBox}" preserveAspectRatio="xMidYMid meet">${inner}</svg>
<text x="${w / 2}" y="33" font-family="Helvetica, Arial, sans-serif" font-size="2.8" text-anchor="middle">${escapeXml(truncate(describeDevice(device), 48))}</text>
</svg>`;
}

/** PNG of the barcode and its text, at 300 dpi-class resolution, for label-printer software. */
export function labelPng(device: LabelDevice): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: device.assetTag,
    includetext: true,
    textxalign: 'center',
    scale: 4,
    height: 12,
    paddingwidth: 10,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  });
}

const MM = 72 / 25.4;

type Segment = { type: 'M' | 'L'; x: number; y: number } | { type: 'Q'; x: number; y: number; cx: number; cy: number } | { type: 'C'; x: number; y: number; cx1: number; cy1: number; cx2: number; cy2: number };

/** What we use of PDFKit's object layer to place one drawing many times (as its images do). */
interface PdfInternals {
  ref(data: Record<string, unknown>): { end(chunk: string): void };
  addContent(data: string): void;
  page: { xobjects: Record<string, unknown> };
}

const decimal = (value: number) => (Math.round(value * 1000) / 1000).toString();

/** The PDF path of one glyph outline, in its own coordinates (y down, baseline at 0); quadratic curves become cubic. */
function glyphContent(segments: Segment[]): { content: string; box: [number, number, number, number] } {
  const ops: string[] = [];
  let minX = 0, minY = 0, maxX = 0, maxY = 0;
  const point = (x: number, y: number) => {
    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
    return `${decimal(x)} ${decimal(y)}`;
  };
  let cx = 0, cy = 0;
  for (const segment of segments) {
    const x = segment.x, y = -segment.y;
    if (segment.type === 'M') ops.push(`${point(x, y)} m`);
    else if (segment.type === 'L') ops.push(`${point(x, y)} l`);
    else if (segment.type === 'Q') {
      const qx = segment.cx, qy = -segment.cy;
      ops.push(`${point(cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy))} ${point(x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y))} ${point(x, y)} c`);
    } else if (segment.type === 'C') ops.push(`${point(segment.cx1, -segment.cy1)} ${point(segment.cx2, -segment.cy2)} ${point(x, y)} c`);
    cx = x;
    cy = y;
  }
  if (ops.length) ops.push('h f');
  return { content: ops.join('\n'), box: [Math.floor(minX) - 1, Math.floor(minY) - 1, Math.ceil(maxX) + 1, Math.ceil(maxY) + 1] };
}

/**
 * bwip-js's OCR-B glyphs (the text under the bars), each written once per document as a form
 * XObject and then placed wherever it is needed: a sheet of 1,000 labels uses a dozen characters
 * 13,000 times, and drawing each outline again was most of the PDF's cost.
 */
const documentGlyphs = new WeakMap<PDFKit.PDFDocument, Map<string, { name: string; ref: unknown; advance: number; empty: boolean }>>();

function placeGlyph(doc: PDFKit.PDFDocument, fontId: number, code: number, width: number, height: number, x: number, y: number): number {
  let glyphs = documentGlyphs.get(doc);
  if (!glyphs) documentGlyphs.set(doc, (glyphs = new Map()));
  const key = `${fontId}:${code}:${width}:${height}`;
  let glyph = glyphs.get(key);
  const pdf = doc as unknown as PdfInternals;
  if (!glyph) {
    const segments = (bwipjs.FontLib.getpaths(fontId, code, width, height) ?? []) as Segment[];
    const { content, box } = glyphContent(segments);
    const ref = pdf.ref({ Type: 'XObject', Subtype: 'Form', BBox: box });
    ref.end(content);
    glyph = { name: `Gl${glyphs.size + 1}`, ref, advance: bwipjs.FontLib.getglyph(fontId, code, width, height)?.advance ?? 0, empty: segments.length === 0 };
    glyphs.set(key, glyph);
  }
  if (!glyph.empty) {
    pdf.page.xobjects[glyph.name] ??= glyph.ref;
    pdf.addContent(`q 1 0 0 1 ${decimal(x)} ${decimal(y)} cm /${glyph.name} Do Q`);
  }
  return glyph.advance;
}

/**
 * A bwip-js drawing context that draws straight into the PDF, fitted and centred in the box:
 * the same bars (stroked lines, with bwip-js's SVG pixel adjustments) and the same text outlines
 * as its SVG output, without writing an SVG string and parsing it back (3× the cost of encoding).
 * Longer than 80 lines on purpose: it is the drawing interface bwip-js defines, one method each.
 */
function pdfDrawing(doc: PDFKit.PDFDocument, box: { x: number; y: number; width: number; height: number }): bwipjs.DrawingContext<void> {
  let options: Record<string, number> = {};
  let scaleX = 1;
  let scaleY = 1;
  let dx = 0;
  let dy = 0;
  const lines = new Map<string, number[]>();
  const translate = (x: number, y: number): [number, number] => [x + dx, y + dy];
  return {
    setopts(opts) {
      options = opts as unknown as Record<string, number>;
    },
    scale(sx, sy) {
      scaleX = sx;
      scaleY = sy;
      return [sx, sy];
    },
    measure(text, font, fontWidth, fontHeight) {
      const fontId = bwipjs.FontLib.lookup(font);
      let width = 0;
      let ascent = 0;
      let descent = 0;
      for (let index = 0; index < text.length; index++) {
        const metrics = bwipjs.FontLib.getglyph(fontId, text.charCodeAt(index), fontWidth | 0, fontHeight | 0);
        if (!metrics) continue;
        ascent = Math.max(ascent, metrics.top);
        descent = Math.max(descent, metrics.height - metrics.top);
        width += index === text.length - 1 ? metrics.left + metrics.width : metrics.advance;
      }
      return { width, ascent, descent };
    },
    init(width, height) {
      dx = options.paddingleft ?? 0;
      dy = options.paddingtop ?? 0;
      const viewWidth = width + dx + (options.paddingright ?? 0);
      const viewHeight = height + dy + (options.paddingbottom ?? 0);
      const scale = Math.min(box.width / viewWidth, box.height / viewHeight);
      doc.save();
      doc.translate(box.x + (box.width - viewWidth * scale) / 2, box.y + (box.height - viewHeight * scale) / 2).scale(scale);
    },
    line(x0, y0, x1, y1, lineWidth, rgb) {
      x0 |= 0;
      y0 |= 0;
      x1 |= 0;
      y1 |= 0;
      const width = Math.round(lineWidth) || 1;
      if (width & 1) {
        if (x0 === x1) {
          x0 += scaleX & 1 ? -0.5 : 0.5;
          x1 = x0;
        }
        if (y0 === y1) {
          y0 += scaleY & 1 ? -0.5 : 0.5;
          y1 = y0;
        }
      }
      if (x0 === x1) y0++;
      else if (y0 === y1) x0++;
      const key = `${width}#${rgb}`;
      if (!lines.has(key)) lines.set(key, []);
      lines.get(key)!.push(...translate(x0, y0), ...translate(x1, y1));
    },
    polygon(points) {
      doc.moveTo(...translate(points[0][0], points[0][1]));
      for (const [x, y] of points.slice(1)) doc.lineTo(...translate(x, y));
      doc.closePath();
    },
    hexagon(points) {
      this.polygon(points);
    },
    ellipse(x, y, rx, ry) {
      doc.ellipse(...translate(x, y), rx, ry);
    },
    fill(rgb) {
      doc.fillColor(`#${rgb}`).fill('even-odd');
    },
    text(x, y, text, rgb, font) {
      x |= 0;
      y |= 0;
      const fontId = bwipjs.FontLib.lookup(font.name);
      doc.fillColor(`#${rgb}`);
      for (let index = 0; index < text.length; index++) {
        const [px, py] = translate(x, y);
        x += placeGlyph(doc, fontId, text.charCodeAt(index), font.width | 0, font.height | 0, px, py) + (font.dx | 0);
      }
    },
    end() {
      for (const [key, points] of lines) {
        const [width, rgb] = key.split('#');
        for (let index = 0; index < points.length; index += 4) doc.moveTo(points[index], points[index + 1]).lineTo(points[index + 2], points[index + 3]);
        doc.lineWidth(Number(width)).strokeColor(`#${rgb}`).stroke();
      }
      doc.restore();
    },
  } as bwipjs.DrawingContext<void>;
}

/** Draws the label's Code 128 (bars and human-readable text) as vectors into the PDF. */
function drawBarcode(doc: PDFKit.PDFDocument, assetTag: string, x: number, y: number, width: number, height: number): void {
  bwipjs.render({ ...BARCODE_OPTIONS, text: assetTag }, pdfDrawing(doc, { x, y, width, height }));
}

/** One label of a sheet with a Code 128: owner line, bars with the tag, type and model (positions in proportion to the cell). */
function drawSheetCode128(doc: PDFKit.PDFDocument, device: LabelDevice, x: number, y: number, profile: SheetProfile): void {
  const w = profile.labelWidthMm * MM;
  const h = profile.labelHeightMm * MM;
  const fontSize = Math.min(8, profile.labelHeightMm * 0.22);
  // the drawing carries its quiet zones: 1.5 mm more on each side for the sheet's misregistration
  const side = 1.5 * MM;
  doc.font('Helvetica-Bold').fontSize(fontSize).fillColor('#000000');
  doc.text(OWNER_LINE, x, y + h * 0.08, { width: w, align: 'center', lineBreak: false });
  drawBarcode(doc, device.assetTag, x + side, y + h * 0.19, w - 2 * side, h * 0.57);
  doc.font('Helvetica').fontSize(fontSize);
  doc.text(truncate(describeDevice(device), Math.floor(profile.labelWidthMm / 1.45)), x + 2 * MM, y + h * 0.81, { width: w - 4 * MM, align: 'center', lineBreak: false });
}

/** One label of a sheet with a 2D code: the thermal layout on the 300 dpi grid of an office printer, placed in the cell. */
function drawSheetMatrix(doc: PDFKit.PDFDocument, device: LabelDevice, x: number, y: number, profile: SheetProfile, symbology: Symbology): void {
  const cell = { id: profile.id, name: profile.name, printer: 'thermal' as const, dpi: 300 as const, labelWidthMm: profile.labelWidthMm, labelHeightMm: profile.labelHeightMm };
  const label = layoutThermalLabel(cell, device, symbology);
  const point = 72 / cell.dpi;
  const originX = Math.round(x / point) * point;
  const originY = Math.round(y / point) * point;
  for (const rectangle of codeRectangles(label)) doc.rect(originX + rectangle.x * point, originY + rectangle.y * point, rectangle.width * point, rectangle.height * point);
  doc.fillColor('#000000').fill();
  for (const line of label.lines) drawTextLine(doc, line, point, originX, originY, 'left');
}

/**
 * A4 sheets of labels at true size, in the order given, the first `start` positions of the first
 * sheet left empty (a part-used sheet). Streams the PDF: a thousand labels do not sit in memory twice.
 */
export function labelsPdf(devices: LabelDevice[], profile: SheetProfile, options: { start?: number; symbology?: Symbology } = {}): PDFKit.PDFDocument {
  const { start = 0, symbology = 'code128' } = options;
  const perSheet = profile.columns * profile.rows;
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Étiquettes Réemploi', Author: 'Réemploi' } });
  devices.forEach((device, index) => {
    const position = index + start;
    const slot = position % perSheet;
    if (slot === 0 || index === 0) doc.addPage();
    const x = (profile.marginLeftMm + (slot % profile.columns) * profile.pitchXMm) * MM;
    const y = (profile.marginTopMm + Math.floor(slot / profile.columns) * profile.pitchYMm) * MM;
    if (symbology === 'code128') drawSheetCode128(doc, device, x, y, profile);
    else drawSheetMatrix(doc, device, x, y, profile, symbology);
  });
  if (devices.length === 0) doc.addPage();
  doc.end();
  return doc;
}
