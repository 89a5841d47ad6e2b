import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';
import { ACCESSIBLE_PDF, documentStructure, figure, group, tag } from '../core/pdf-accessibility.js';
import { TYPE_LABELS } from '../devices/device-names.js';
import type { AgreementShop, IdentityCheck } from '../agreements/agreement.entity.js';

const NEED_FR: Record<string, string> = { ...TYPE_LABELS, desktop: 'Ordinateur fixe', laptop: 'Ordinateur portable' };
const NEED_TITLE: Record<string, string> = {
  laptop: 'un ordinateur',
  desktop: 'un ordinateur',
  tablet: 'une tablette',
  smartphone: 'un smartphone',
  monitor: 'un écran',
  printer: 'une imprimante',
  other: 'un appareil',
};

const formatDate = (date: Date) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
export const formatEuros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

async function qrPng(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'qrcode', text, scale: 6 } as bwipjs.RenderOptions) as Promise<Buffer>;
}

export interface VoucherContent {
  voucherCode: string;
  firstName: string;
  need: string;
  trainingWanted: boolean;
  issuedAt: Date;
  expiresAt: Date;
  territory: string;
  /** Whom the resident goes to, and what the agreement in force says about it (null: none in force). */
  partner: string;
  desk: { identityCheck: IdentityCheck; shops: AgreementShop[] } | null;
}

/** A text as one sentence: a full stop at its end unless it has one. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Where to go: each shop in short sentences, as the agreement holds them; no map. */
function whereToGo(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, content: VoucherContent, width: number): void {
  tag(doc, root, 'H2', () => doc.font('Helvetica-Bold').fontSize(20).text('Où aller ?', 60));
  const shops = content.desk?.shops ?? [];
  if (!shops.length) {
    tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(16).text(`Dans un lieu d'accueil ${content.partner}.`, { width }));
    tag(doc, root, 'P', () => doc.text('Demandez les adresses et les horaires à votre travailleur social.', { width }));
    return;
  }
  tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(16).text(shops.length > 1 ? `Allez dans un de ces lieux ${content.partner}.` : `Allez au lieu d'accueil ${content.partner}.`, { width }));
  // side by side: three places stacked would push the rest of the voucher onto a second page
  const gap = 16;
  const columnWidth = (width - gap * (shops.length - 1)) / shops.length;
  const top = doc.y + 6;
  let bottom = top;
  // read column by column: each place's name (a heading) then its address, hours and directions
  shops.forEach((shop, index) => {
    const x = 60 + index * (columnWidth + gap);
    tag(doc, root, 'H3', () => doc.font('Helvetica-Bold').fontSize(14).text(shop.name, x, top, { width: columnWidth }));
    tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(13).text(`Adresse : ${sentence(shop.address)}`, x, doc.y + 2, { width: columnWidth }));
    tag(doc, root, 'P', () => doc.text(`Quand : ${shop.openingHours}`, x, doc.y + 3, { width: columnWidth }));
    if (shop.directions) tag(doc, root, 'P', () => doc.text(`Pour y aller : ${shop.directions}`, x, doc.y + 3, { width: columnWidth }));
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = 60;
  doc.y = bottom;
}

/** What to bring: an identity document only when the agreement asks for one. */
function whatToBring(content: VoucherContent): string[] {
  const identity = (content.desk?.identityCheck ?? 'identity_document') === 'identity_document';
  return [
    'Ce bon (sur papier ou sur votre téléphone).',
    ...(identity ? ["Une pièce d'identité."] : []),
    'De quoi payer le petit prix.',
  ];
}

/** A bulleted list tagged as one: the bullet is each item's label, the sentence its body. */
function bulletList(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, lines: string[], width: number): void {
  group(doc, root, 'L', (list) => {
    for (const line of lines) {
      group(doc, list, 'LI', (item) => {
        const y = doc.y;
        tag(doc, item, 'Lbl', () => doc.text('•', 60, y));
        tag(doc, item, 'LBody', () => doc.text(line, 74, y, { width: width - 14 }));
      });
    }
  });
  doc.x = 60;
}

/**
 * The one-page voucher the resident brings to Emmaüs Connect. Written in the spirit of FALC
 * ("facile à lire et à comprendre"): big type, one idea per sentence, what to bring, where to go.
 * Tagged in reading order: the title (H1), the sentences, the QR code (named by the voucher code), the code, the sections (H2).
 */
export async function voucherPdf(content: VoucherContent): Promise<PDFKit.PDFDocument> {
  const doc = new PDFDocument({ ...ACCESSIBLE_PDF, size: 'A4', margins: { top: 50, bottom: 40, left: 60, right: 60 }, info: { Title: `Bon Réemploi ${content.voucherCode}` } });
  const root = documentStructure(doc);
  const width = doc.page.width - 120;
  tag(doc, root, 'H1', () => doc.font('Helvetica-Bold').fontSize(28).text(`Votre bon pour ${NEED_TITLE[content.need] ?? 'un appareil'}`, { width }));
  tag(doc, root, 'P', () => doc.moveDown(0.3).font('Helvetica').fontSize(17).text(`Bonjour ${content.firstName},`));
  tag(doc, root, 'P', () => doc.moveDown(0.3).text(`Vous pouvez avoir : ${NEED_FR[content.need] ?? content.need}.`, { width }));
  tag(doc, root, 'P', () => doc.text("L'appareil est réparé et vérifié.", { width }));
  tag(doc, root, 'P', () => doc.text('Vous le payez à petit prix.', { width }));
  if (content.trainingWanted) tag(doc, root, 'P', () => doc.text('Vous pouvez aussi apprendre à vous en servir.', { width }));

  doc.moveDown(0.5);
  const top = doc.y;
  const qr = await qrPng(content.voucherCode);
  figure(doc, root, `Code QR du bon ${content.voucherCode}`, () => doc.image(qr, 60, top, { width: 130 }));
  tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(14).text('Votre code :', 215, top + 14));
  tag(doc, root, 'P', () => doc.font('Helvetica-Bold').fontSize(34).text(content.voucherCode, 215, top + 36, { characterSpacing: 2 }));
  tag(doc, root, 'P', () => doc.font('Helvetica-Bold').fontSize(15).text(`Valable jusqu'au ${formatDate(content.expiresAt)}.`, 215, top + 86, { width: width - 155 }));
  doc.y = top + 138;

  doc.x = 60;
  whereToGo(doc, root, content, width);
  tag(doc, root, 'H2', () => doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).text('Quoi apporter ?'));
  doc.font('Helvetica').fontSize(16);
  bulletList(doc, root, whatToBring(content), width);
  tag(doc, root, 'H2', () => doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).text('Une question ?'));
  tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(16).text(`Parlez-en à votre travailleur social (${content.territory}).`, { width }));
  // the footer sits in the bottom margin: lift it so pdfkit does not open a second page
  doc.page.margins.bottom = 0;
  tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(11).fillColor('#444444').text(`Bon émis le ${formatDate(content.issuedAt)} par le Département du Nord dans le cadre de sa stratégie d'inclusion numérique.`, 60, doc.page.height - 70, { width }));
  root.end();
  doc.end();
  return doc;
}

export interface ReceiptContent {
  allocationId: number;
  voucherCode: string;
  firstName: string;
  device: { assetTag: string; type: string; brand: string | null; model: string | null; refurbishedGrade: string | null };
  priceCents: number;
  referencePriceCents: number | null;
  allocatedAt: Date;
  partner: string;
}

/** The receipt handed to the resident with the device; tagged: title (H1), who and when, the device (H2), the price. */
export function receiptPdf(content: ReceiptContent): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...ACCESSIBLE_PDF, size: 'A5', margins: { top: 40, bottom: 30, left: 40, right: 40 }, info: { Title: `Reçu ${content.allocationId}` } });
  const root = documentStructure(doc);
  const width = doc.page.width - 80;
  tag(doc, root, 'H1', () => doc.font('Helvetica-Bold').fontSize(20).text('Reçu', { width }));
  tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(11).text(`${content.partner} — le ${formatDate(content.allocatedAt)}`));
  tag(doc, root, 'P', () => doc.moveDown(0.8).fontSize(13).text(`Pour : ${content.firstName} (bon ${content.voucherCode})`));
  tag(doc, root, 'H2', () => doc.moveDown(0.5).font('Helvetica-Bold').text('Appareil'));
  tag(doc, root, 'P', () => doc.font('Helvetica').text([NEED_FR[content.device.type] ?? content.device.type, content.device.brand, content.device.model].filter(Boolean).join(' · '), { width }));
  tag(doc, root, 'P', () => doc.text(`N° ${content.device.assetTag}${content.device.refurbishedGrade ? ` — état ${content.device.refurbishedGrade}` : ''}`));
  tag(doc, root, 'P', () => doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).text(`Prix solidaire payé : ${formatEuros(content.priceCents)}`));
  const referencePrice = content.referencePriceCents;
  if (referencePrice) tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(11).text(`Prix d'un appareil neuf équivalent : environ ${formatEuros(referencePrice)}.`));
  tag(doc, root, 'P', () => doc.moveDown(0.8).font('Helvetica').fontSize(10).text("Cet appareil reconditionné provient du Département du Nord. Ses données ont été effacées de façon certifiée avant le reconditionnement.", { width }));
  root.end();
  doc.end();
  return doc;
}

/** Right-of-access export as a readable PDF (the JSON export holds the same data). */
export function personExportPdf(data: Awaited<ReturnType<typeof import('./rgpd.js').exportPersonData>>): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...ACCESSIBLE_PDF, size: 'A4', margin: 50, info: { Title: 'Données personnelles — droit d’accès' } });
  const root = documentStructure(doc);
  tag(doc, root, 'H1', () => doc.font('Helvetica-Bold').fontSize(16).text("Données personnelles détenues par le Département du Nord (Réemploi)"));
  tag(doc, root, 'P', () => doc.font('Helvetica').fontSize(9).text(`Export du ${formatDate(new Date(data.exportedAt))} — article 15 du RGPD`));
  const section = (title: string) => {
    tag(doc, root, 'H2', () => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(title));
    doc.font('Helvetica').fontSize(10);
  };
  const line = (text: string) => tag(doc, root, 'P', () => doc.text(text));
  section('La personne');
  const person = data.person;
  for (const [label, value] of [
    ['Prénom', person.firstName],
    ['Nom', person.lastName],
    ['Année de naissance', person.birthYear],
    ['Code postal', person.postcode],
    ['Commune', person.commune],
    ['Territoire', person.territory],
    ["Motif d'éligibilité", person.eligibility],
    ['Téléphone', person.phone],
    ['Consentement recueilli le', person.consentAt],
  ] as [string, unknown][]) {
    line(`${label} : ${value ?? '—'}`);
  }
  section('Orientations');
  for (const referral of data.referrals) {
    line(`${referral.voucherCode} — besoin : ${referral.need} — statut : ${referral.status} — créée le ${referral.createdAt.slice(0, 10)} par ${referral.referrerName}`);
    const reason = referral.refusalReason ?? referral.cancellationReason;
    if (reason || referral.statusNote) line(`    motif : ${reason ?? '—'}${referral.statusNote ? ` — remarque : ${referral.statusNote}` : ''}`);
  }
  section('Appareils attribués');
  for (const allocation of data.allocations) line(`${allocation.device} (${allocation.deviceType}) — ${allocation.priceEuros} € — le ${allocation.allocatedAt.slice(0, 10)}`);
  section('Notifications adressées aux agents à son sujet');
  for (const notice of data.notices) line(`${notice.at.slice(0, 16).replace('T', ' ')} — à ${notice.recipient} — ${notice.message}`);
  section('Consultations de ces données');
  for (const access of data.accessLog) line(`${access.at.slice(0, 16).replace('T', ' ')} — ${access.user} (${access.role}) — ${access.purpose}`);
  root.end();
  doc.end();
  return doc;
}
