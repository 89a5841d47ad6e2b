import type ExcelJS from 'exceljs';
import { countOf } from '../../core/french.js';
import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { demoValuesNote, missingFactorNote } from './nord-durable-sheet.js';
import { frenchDateTime, frenchDay } from './paris-time.js';
import { fitRowHeight, linesOf } from './row-height.js';
import { A4_ONE_PAGE_WIDE, FMT, FONT, pageFooter, styleHeaderRow } from './styles.js';
import type { WorkbookWriter } from './table-sheet.js';

/**
 * The page the steering committee prints: one A4 portrait page, title, period, territory and
 * agreements, then the key figures by section with what was expected and the share achieved.
 */

const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const THIN_BOTTOM: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
const ACHIEVED_COLOUR = 'FF1B6E2A';
const SUMMARY_WIDTHS = [40, 13, 13, 10, 36];
const SUMMARY_HEADER_ROW = 8;
const NOTE_FONT: Partial<ExcelJS.Font> = { ...FONT, italic: true, size: 10, color: { argb: 'FF595959' } };
const frenchPercent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

function addSummaryWorksheet(workbook: WorkbookWriter, period: Summary['period']) {
  const sheet = workbook.addWorksheet(SHEETS.summary, {
    pageSetup: {
      ...A4_ONE_PAGE_WIDE,
      orientation: 'portrait',
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `${SUMMARY_HEADER_ROW}:${SUMMARY_HEADER_ROW}`,
    },
    headerFooter: { oddFooter: pageFooter(`du ${frenchDay(period.from)} au ${frenchDay(period.to)}`) },
    views: [{ state: 'frozen', ySplit: SUMMARY_HEADER_ROW, showGridLines: false }],
  });
  sheet.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
  return sheet;
}

/** The summary's kinds of rows: a banner across the five columns, a section title, a figure line. */
function summaryRows(sheet: ExcelJS.Worksheet) {
  const wholeWidth = SUMMARY_WIDTHS.reduce((sum, width) => sum + width, 0);
  /** A line of text across the five columns. */
  const banner = (text: string, style: { font?: Partial<ExcelJS.Font>; fill?: ExcelJS.Fill; height?: number } = {}) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 5);
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    if (style.font) row.getCell(1).font = style.font;
    if (style.fill) row.getCell(1).fill = style.fill;
    row.height = style.height ?? linesOf(text, wholeWidth) * ((style.font?.size ?? 11) + 4) + 2;
    row.commit();
    return row.number;
  };
  const section = (title: string) => {
    const row = sheet.addRow([title]);
    sheet.mergeCells(row.number, 1, row.number, 5);
    row.getCell(1).font = { ...FONT, bold: true, color: { argb: 'FF1F4E79' } };
    row.getCell(1).fill = SECTION_FILL;
    row.height = 18;
    row.commit();
  };
  const line = (label: string, actual: number | null, numFmt: string, note = '', expected: { value: number | null; numFmt: string } | null = null, achieved: number | null = null) => {
    // "—" rather than an empty cell: nothing to compute (e.g. no device handed over, so no reuse rate)
    const row = sheet.addRow([label, actual ?? '—', expected?.value ?? null, achieved, note]);
    row.getCell(2).numFmt = numFmt;
    row.getCell(3).numFmt = expected?.numFmt ?? FMT.decimal;
    row.getCell(4).numFmt = FMT.percent;
    if (achieved !== null && achieved >= 1) row.getCell(4).font = { ...FONT, bold: true, color: { argb: ACHIEVED_COLOUR } };
    for (const column of [1, 5]) row.getCell(column).alignment = { wrapText: true, vertical: 'top' };
    for (const column of [2, 3, 4]) row.getCell(column).alignment = { vertical: 'top', horizontal: 'right' };
    for (let column = 1; column <= 5; column++) row.getCell(column).border = THIN_BOTTOM;
    fitRowHeight(row, SUMMARY_WIDTHS);
    row.commit();
  };
  const commitment = (label: string, value: { actual: number; committed: number; achieved: number | null }, note: string) =>
    line(label, value.actual, FMT.integer, note, { value: value.committed, numFmt: FMT.decimal }, value.achieved);
  const blank = () => sheet.addRow([]).commit();
  return { banner, section, line, commitment, blank };
}
type SummaryRows = ReturnType<typeof summaryRows>;

/** Title, period, territory, agreements and date, then the figures' header row (printed on every page). */
function writeHeading(sheet: ExcelJS.Worksheet, { banner, blank }: SummaryRows, { period, commitments }: Summary, generatedAt: Date) {
  banner('Partenariat de réemploi informatique — rapport au comité de pilotage', { font: { ...FONT, bold: true, size: 15, color: { argb: 'FF1F4E79' } }, height: 24 });
  banner(`Période : du ${frenchDay(period.from)} au ${frenchDay(period.to)}`, { font: { ...FONT, bold: true, size: 12 } });
  banner(`Territoire : ${period.territory ?? 'tout le Département'}`, { font: { ...FONT, bold: true, size: 12 } });
  banner(`Conventions : ${commitments.agreements.map((agreement) => `${agreement.partner}, du ${frenchDay(agreement.startsOn)} au ${frenchDay(agreement.endsOn)}`).join(' ; ') || 'aucune sur la période'}`);
  banner(`Édité le ${frenchDateTime(generatedAt)}`);
  banner(
    period.territory
      ? `Le territoire s’applique aux habitants, aux ventes et aux chiffres Nord durable. Les flux d’appareils et les engagements de la convention portent sur tout le Département.`
      : 'Engagements attendus au prorata des jours de la période : « % atteint » = réalisé ÷ attendu.',
    { font: NOTE_FONT },
  );
  blank();
  const header = sheet.addRow(['Indicateur', 'Réalisé', 'Attendu sur la période', '% atteint', 'Précision']);
  styleHeaderRow(header, [2, 3, 4]);
  header.height = 30;
  header.commit();
}

function writeCommitments({ section, commitment }: SummaryRows, { period, commitments }: Summary) {
  // with a territory, residents and sales are the territory's while the commitment is the Département's
  const partnerNote = (...parts: string[]) => ['Engagement du partenaire', ...parts, period.territory ? `réalisé : ${period.territory} seulement` : ''].filter(Boolean).join(' ; ');

  section(`Engagements de la convention (attendu${period.territory ? ' pour tout le Département' : ''} au prorata des jours de la période)`);
  commitment('Appareils donnés (remis au partenaire)', commitments.devicesDonated, 'Engagement du Département');
  commitment('Habitants équipés', commitments.residentsEquipped, partnerNote());
  commitment('Habitants orientés vers une formation', commitments.residentsTrained, partnerNote('souhait exprimé à l’orientation (pas la présence)'));
  commitment('Ventes à prix solidaire', commitments.solidaritySales, partnerNote());
}

function writeAllocations({ section, line }: SummaryRows, summary: Summary) {
  const { period, allocations } = summary;
  section(`Habitants, prix et délais${period.territory ? ` — ${period.territory}` : ''}`);
  line('Recettes solidaires', allocations.revenueEur, FMT.euro, countOf(allocations.count, 'vente solidaire', 'ventes solidaires'));
  line(
    'Économies des ménages',
    allocations.householdSavingsEur,
    FMT.euro,
    allocations.count > 0 && allocations.allocationsWithReferencePrice === 0
      ? 'Aucun prix neuf de référence renseigné : à compléter dans les facteurs'
      : [`Prix neuf de référence − prix payé ; ${countOf(allocations.allocationsWithReferencePrice, 'attribution')} sur ${allocations.count} avec un prix de référence`, demoValuesNote(summary, 'price')].filter(Boolean).join(' '),
  );
  line('Délai médian de l’enregistrement à l’attribution (jours)', allocations.daysToAllocation.median, FMT.decimal, 'La moitié des appareils attribués l’ont été plus vite');
  line('Délai pour 90 % des attributions (jours)', allocations.daysToAllocation.p90, FMT.decimal, '90e centile');
}

function writeFlows({ section, line }: SummaryRows, { devices, rates }: Summary) {
  section('Appareils : flux de la période (tout le Département)');
  line('Appareils enregistrés', devices.registered, FMT.integer);
  line('Appareils effacés', devices.sanitized, FMT.integer, 'Effacement certifié réussi');
  line('Appareils reconditionnés', devices.refurbished, FMT.integer);
  line('Appareils recyclés', devices.recycled, FMT.integer);
  line('Appareils attribués', devices.allocated, FMT.integer, 'À des habitants, tous territoires');
  line('Taux de réemploi (attribués ÷ remis)', rates.reuse, FMT.percent, 'Flux de la même période');
  line('Taux de recyclage (recyclés ÷ remis)', rates.recycling, FMT.percent);
}

function writeNordDurable({ section, line }: SummaryRows, summary: Summary) {
  const { period, nordDurable } = summary;
  section(`Nord durable${period.territory ? ` — ${period.territory}` : ''}`);
  line('Masse détournée des déchets', nordDurable.massDivertedKg, FMT.kg, [missingFactorNote(summary) || countOf(nordDurable.devicesReused, 'appareil réemployé', 'appareils réemployés'), demoValuesNote(summary, 'mass')].filter(Boolean).join(' '));
  line('Gaz à effet de serre évités (kg CO2e)', nordDurable.co2eAvoidedKg, FMT.decimal, 'Fabrication d’appareils neufs évitée ; facteurs ADEME et sources : feuille Méthodologie');
}

function writeReen({ section, line }: SummaryRows, { reen }: Summary) {
  section('Obligation légale de réemploi (loi REEN, décret 2023-266)');
  const reenStatus = reen.met === null ? 'Pas d’objectif légal pour cette année' : `Objectif légal ${frenchPercent.format(reen.target ?? 0)} ${reen.met ? 'atteint' : 'non atteint'}`;
  line(
    `Ratio légal de réemploi ${reen.year} (décret 2023-266)`,
    reen.ratio,
    FMT.percent,
    `${reenStatus} : ${reen.reused} réemployés ÷ ${reen.heldOnJanuary1} détenus au 1er janvier, jusqu’au ${frenchDay(reen.through)}${reen.ratio !== null && reen.ratio > 1 ? ' (peut dépasser 100 % : les matériels réformés et réemployés dans l’année comptent aussi)' : ''}`,
    { value: reen.target, numFmt: FMT.percent },
  );
}

export function summarySheet(workbook: WorkbookWriter, summary: Summary, generatedAt: Date) {
  const sheet = addSummaryWorksheet(workbook, summary.period);
  const rows = summaryRows(sheet);
  writeHeading(sheet, rows, summary, generatedAt);
  writeCommitments(rows, summary);
  writeAllocations(rows, summary);
  writeFlows(rows, summary);
  writeNordDurable(rows, summary);
  writeReen(rows, summary);
  rows.blank();
  const last = rows.banner('Détail par territoire, par type d’appareil et par mois, méthode de calcul et sources des facteurs : feuilles suivantes du classeur.', { font: NOTE_FONT });
  sheet.pageSetup.printArea = `A1:E${last}`;
  sheet.commit();
}
