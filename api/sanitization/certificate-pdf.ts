import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { ACCESSIBLE_PDF, artifact, documentStructure, figure, tag } from '../core/pdf-accessibility.js';
import type { Certificate } from './certificate.entity.js';
import type { Device } from '../devices/device.entity.js';
import type { Medium } from './medium.entity.js';
import type { Sanitization } from './sanitization.entity.js';
import { describeDevice } from '../devices/device-names.js';
import { checkpointStamp } from '../transparency/transparency-log.js';
import { CATEGORY_FR, MEDIA_KIND_FR, TECHNIQUE_FR, VERIFICATION_FR } from './labels-fr.js';
import { openPng } from '../core/pdf-images.js';

export interface CertificateContent {
  certificate: Certificate;
  device: Device;
  records: (Sanitization & { medium: Medium })[];
  issuedByName: string;
  issuedByRole: string;
  issuedByEmail: string;
  organisationName: string;
  verificationUrl: string;
  /** The latest signed checkpoint of the transparency log, printed so that a copy lives outside the server. */
  checkpoint?: { id: number; size: number; rootHash: Buffer; signedAt: Date } | null;
}

const ROLE_FR: Record<string, string> = {
  admin: 'Administrateur informatique',
  it_staff: 'Technicien informatique',
  partner: 'Partenaire',
  social_worker: 'Travailleur social',
  viewer: 'Pilotage',
};

export const formatDateTime = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);

const formatDay = (date: Date) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
const formatTime = (date: Date) => new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);

/**
 * "le 23 novembre 2026, de 02:58 à 03:00", or both dates when the wipe ran past midnight; with
 * the end time only, that time and the words « heure de fin seulement » (a start is never made up).
 */
export function formatPeriod(start: Date | null | undefined, end: Date): string {
  if (!start) return `le ${formatDay(end)} à ${formatTime(end)} (heure de fin seulement)`;
  return formatDay(start) === formatDay(end)
    ? `le ${formatDay(start)}, de ${formatTime(start)} à ${formatTime(end)}`
    : `du ${formatDateTime(start)} au ${formatDateTime(end)}`;
}

const passes = (count: number) => `${count} passe${count > 1 ? 's' : ''}`;

const NOT_GIVEN = 'non renseigné';

/** « nwipe 0.35 », or « nwipe (version non renseignée) » when the record has no version. */
export const formatTool = (tool: string, version: string | null | undefined) => (version ? `${tool} ${version}` : `${tool} (version non renseignée)`);

/** « SSD SATA — Samsung 860, 256 Go », or the kind alone when the model and capacity are unknown. */
export function mediumHeading(kind: string, model: string | null | undefined, capacityGb: number | null | undefined): string {
  const details = [model, capacityGb ? `${capacityGb} Go` : null].filter(Boolean).join(', ');
  return details ? `${kind} — ${details}` : kind;
}

/**
 * Certificate of sanitization with the fields of NIST SP 800-88 Rev. 1, Appendix G: who, which
 * media, which method and tool, verification, date, signature, plus a QR code to the public check.
 */
export async function certificatePdf(content: CertificateContent): Promise<PDFKit.PDFDocument> {
  const doc = certificateDocument(`Certificat d'effacement ${content.certificate.number}`, content.organisationName, content.certificate.issuedAt);
  const root = documentStructure(doc);
  await drawCertificate(doc, root, content);
  root.end();
  doc.end();
  return doc;
}

/** All the certificates of a batch in one PDF, one page each, for the partner's records. */
/** `createdAt`: the date written in the PDF's metadata (from the records, so that the same data gives the same bytes). */
export async function certificatesPdf(title: string, contents: CertificateContent[], organisationName: string, createdAt: Date): Promise<PDFKit.PDFDocument> {
  const doc = certificateDocument(title, organisationName, createdAt);
  const root = documentStructure(doc);
  // one section per certificate, each opening on its own heading
  for (const content of contents) {
    const certificate = doc.struct('Sect');
    root.add(certificate);
    await drawCertificate(doc, certificate, content);
    certificate.end();
  }
  if (!contents.length) {
    doc.addPage();
    tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(12).text('Aucun certificat.'));
  }
  root.end();
  doc.end();
  return doc;
}

/** The CreationDate is the record's, never now: PDFKit derives the file ID from it, and the issued file is recorded by its hash. */
function certificateDocument(title: string, author: string, createdAt: Date): PDFKit.PDFDocument {
  return new PDFDocument({
    ...ACCESSIBLE_PDF,
    size: 'A4',
    margins: { top: 42, bottom: 42, left: 48, right: 48 },
    autoFirstPage: false,
    info: { Title: title, Author: author, Subject: 'NIST SP 800-88 Rev. 1 — annexe G', CreationDate: new Date(createdAt) },
  });
}

/**
 * One certificate's page, tagged in reading order: the title (H1) and the number, the QR code
 * (named by what it opens), then each numbered section (H2) with its fields, each medium (H3).
 */
async function drawCertificate(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, content: CertificateContent): Promise<void> {
  const { certificate, device, records } = content;
  doc.addPage();
  const qr: Buffer = await (bwipjs.toBuffer({ bcid: 'qrcode', text: content.verificationUrl, scale: 4, eclevel: 'M' } as bwipjs.RenderOptions) as Promise<Buffer>);
  const width = doc.page.width - 96;

  tag(doc, parent, 'H1', () => doc.font('Helvetica-Bold').fontSize(18).text("Certificat d'effacement des données", 48, 48, { width: width - 100 }));
  tag(doc, parent, 'P', () => doc.font('Helvetica').fontSize(9).fillColor('#333333').text('Certificate of Sanitization — NIST SP 800-88 Rev. 1, annexe G', { width: width - 100 }), { lang: 'en' });
  tag(doc, parent, 'P', () => doc.moveDown(0.6).fillColor('#000000').font('Helvetica-Bold').fontSize(11).text(`N° ${certificate.number}`));
  tag(doc, parent, 'P', () => doc.font('Helvetica').fontSize(9).text(`Émis le ${formatDateTime(certificate.issuedAt)}`));
  tag(doc, parent, 'P', () => doc.fontSize(8).fillColor('#333333').text(`Vérifier l'authenticité : ${content.verificationUrl}`, { width: width - 100 }));
  if (content.checkpoint) {
    const checkpoint = content.checkpoint;
    tag(doc, parent, 'P', () => doc.fontSize(7).text(checkpointStamp(checkpoint, formatDateTime(checkpoint.signedAt)), { width: width - 100 }));
  }
  doc.fillColor('#000000');
  const headerBottom = doc.y;
  const qrImage = openPng(doc, qr);
  figure(doc, parent, `Code QR : vérifier en ligne le certificat ${certificate.number} de l'appareil ${device.assetTag}`, () => doc.image(qrImage.image, 48 + width - 90, 40, { width: 90 }));
  await qrImage.written();
  tag(doc, parent, 'P', () => doc.font('Helvetica').fontSize(7).fillColor('#333333').text('Scannez pour vérifier', 48 + width - 100, 133, { width: 110, align: 'center' }));
  doc.fillColor('#000000');
  doc.y = Math.max(headerBottom, 140);

  section(doc, parent, "1. Personne et organisation ayant réalisé l'effacement");
  field(doc, parent, 'Nom', content.issuedByName);
  field(doc, parent, 'Fonction', ROLE_FR[content.issuedByRole] ?? content.issuedByRole);
  field(doc, parent, 'Organisation', content.organisationName);
  field(doc, parent, 'Contact', content.issuedByEmail);
  field(doc, parent, 'Lieu', device.site);

  section(doc, parent, '2. Appareil');
  field(doc, parent, "N° d'inventaire Réemploi", device.assetTag);
  field(doc, parent, 'Appareil', describeDevice(device));
  field(doc, parent, 'N° de série', device.serialNumber ?? NOT_GIVEN);
  field(doc, parent, "N° d'inventaire du Département", device.inventoryNumber ?? NOT_GIVEN);

  section(doc, parent, '3. Supports et méthodes');
  if (records.length === 0) {
    tag(doc, parent, 'P', () => doc.font('Helvetica').fontSize(9).text("Aucun support de stockage : l'appareil ne contient pas de données à effacer (constat du technicien)."));
  }
  for (const [index, record] of records.entries()) {
    const medium = record.medium;
    if (index > 0) {
      artifact(doc, () => doc.moveTo(48, doc.y).lineTo(48 + width, doc.y).strokeColor('#cccccc').stroke());
      doc.moveDown(0.4);
    }
    tag(doc, parent, 'H3', () => doc.font('Helvetica-Bold').fontSize(9.5).text(mediumHeading(MEDIA_KIND_FR[medium.kind], medium.model, medium.capacityGb)));
    field(doc, parent, 'N° de série du support', medium.serialNumber);
    field(doc, parent, 'Catégorie NIST', CATEGORY_FR[record.category]);
    const namesItsPasses = /passes\)$/.test(TECHNIQUE_FR[record.technique]);
    field(doc, parent, 'Technique', `${TECHNIQUE_FR[record.technique]}${record.passes && !namesItsPasses ? ` — ${passes(record.passes)}` : ''}`);
    field(doc, parent, 'Outil', formatTool(record.tool, record.toolVersion));
    field(doc, parent, 'Vérification', record.category === 'destroy' && record.verification === 'none' ? 'contrôle visuel de la destruction' : VERIFICATION_FR[record.verification]);
    field(doc, parent, 'Réalisé', formatPeriod(record.startedAt, record.finishedAt));
    field(doc, parent, 'Résultat', record.result === 'success' ? 'Réussi' : record.errors ? `Échec : ${record.errors}` : 'Échec');
    doc.moveDown(0.3);
  }

  section(doc, parent, '4. Destination');
  field(doc, parent, 'Destination finale', 'Réemploi : don à Emmaüs Connect pour reconditionnement et vente solidaire');
  field(doc, parent, 'Classification après effacement', 'Aucune donnée');

  section(doc, parent, '5. Validation');
  tag(doc, parent, 'P', () => doc.font('Helvetica').fontSize(9).text(attestation(records), { width }));
  doc.moveDown(1);
  signatureLines(doc, parent, width);
}

/** « Nom : », « Date : », « Signature : » side by side, each above a line to write on (the lines are artifacts). */
function signatureLines(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, width: number): void {
  const y = doc.y;
  const third = width / 3;
  for (const [column, label] of ['Nom :', 'Date :', 'Signature :'].entries()) tag(doc, parent, 'P', () => doc.text(label, 48 + column * third, y));
  artifact(doc, () => {
    for (let column = 0; column < 3; column++) {
      doc.moveTo(48 + column * third, y + 36).lineTo(48 + (column + 1) * third - 12, y + 36).strokeColor('#999999').stroke();
    }
  });
}

function section(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, title: string): void {
  doc.moveDown(0.8);
  tag(doc, parent, 'H2', () => doc.font('Helvetica-Bold').fontSize(11).fillColor('#00355f').text(title, 48).fillColor('#000000'));
  doc.moveDown(0.2);
}

function field(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, label: string, value: string): void {
  tag(doc, parent, 'P', () => doc.font('Helvetica-Bold').fontSize(9).text(`${label} : `, { continued: true }).font('Helvetica').text(value));
}

/**
 * The signed sentence says only what the records show: "vérifié" when each wipe was read back
 * (or each destruction checked by eye), not when a record says "Vérification : aucune".
 */
export function attestation(records: { category: string; verification: string }[]): string {
  if (records.length === 0) return "Je certifie que l'appareil ne contient aucun support de stockage, comme constaté ci-dessus.";
  const verified = records.every((record) => record.verification !== 'none' || record.category === 'destroy');
  return verified
    ? "Je certifie que l'effacement décrit ci-dessus a été réalisé et vérifié conformément à la méthode indiquée."
    : "Je certifie que l'effacement décrit ci-dessus a été réalisé conformément à la méthode indiquée, avec la vérification indiquée pour chaque support.";
}
