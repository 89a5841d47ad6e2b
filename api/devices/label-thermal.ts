import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { describeDevice, type LabelDevice } from './device-names.js';
import type { Symbology, ThermalProfile } from './label-profiles.js';
import { fitTextLine, PDF_FONT_SCALE, type TextLine } from './label-text.js';

export const OWNER_LINE = 'Propriété du Département du Nord';

/**
 * One label laid out in the dots of the printer's head, so that every bar and every module of a
 * 2D code is a whole number of dots wide: a label scaled by a driver to fractional dots is the
 * unreadable label users complain of. The PDF and the ZPL of a thermal profile are drawn from it.
 */
export interface ThermalLabel {
  widthDots: number;
  heightDots: number;
  symbology: Symbology;
  assetTag: string;
  /** Dots per module (bar unit of the Code 128, square of the 2D code). */
  module: number;
  codeX: number;
  codeY: number;
  /** Code 128: the widths of bars and spaces, alternately, in modules. */
  barsAndSpaces: number[];
  barHeight: number;
  /** 2D codes: rows of dark (1) and light (0) modules. */
  matrix: number[][];
  lines: TextLine[];
}

/**
 * The light margin each symbology needs around it, in modules, inside the label: Code 128 10 on
 * each side (ISO/IEC 15417), QR code 4 all round (ISO/IEC 18004). A reader that finds a dark
 * edge there takes it for part of the symbol, and a camera held farther away needs it most.
 */
export const QUIET_ZONE_MODULES: Record<Symbology, number> = { code128: 10, qrcode: 4 };

export const dotsPerMm = (dpi: number) => dpi / 25.4;

function encodeMatrix(symbology: 'qrcode', text: string): number[][] {
  const [raw] = bwipjs.raw(symbology, text, '') as unknown as { pixs: number[]; pixx: number; pixy: number }[];
  return Array.from({ length: raw.pixy }, (_, row) => raw.pixs.slice(row * raw.pixx, (row + 1) * raw.pixx));
}

function encodeCode128(text: string): number[] {
  const [raw] = bwipjs.raw('code128', text, '') as unknown as { sbs: number[] }[];
  return raw.sbs;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** `text` on one line of `length` characters, or two cut between words (the second shortened if need be). */
function wrapInTwo(text: string, length: number): string[] {
  if (text.length <= length) return [text];
  const cut = text.lastIndexOf(' ', length);
  if (cut <= 0) return [truncate(text, length)];
  return [text.slice(0, cut).replace(/ ·$/, ''), truncate(text.slice(cut + 1).replace(/^· /, ''), length)];
}

/**
 * The widest whole number of dots per module with which `modules` and their quiet zones fit
 * `widthDots`. A camera reads a wider module from farther away, but never a fraction of a dot: a
 * driver scaling bars to 2.5 dots prints them 2 and 3 dots wide at random, which no reader takes.
 * E.g. `CD59-000123-7` is 167 modules (bwip-js switches to code set C for `000123`), 187 with its
 * quiet zones: 2 dots (0.25 mm) on every roll at 203 dpi (3 dots would need 561 dots, 69.1 mm),
 * 3 dots (0.254 mm) at 300 dpi on 50, 57 and 62 mm, 4 dots (0.339 mm) on 70 mm.
 */
export function widestModule(widthDots: number, modules: number, quietZoneModules: number): number {
  return Math.max(1, Math.floor(widthDots / (modules + 2 * quietZoneModules)));
}

/** Owner line on top, the bars in the middle, the tag under them, type and model at the bottom. */
function layoutCode128(profile: ThermalProfile, device: LabelDevice): ThermalLabel {
  const dot = dotsPerMm(profile.dpi);
  const width = Math.round(profile.labelWidthMm * dot);
  const height = Math.round(profile.labelHeightMm * dot);
  const margin = Math.round(1.5 * dot);
  const small = Math.round(2.2 * dot);
  const tagHeight = Math.round(2.8 * dot);
  const barsAndSpaces = encodeCode128(device.assetTag);
  const modules = barsAndSpaces.reduce((sum, value) => sum + value, 0);
  const module = widestModule(width, modules, QUIET_ZONE_MODULES.code128);
  const codeX = Math.round((width - modules * module) / 2);
  const codeY = margin + small + Math.round(0.8 * dot);
  const descriptionY = height - margin - small;
  const tagY = descriptionY - Math.round(0.5 * dot) - tagHeight;
  const barHeight = tagY - Math.round(0.4 * dot) - codeY;
  const line = (text: string, y: number, lineHeight: number, bold: boolean): TextLine => fitTextLine(text, { x: margin, y, width: width - 2 * margin, height: lineHeight, bold }, profile.dpi);
  return {
    widthDots: width, heightDots: height, symbology: 'code128', assetTag: device.assetTag, module, codeX, codeY, barsAndSpaces, barHeight, matrix: [],
    lines: [
      line(OWNER_LINE, margin, small, true),
      line(device.assetTag, tagY, tagHeight, true),
      line(truncate(describeDevice(device), Math.floor(profile.labelWidthMm / 1.3)), descriptionY, small, false),
    ],
  };
}

/**
 * A square 2D code on the left, the tag, owner line and model on the right. The code takes the
 * label's height less its quiet zone above and below (4 modules at least: 57 × 32 mm at 203 dpi,
 * a QR code of 21 × 21 modules of 8 dots, 1 mm); the text starts after the quiet zone on its right.
 */
function layoutMatrix(profile: ThermalProfile, device: LabelDevice, symbology: 'qrcode'): ThermalLabel {
  const dot = dotsPerMm(profile.dpi);
  const width = Math.round(profile.labelWidthMm * dot);
  const height = Math.round(profile.labelHeightMm * dot);
  const matrix = encodeMatrix(symbology, device.assetTag);
  const quiet = QUIET_ZONE_MODULES[symbology];
  const module = widestModule(height, matrix.length, quiet);
  const side = matrix.length * module;
  const codeY = Math.round((height - side) / 2);
  // as much light on the left as above and below: zbar missed the odd QR code whose quiet zone
  // there was the bare 4 modules, against the casing the label is stuck on
  const codeX = codeY;
  const textX = codeX + side + quiet * module;
  // 1 mm on the right, not 1.5: a long tag (8-letter prefix, 10 digits) is never cut, even on 48.5 mm
  const textWidth = width - textX - Math.round(1 * dot);
  const small = Math.round(2.2 * dot);
  const tagHeight = Math.round(2.8 * dot);
  // type, brand and model on the last two lines beside the code, rather than cut on one
  const describe = wrapInTwo(describeDevice(device), Math.floor(textWidth / dot / 1.3));
  const line = (text: string, y: number, lineHeight: number, bold: boolean): TextLine => fitTextLine(text, { x: textX, y, width: textWidth, height: lineHeight, bold }, profile.dpi);
  const lineStep = small + Math.round(0.4 * dot);
  return {
    widthDots: width, heightDots: height, symbology, assetTag: device.assetTag, module, codeX, codeY, barsAndSpaces: [], barHeight: 0, matrix,
    lines: [
      line(device.assetTag, codeY, tagHeight, true),
      line('Propriété du', codeY + tagHeight + Math.round(1.2 * dot), small, false),
      line('Département du Nord', codeY + tagHeight + small + Math.round(1.6 * dot), small, false),
      ...describe.map((text, index) => line(text, codeY + side - small - (describe.length - 1 - index) * lineStep, small, false)),
    ],
  };
}

export function layoutThermalLabel(profile: ThermalProfile, device: LabelDevice, symbology: Symbology): ThermalLabel {
  return symbology === 'code128' ? layoutCode128(profile, device) : layoutMatrix(profile, device, symbology);
}

/** The dark rectangles of the code, in dots: one per bar, one per dark module run of a row. */
export function codeRectangles(label: ThermalLabel): { x: number; y: number; width: number; height: number }[] {
  const rectangles: { x: number; y: number; width: number; height: number }[] = [];
  if (label.symbology === 'code128') {
    let x = label.codeX;
    label.barsAndSpaces.forEach((modules, index) => {
      if (index % 2 === 0) rectangles.push({ x, y: label.codeY, width: modules * label.module, height: label.barHeight });
      x += modules * label.module;
    });
    return rectangles;
  }
  label.matrix.forEach((row, rowIndex) => {
    let start = -1;
    row.forEach((dark, column) => {
      if (dark && start < 0) start = column;
      if ((!dark || column === row.length - 1) && start >= 0) {
        const end = dark ? column + 1 : column;
        rectangles.push({ x: label.codeX + start * label.module, y: label.codeY + rowIndex * label.module, width: (end - start) * label.module, height: label.module });
        start = -1;
      }
    });
  });
  return rectangles;
}

/**
 * Writes one line of a label in Helvetica as fitTextLine laid it out (the ZPL prints the same
 * text at the same height), its letters centred in the line's slot. Placed by hand, without
 * PDFKit's `width`: its line wrapper measures word by word, a hair wider than the whole line,
 * and sent the end of a line that just fits to a second line, on a page of its own.
 */
export function drawTextLine(doc: PDFKit.PDFDocument, line: TextLine, point: number, originX: number, originY: number, align: 'center' | 'left'): void {
  doc.font(line.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(line.fontHeight * point * PDF_FONT_SCALE);
  const x = originX + line.x * point + (align === 'center' ? (line.width * point - doc.widthOfString(line.text)) / 2 : 0);
  const top = originY + line.y * point + ((line.height - line.fontHeight) * point * PDF_FONT_SCALE) / 2;
  doc.text(line.text, x, top, { lineBreak: false });
}

/**
 * Thermal labels as a PDF whose every page is exactly one label (what Brother QL and Dymo drivers
 * expect): the code drawn as rectangles on the head's dot grid, the text in Helvetica.
 */
export function thermalLabelsPdf(devices: LabelDevice[], profile: ThermalProfile, symbology: Symbology): PDFKit.PDFDocument {
  const point = 72 / profile.dpi;
  const size: [number, number] = [(profile.labelWidthMm * 72) / 25.4, (profile.labelHeightMm * 72) / 25.4];
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false, info: { Title: 'Étiquettes Réemploi', Author: 'Réemploi' } });
  for (const device of devices) {
    doc.addPage({ size, margin: 0 });
    const label = layoutThermalLabel(profile, device, symbology);
    for (const rectangle of codeRectangles(label)) doc.rect(rectangle.x * point, rectangle.y * point, rectangle.width * point, rectangle.height * point);
    doc.fillColor('#000000').fill();
    for (const line of label.lines) drawTextLine(doc, line, point, 0, 0, label.symbology === 'code128' ? 'center' : 'left');
  }
  if (devices.length === 0) doc.addPage({ size, margin: 0 });
  doc.end();
  return doc;
}
