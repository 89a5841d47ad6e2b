import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import type { Device } from './device.entity.js';

/** The common A4 sheet of 3 × 8 labels of 70 × 37 mm (e.g. Avery L7409-style, no margins). */
export const LABEL_SHEET = { columns: 3, rows: 8, widthMm: 70, heightMm: 37, pageWidthMm: 210, pageHeightMm: 297 };
export const OWNER_LINE = 'Propriété du Département du Nord';

export const TYPE_LABELS: Record<string, string> = {
  laptop: 'Portable',
  desktop: 'Unité centrale',
  monitor: 'Écran',
  tablet: 'Tablette',
  smartphone: 'Smartphone',
  printer: 'Imprimante',
  other: 'Autre',
};

export type LabelDevice = Pick<Device, 'assetTag' | 'type' | 'brand' | 'model'>;

export function describeDevice(device: LabelDevice): string {
  return [TYPE_LABELS[device.type] ?? device.type, device.brand, device.model].filter(Boolean).join(' · ');
}

function barcodeSvg(assetTag: string): string {
  return bwipjs.toSVG({ bcid: 'code128', text: assetTag, includetext: true, textxalign: 'center', height: 12, textsize: 11 });
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
<svg x="4" y="7" width="${w - 8}" height="21" viewBox="${viewBox}" preserveAspectRatio="xMidYMid meet">${inner}</svg>
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
    paddingwidth: 6,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  });
}

const MM = 72 / 25.4;

/** Draws bwip-js's SVG (bars as stroked lines, text as glyph outlines) as vectors into the PDF. */
function drawBarcode(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, width: number, height: number): void {
  const [, , viewWidth, viewHeight] = (/viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 1 1').split(' ').map(Number);
  const scale = Math.min(width / viewWidth, height / viewHeight);
  doc.save();
  doc.translate(x + (width - viewWidth * scale) / 2, y + (height - viewHeight * scale) / 2).scale(scale);
  for (const match of svg.matchAll(/<path ([^>]*)\/>/g)) {
    const attributes = Object.fromEntries([...match[1].matchAll(/([a-z-]+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (!attributes.d) continue;
    if (attributes.stroke) {
      doc.path(attributes.d).lineWidth(Number(attributes['stroke-width'] ?? 1)).strokeColor('#000000').stroke();
    } else {
      doc.path(attributes.d).fillColor('#000000').fill();
    }
  }
  doc.restore();
}

/**
 * A4 sheets of labels at true size, in the order given. Streams the PDF: a thousand labels do not
 * sit in memory twice.
 */
export function labelsPdf(devices: LabelDevice[]): PDFKit.PDFDocument {
  const { columns, rows, widthMm, heightMm, pageHeightMm } = LABEL_SHEET;
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'Étiquettes Réemploi', Author: 'Réemploi' } });
  const topMargin = ((pageHeightMm - rows * heightMm) / 2) * MM;
  devices.forEach((device, index) => {
    const slot = index % (columns * rows);
    if (slot === 0) doc.addPage();
    const x = (slot % columns) * widthMm * MM;
    const y = topMargin + Math.floor(slot / columns) * heightMm * MM;
    const w = widthMm * MM;
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#000000');
    doc.text(OWNER_LINE, x, y + 3 * MM, { width: w, align: 'center', lineBreak: false });
    drawBarcode(doc, barcodeSvg(device.assetTag), x + 4 * MM, y + 7 * MM, w - 8 * MM, 21 * MM);
    doc.font('Helvetica').fontSize(8);
    doc.text(truncate(describeDevice(device), 48), x + 2 * MM, y + 30 * MM, { width: w - 4 * MM, align: 'center', lineBreak: false });
  });
  if (devices.length === 0) doc.addPage();
  doc.end();
  return doc;
}
