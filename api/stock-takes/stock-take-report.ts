import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { TYPE_LABELS } from '../devices/device-names.js';
import type { Audit } from './stock-take.entity.js';
import type { AuditDeviceRow, Reconciliation } from './stock-take.service.js';

const formatDateTime = (date: Date | string | null | undefined) =>
  date ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(date)) : '—';

const SECTIONS: { key: 'missing' | 'unexpected' | 'found'; title: string }[] = [
  { key: 'missing', title: 'Manquants (attendus, non trouvés)' },
  { key: 'unexpected', title: 'Inattendus (trouvés, enregistrés ailleurs ou dans un autre statut)' },
  { key: 'found', title: 'Trouvés' },
];

const describe = (row: AuditDeviceRow) => [TYPE_LABELS[row.type] ?? row.type, row.brand, row.model].filter(Boolean).join(' · ');

export function auditPdf(audit: Audit, result: Reconciliation): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Inventaire n° ${audit.id} — ${audit.site}` } });
  doc.font('Helvetica-Bold').fontSize(18).text(`Inventaire n° ${audit.id} — ${audit.site}`);
  doc.font('Helvetica').fontSize(9.5).text(`Commencé le ${formatDateTime(audit.startedAt)} ; ${audit.closedAt ? `clôturé le ${formatDateTime(audit.closedAt)}` : 'en cours'}`);
  const { counts } = result;
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(
    `Attendus : ${counts.expected}   Trouvés : ${counts.found}   Manquants : ${counts.missing}   Inattendus : ${counts.unexpected}   Inconnus : ${counts.unknown}`,
  );
  for (const section of SECTIONS) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).fillColor('#00355f').text(`${section.title} — ${result[section.key].length}`).fillColor('#000000');
    doc.font('Helvetica').fontSize(8.5);
    for (const row of result[section.key]) doc.text(`${row.assetTag}   ${describe(row)}   (${row.site}, ${row.status})`);
  }
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).fillColor('#00355f').text(`Codes inconnus — ${result.unknown.length}`).fillColor('#000000');
  doc.font('Helvetica').fontSize(8.5);
  for (const row of result.unknown) doc.text(`${row.code}   scanné par ${row.scannedBy} le ${formatDateTime(row.scannedAt)}`);
  doc.end();
  return doc;
}

export async function writeAuditXlsx(audit: Audit, result: Reconciliation, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  const summary = workbook.addWorksheet('Synthèse');
  summary.columns = [{ width: 28 }, { width: 40 }];
  summary.addRow([`Inventaire n° ${audit.id}`, audit.site]).font = { bold: true, size: 13 };
  summary.addRow(['Commencé le', formatDateTime(audit.startedAt)]).commit();
  summary.addRow(['Clôturé le', formatDateTime(audit.closedAt)]).commit();
  for (const [label, value] of Object.entries(result.counts)) summary.addRow([label, value]).commit();
  await summary.commit();
  for (const section of SECTIONS) {
    const sheet = workbook.addWorksheet(section.title.split(' ')[0]);
    sheet.columns = [{ width: 18 }, { width: 16 }, { width: 30 }, { width: 26 }, { width: 16 }];
    const header = sheet.addRow(["N° d'inventaire Réemploi", 'Type', 'Marque et modèle', 'Site enregistré', 'Statut']);
    header.font = { bold: true };
    header.commit();
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + result[section.key].length, column: 5 } };
    for (const row of result[section.key]) {
      sheet.addRow([row.assetTag, TYPE_LABELS[row.type] ?? row.type, [row.brand, row.model].filter(Boolean).join(' '), row.site, row.status]).commit();
    }
    await sheet.commit();
  }
  const unknown = workbook.addWorksheet('Inconnus');
  unknown.columns = [{ width: 24 }, { width: 24 }, { width: 24 }];
  unknown.addRow(['Code', 'Scanné par', 'Le']).font = { bold: true };
  for (const row of result.unknown) unknown.addRow([row.code, row.scannedBy, formatDateTime(row.scannedAt)]).commit();
  await unknown.commit();
  await workbook.commit();
}
