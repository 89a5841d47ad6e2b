import bwipjs from 'bwip-js';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { ACCESSIBLE_PDF, artifact, documentStructure, figure, group, tag } from '../core/pdf-accessibility.js';
import type { Writable } from 'node:stream';
import type { Batch, BatchStatus } from './batch.entity.js';
import type { Device } from '../devices/device.entity.js';
import { TYPE_LABELS } from '../devices/device-names.js';
import { byCount, countOf } from '../core/french.js';
import { isDemoValue } from '../factors/source-catalogue.js';
import { SPEC_LABELS, specsLines, type DeviceSpecs } from '../devices/device-specs.js';
import { openPng } from '../core/pdf-images.js';

export const BATCH_STATUS_FR: Record<BatchStatus, string> = {
  draft: 'En préparation',
  ready: "Prêt pour l'enlèvement",
  picked_up: 'Enlevé',
  disputed: 'Enlevé avec écart',
  closed: 'Clôturé',
};

export type ManifestDevice = Pick<Device, 'assetTag' | 'type' | 'brand' | 'model' | 'serialNumber' | 'inventoryNumber' | 'certificateNumber' | 'status'> & { specs: DeviceSpecs };

const formatDate = (date: Date | string | null | undefined) =>
  date ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(date)) : '—';

/**
 * Reference masses per device type with their source (the `factors` table); a type without one is
 * named, not guessed, and a demonstration value is named as such.
 */
export type Masses = Partial<Record<string, { kg: number | null; source: string }>>;

export function totalMass(devices: ManifestDevice[], masses: Masses): { kg: number; missingTypes: string[]; demoTypes: string[] } {
  let kg = 0;
  const missing = new Set<string>();
  const demo = new Set<string>();
  for (const device of devices) {
    const mass = masses[device.type];
    if (mass?.kg === null || mass?.kg === undefined) {
      missing.add(TYPE_LABELS[device.type]);
      continue;
    }
    kg += mass.kg;
    if (isDemoValue(mass.source)) demo.add(TYPE_LABELS[device.type]);
  }
  return { kg: Math.round(kg * 10) / 10, missingTypes: [...missing].sort(), demoTypes: [...demo].sort() };
}

export function describeMass(devices: ManifestDevice[], masses: Masses): string {
  const { kg, missingTypes, demoTypes } = totalMass(devices, masses);
  const formatted = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(kg);
  if (missingTypes.length && kg === 0) return 'Masse totale : non renseignée (masses de référence à compléter dans les facteurs)';
  const notes = [
    missingTypes.length ? `sans ${missingTypes.join(', ')} : masse de référence non renseignée` : null,
    demoTypes.length ? `valeurs de démonstration pour ${demoTypes.join(', ')}` : null,
  ].filter(Boolean);
  return `Masse totale : ${formatted} kg${notes.length ? ` (${notes.join(' ; ')})` : ''}`;
}

export function countByType(devices: ManifestDevice[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const device of devices) counts.set(TYPE_LABELS[device.type], (counts.get(TYPE_LABELS[device.type]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0], 'fr'));
}

function barcodePng(text: string, height: number): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'code128', text, scale: 2, height, includetext: false }) as Promise<Buffer>;
}

// what the partner picks up (type, brand and model, specs) in the middle; serial and certificate stacked on the right
const MANIFEST_COLUMNS = (width: number) => [
  { title: '#', width: 18 },
  { title: "Code-barres / N° d'inventaire Réemploi", width: 130 },
  { title: 'Appareil', width: 100 },
  { title: SPEC_LABELS.specs, width: 160 },
  { title: "N° de série / certificat d'effacement", width: width - 408 },
];

/**
 * The printable manifest signed at pickup: batch barcode, one line per device with its barcode, totals.
 * Tagged in reading order: the title (H1), the batch's barcode (named by its reference), the batch
 * lines, the devices as a table (header cells, one row per device, each barcode named by its asset
 * tag), the totals (H2), the signatures; rules, frames and page numbers are artifacts.
 */
/** `stamp`: the latest transparency-log checkpoint, as `checkpointStamp` writes it. */
export async function manifestPdf(batch: Batch, devices: ManifestDevice[], masses: Masses = {}, stamp?: string): Promise<PDFKit.PDFDocument> {
  // the CreationDate is the batch's latest step, never now: same batch, same bytes (the issued file is recorded by its hash)
  const createdAt = new Date(batch.pickedUpAt ?? batch.readyAt ?? batch.createdAt);
  const doc = new PDFDocument({ ...ACCESSIBLE_PDF, size: 'A4', margins: { top: 40, bottom: 40, left: 40, right: 40 }, bufferPages: true, info: { Title: `Manifeste ${batch.reference}`, CreationDate: createdAt } });
  const root = documentStructure(doc);
  const width = doc.page.width - 80;
  tag(doc, root, 'H1', () => doc.font('Helvetica-Bold').fontSize(18).text(`Manifeste du lot ${batch.reference}`, 40, 40, { width: width - 180 }));
  const titleBottom = doc.y;
  const batchBarcode = openPng(doc, await barcodePng(batch.reference, 10));
  figure(doc, root, `Code-barres du lot ${batch.reference}`, () => doc.image(batchBarcode.image, 40 + width - 170, 36, { width: 170, height: 40 }));
  await batchBarcode.written();
  doc.x = 40;
  doc.y = titleBottom;
  doc.font('Helvetica').fontSize(9.5);
  tag(doc, root, 'P', () => doc.text(`Départ : ${batch.site} — Destinataire : ${batch.partner}`, { width: width - 180 }));
  tag(doc, root, 'P', () => doc.text(`Enlèvement prévu : ${formatDate(batch.plannedAt)} — Statut : ${BATCH_STATUS_FR[batch.status as BatchStatus]}`, { width: width - 180 }));
  tag(doc, root, 'P', () => doc.text(`${countOf(devices.length, 'appareil')}, ${byCount(devices.length, 'effacé et certifié', 'tous effacés et certifiés')} (NIST SP 800-88)`, { width: width - 180 }));
  if (stamp) tag(doc, root, 'P', () => doc.fontSize(7).fillColor('#333333').text(stamp, { width: width - 180 }).fillColor('#000000').fontSize(9.5));
  doc.moveDown(1);

  await deviceTable(doc, root, devices, width);

  tag(doc, root, 'H2', () => doc.moveDown(1).font('Helvetica-Bold').fontSize(10).text('Totaux par type', 40));
  doc.font('Helvetica').fontSize(9);
  for (const [type, count] of countByType(devices)) tag(doc, root, 'P', () => doc.text(`${type} : ${count}`));
  tag(doc, root, 'P', () => doc.text(`Total : ${countOf(devices.length, 'appareil')}`));
  tag(doc, root, 'P', () => doc.text(describeMass(devices, masses)));

  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(1.5);
  signatureBoxes(doc, root, batch, width);
  pageNumbers(doc, batch, width);
  root.end();
  doc.end();
  return doc;
}

/** The devices, one row each; the header row opens the table and is repeated (as an artifact) on each new page. */
async function deviceTable(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, devices: ManifestDevice[], width: number): Promise<void> {
  const columns = MANIFEST_COLUMNS(width);
  const header = () => {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(8);
    let x = 40;
    for (const column of columns) {
      doc.text(column.title, x, y, { width: column.width - 4 });
      x += column.width;
    }
    doc.y = y;
  };
  const rule = () => {
    const y = doc.y;
    artifact(doc, () => doc.moveTo(40, y + 20).lineTo(40 + width, y + 20).strokeColor('#888888').stroke());
    doc.y = y + 24;
  };
  const table = doc.struct('Table');
  root.add(table);
  group(doc, table, 'TR', (row) => {
    const y = doc.y;
    let x = 40;
    doc.font('Helvetica-Bold').fontSize(8);
    for (const column of columns) {
      const left = x;
      tag(doc, row, 'TH', () => doc.text(column.title, left, y, { width: column.width - 4 }));
      x += column.width;
    }
    doc.y = y;
  });
  rule();
  for (const [index, device] of devices.entries()) {
    if (doc.y > doc.page.height - 120) {
      doc.addPage();
      artifact(doc, header, 'Pagination');
      rule();
    }
    const barcode = openPng(doc, await barcodePng(device.assetTag, 7));
    group(doc, table, 'TR', (row) => deviceRow(doc, row, index, device, barcode.image, columns));
    await barcode.written();
  }
  table.end();
}

function deviceRow(doc: PDFKit.PDFDocument, row: PDFKit.PDFStructureElement, index: number, device: ManifestDevice, barcode: Buffer, columns: { width: number }[]): void {
  const y = doc.y;
  doc.font('Helvetica').fontSize(8);
  tag(doc, row, 'TD', () => doc.text(String(index + 1), 40, y + 4, { width: 18 }));
  group(doc, row, 'TD', (cell) => {
    figure(doc, cell, `Code-barres de l'appareil ${device.assetTag}`, () => doc.image(barcode, 40 + 18, y, { width: 122, height: 18 }));
    tag(doc, cell, 'P', () => doc.font('Helvetica-Bold').text(device.assetTag, 40 + 18, y + 20, { width: 126 }));
  });
  doc.font('Helvetica');
  let x = 40 + 18 + 130;
  const cells = [
    [TYPE_LABELS[device.type], [device.brand, device.model].filter(Boolean).join(' ')].filter(Boolean).join('\n'),
    specsLines(device.specs).join('\n'),
    `${device.serialNumber ?? '—'}\n${device.certificateNumber ?? '—'}`,
  ];
  for (const [column, value] of cells.entries()) {
    const left = x;
    const columnWidth = columns[column + 2].width;
    tag(doc, row, 'TD', () => doc.text(value, left, y + 4, { width: columnWidth - 4, height: 30, ellipsis: true }));
    x += columnWidth;
  }
  doc.y = y + 38;
}

/** Who hands over and who receives, each with a box to sign in (the boxes are artifacts); read column by column. */
function signatureBoxes(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, batch: Batch, width: number): void {
  const y = doc.y;
  for (const [column, giver] of ['Remis par (Département du Nord)', `Reçu par (${batch.partner})`].entries()) {
    const x = 40 + (column * width) / 2;
    tag(doc, root, 'P', () => doc.font('Helvetica-Bold').fontSize(9).text(giver, x, y));
    tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(8.5).text('Nom, date et signature :', x, y + 14));
  }
  artifact(doc, () => {
    doc.rect(40, y + 28, width / 2 - 10, 60).strokeColor('#999999').stroke();
    doc.rect(40 + width / 2, y + 28, width / 2, 60).stroke();
  });
}

/** « LOT-… — page 1/2 » at the foot of each page, as pagination artifacts. */
function pageNumbers(doc: PDFKit.PDFDocument, batch: Batch, width: number): void {
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    // the footer sits in the bottom margin: without lifting it, pdfkit would open a new page
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    artifact(doc, () => doc.font('Helvetica').fontSize(7.5).fillColor('#555555').text(`${batch.reference} — page ${page + 1}/${range.count}`, 40, doc.page.height - 30, { width, align: 'right', lineBreak: false }), 'Pagination');
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottomMargin;
  }
}

/** The same content as an Excel workbook (filterable table + totals), streamed. */
export async function writeManifestXlsx(batch: Batch, devices: ManifestDevice[], output: Writable, masses: Masses = {}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  workbook.creator = 'Réemploi';
  const sheet = workbook.addWorksheet('Manifeste', { views: [{ state: 'frozen', ySplit: 5 }] });
  sheet.columns = [
    { key: 'assetTag', width: 18 },
    { key: 'type', width: 16 },
    { key: 'brand', width: 14 },
    { key: 'model', width: 26 },
    { key: 'serialNumber', width: 20 },
    { key: 'inventoryNumber', width: 20 },
    { key: 'certificateNumber', width: 24 },
    { key: 'cpu', width: 36 },
    { key: 'ramGb', width: 14 },
    { key: 'storage', width: 26 },
    { key: 'battery', width: 14 },
  ];
  sheet.addRow([`Manifeste du lot ${batch.reference}`]).font = { bold: true, size: 14 };
  sheet.addRow([`Départ : ${batch.site}`, '', '', `Destinataire : ${batch.partner}`]).commit();
  sheet.addRow([`Enlèvement prévu : ${formatDate(batch.plannedAt)}`, '', '', `Statut : ${BATCH_STATUS_FR[batch.status as BatchStatus]}`]).commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow([
    "N° d'inventaire Réemploi", 'Type', 'Marque', 'Modèle', 'N° de série', "N° d'inventaire Département", 'Certificat d’effacement',
    SPEC_LABELS.cpu, `${SPEC_LABELS.ram} (Go)`, SPEC_LABELS.storage, `${SPEC_LABELS.battery} (% de la capacité d’origine)`,
  ]);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.commit();
  sheet.autoFilter = { from: { row: 5, column: 1 }, to: { row: 5 + devices.length, column: 11 } };
  for (const device of devices) {
    const { specs } = device;
    const row = sheet.addRow([
      device.assetTag, TYPE_LABELS[device.type], device.brand ?? '', device.model ?? '', device.serialNumber ?? '', device.inventoryNumber ?? '', device.certificateNumber ?? '',
      // memory and battery as numbers, so that the partner can sort and filter them
      specs.cpu ?? '', specs.ramGb ?? '', specs.storage ?? '', specs.batteryHealthPct ?? specs.battery ?? '',
    ]);
    row.getCell(9).numFmt = '0" Go"';
    row.getCell(11).numFmt = '0" %"';
    row.commit();
  }
  await sheet.commit();
  const totals = workbook.addWorksheet('Totaux');
  totals.columns = [{ width: 24 }, { width: 10 }];
  totals.addRow(['Type', 'Nombre']).font = { bold: true };
  for (const [type, count] of countByType(devices)) totals.addRow([type, count]).commit();
  totals.addRow(['Total', devices.length]).font = { bold: true };
  const mass = totalMass(devices, masses);
  totals.addRow(['Masse totale (kg)', mass.kg]).commit();
  if (mass.missingTypes.length) totals.addRow(['Sans masse de référence', mass.missingTypes.join(', ')]).commit();
  if (mass.demoTypes.length) totals.addRow(['Masse : valeurs de démonstration', mass.demoTypes.join(', ')]).commit();
  await totals.commit();
  await workbook.commit();
}
