import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TYPE_LABELS } from '../devices/device-names.js';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { FORMULAS, STEPS, type ReportParameters, type Step, type Summary } from './indicators.js';
import { countOf } from '../core/french.js';

/**
 * The steering committee's workbook, streamed with exceljs's WorkbookWriter: rows are committed
 * as they are written and the raw sheets read the database page by page, so memory stays flat
 * whatever the number of devices. Number formats are stored the Excel way ('#,##0', '0.0%'): a
 * French Excel or LibreOffice shows them with a space for thousands and a decimal comma.
 */

export const SHEETS = {
  summary: 'Synthèse',
  flows: 'Flux d’appareils',
  commitments: 'Engagements',
  residents: 'Habitants et prix',
  territories: 'Par territoire',
  nord: 'Nord durable',
  reen: 'Ratio REEN',
  methodology: 'Méthodologie',
  devices: 'Données appareils',
  events: 'Données événements',
  allocations: 'Données attributions',
} as const;

const FMT = {
  integer: '#,##0',
  decimal: '#,##0.0',
  kg: '#,##0.0 "kg"',
  percent: '0.0%',
  euro: '#,##0.00 "€"',
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
};

const STEP_LABELS: Record<Step, string> = {
  registered: 'Enregistrés',
  sanitized: 'Effacés',
  handedOver: 'Remis au partenaire',
  refurbished: 'Reconditionnés',
  recycled: 'Recyclés',
  allocated: 'Attribués',
};

const STATUS_LABELS: Record<string, string> = {
  registered: 'Enregistré',
  sanitized: 'Effacé',
  quarantined: 'En quarantaine',
  in_batch: 'En lot',
  handed_over: 'Remis au partenaire',
  refurbished: 'Reconditionné',
  recycled: 'Recyclé',
  allocated: 'Attribué',
  withdrawn: 'Retiré',
};

/** Named on every styled cell: a font without a name prints in a serif face in LibreOffice. */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const PAGE = 1000;

const PARIS_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const HOUR = 3_600_000;
/** Paris's offset from UTC for each UTC hour seen (offsets change only on the hour): formatting every row's date costs ~10 µs. */
const parisOffsets = new Map<number, number>();

function parisOffset(utcHour: number): number {
  let offset = parisOffsets.get(utcHour);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of PARIS_CLOCK.formatToParts(new Date(utcHour * HOUR))) parts[part.type] = Number(part.value);
    offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - utcHour * HOUR;
    if (parisOffsets.size > 100_000) parisOffsets.clear();
    parisOffsets.set(utcHour, offset);
  }
  return offset;
}

/** Excel has no time zones: write the wall-clock time in Paris (to the second). */
function parisDate(value: Date | string): Date {
  const time = new Date(value).getTime();
  const wallClock = time + parisOffset(Math.floor(time / HOUR));
  return new Date(wallClock - (((wallClock % 1000) + 1000) % 1000));
}
const dayDate = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);
const frenchDay = (isoDay: string) => isoDay.split('-').reverse().join('/');

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

/** A sheet with a bold, frozen header row and an autofilter over its columns. */
function tableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[], options: { landscape?: boolean } = {}) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: options.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      // the header row is printed again at the top of every page
      printTitlesRow: '1:1',
    },
    headerFooter: { oddFooter: `&L&8Réemploi — Département du Nord — ${name}&R&8Page &P / &N` },
  });
  sheet.columns = columns.map((column) => ({ width: column.width, style: column.numFmt ? { numFmt: column.numFmt } : {} }));
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = HEADER_FILL;
  header.alignment = { wrapText: true, vertical: 'middle' };
  // numbers are right-aligned: so are their headings
  columns.forEach((column, index) => {
    if (column.numFmt) header.getCell(index + 1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'right' };
  });
  fitRowHeight(header, columns.map((column) => column.width));
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * Writes the rows of a data sheet. exceljs gives every new cell its own copy of the column style
 * and serialises each copy to find its style id (most of the export's time at 100k rows); cells
 * that share one style object per column are looked up in its cache instead.
 */
function dataRowWriter(sheet: ExcelJS.Worksheet, columns: Column[]) {
  const styles = columns.map((column) => (column.numFmt ? { numFmt: column.numFmt } : {}));
  return (values: unknown[]) => {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cell.style = styles[column - 1];
    });
    row.commit();
  };
}

function addRows(sheet: ExcelJS.Worksheet, rows: unknown[][]) {
  for (const row of rows) sheet.addRow(row).commit();
}

/**
 * Lines a wrapped cell needs (greedy word wrap, about one character per unit of column width in
 * Calibri 11): Excel and LibreOffice do not grow the rows of a file written with no row height.
 */
function linesOf(text: string, width: number): number {
  const capacity = Math.max(1, Math.floor(width * 1.1));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(' ')) {
      if (used > 0 && used + 1 + word.length > capacity) {
        lines += 1;
        used = word.length;
      } else used += (used > 0 ? 1 : 0) + word.length;
    }
  }
  return lines;
}

/** Sets a row's height to show every wrapped line of its cells (columns `widths`, 1-based as cells). */
function fitRowHeight(row: ExcelJS.Row, widths: number[], lineHeight = 14.5) {
  let lines = 1;
  row.eachCell((cell, column) => {
    if (typeof cell.value === 'string' && widths[column - 1]) lines = Math.max(lines, linesOf(cell.value, widths[column - 1]));
  });
  if (lines > 1) row.height = lines * lineHeight + 2;
}

const frenchPercent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const frenchDateTime = (date: Date) => {
  const paris = parisDate(date).toISOString();
  return `${frenchDay(paris.slice(0, 10))} à ${paris.slice(11, 16)}`;
};

const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const THIN_BOTTOM: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
const ACHIEVED_COLOUR = 'FF1B6E2A';
const SUMMARY_WIDTHS = [40, 13, 13, 10, 36];
const SUMMARY_HEADER_ROW = 8;

/** Types whose mass or CO2e factor is missing, in words (the JSON gives `laptop.massKg`-style keys). */
function missingFactorNote(summary: Summary): string {
  const names = (rows: Summary['nordDurable']['byType']) => rows.map((row) => TYPE_LABELS[row.deviceType] ?? row.deviceType).join(', ');
  const noMass = summary.nordDurable.byType.filter((row) => row.massKgPerDevice === null);
  const noCo2e = summary.nordDurable.byType.filter((row) => row.co2eKgPerDevice === null);
  return [
    noMass.length ? `Comptés zéro faute de masse de référence : ${names(noMass)} (à renseigner dans les facteurs).` : '',
    noCo2e.length ? `Sans facteur CO2e : ${names(noCo2e)}.` : '',
  ].filter(Boolean).join(' ');
}

/**
 * The page the steering committee prints: one A4 portrait page, title, period, territory and
 * agreements, then the key figures by section with what was expected and the share achieved.
 */
function summarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary, generatedAt: Date) {
  const sheet = workbook.addWorksheet(SHEETS.summary, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: `${SUMMARY_HEADER_ROW}:${SUMMARY_HEADER_ROW}`,
    },
    headerFooter: {
      oddFooter: `&L&8Réemploi — Département du Nord — du ${frenchDay(summary.period.from)} au ${frenchDay(summary.period.to)}&R&8Page &P / &N`,
    },
    views: [{ state: 'frozen', ySplit: SUMMARY_HEADER_ROW, showGridLines: false }],
  });
  sheet.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
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

  const { commitments, allocations, rates, nordDurable, reen, devices, period } = summary;
  banner('Partenariat de réemploi informatique — rapport au comité de pilotage', { font: { ...FONT, bold: true, size: 15, color: { argb: 'FF1F4E79' } }, height: 24 });
  banner(`Période : du ${frenchDay(period.from)} au ${frenchDay(period.to)}`, { font: { ...FONT, bold: true, size: 12 } });
  banner(`Territoire : ${period.territory ?? 'tout le Département'}`, { font: { ...FONT, bold: true, size: 12 } });
  banner(`Conventions : ${commitments.agreements.map((agreement) => `${agreement.partner}, du ${frenchDay(agreement.startsOn)} au ${frenchDay(agreement.endsOn)}`).join(' ; ') || 'aucune sur la période'}`);
  banner(`Édité le ${frenchDateTime(generatedAt)}`);
  banner(
    period.territory
      ? `Le territoire s’applique aux habitants, aux ventes et aux chiffres Nord durable. Les flux d’appareils et les engagements de la convention portent sur tout le Département.`
      : 'Engagements attendus au prorata des jours de la période : « % atteint » = réalisé ÷ attendu.',
    { font: { ...FONT, italic: true, size: 10, color: { argb: 'FF595959' } } },
  );
  sheet.addRow([]).commit();
  const header = sheet.addRow(['Indicateur', 'Réalisé', 'Attendu sur la période', '% atteint', 'Précision']);
  header.font = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = HEADER_FILL;
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const column of [2, 3, 4]) header.getCell(column).alignment = { wrapText: true, vertical: 'middle', horizontal: 'right' };
  header.height = 30;
  header.commit();

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
  // with a territory, residents and sales are the territory's while the commitment is the Département's
  const partnerNote = (...parts: string[]) => ['Engagement du partenaire', ...parts, period.territory ? `réalisé : ${period.territory} seulement` : ''].filter(Boolean).join(' ; ');

  section(`Engagements de la convention (attendu${period.territory ? ' pour tout le Département' : ''} au prorata des jours de la période)`);
  commitment('Appareils donnés (remis au partenaire)', commitments.devicesDonated, 'Engagement du Département');
  commitment('Habitants équipés', commitments.residentsEquipped, partnerNote());
  commitment('Habitants orientés vers une formation', commitments.residentsTrained, partnerNote('souhait exprimé à l’orientation (pas la présence)'));
  commitment('Ventes à prix solidaire', commitments.solidaritySales, partnerNote());

  section(`Habitants, prix et délais${period.territory ? ` — ${period.territory}` : ''}`);
  line('Recettes solidaires', allocations.revenueEur, FMT.euro, countOf(allocations.count, 'vente solidaire', 'ventes solidaires'));
  line(
    'Économies des ménages',
    allocations.householdSavingsEur,
    FMT.euro,
    allocations.count > 0 && allocations.allocationsWithReferencePrice === 0
      ? 'Aucun prix neuf de référence renseigné : à compléter dans les facteurs'
      : `Prix neuf de référence − prix payé ; ${countOf(allocations.allocationsWithReferencePrice, 'attribution')} sur ${allocations.count} avec un prix de référence`,
  );
  line('Délai médian de l’enregistrement à l’attribution (jours)', allocations.daysToAllocation.median, FMT.decimal, 'La moitié des appareils attribués l’ont été plus vite');
  line('Délai pour 90 % des attributions (jours)', allocations.daysToAllocation.p90, FMT.decimal, '90e centile');

  section('Appareils : flux de la période (tout le Département)');
  line('Appareils enregistrés', devices.registered, FMT.integer);
  line('Appareils effacés', devices.sanitized, FMT.integer, 'Effacement certifié réussi');
  line('Appareils reconditionnés', devices.refurbished, FMT.integer);
  line('Appareils recyclés', devices.recycled, FMT.integer);
  line('Appareils attribués', devices.allocated, FMT.integer, 'À des habitants, tous territoires');
  line('Taux de réemploi (attribués ÷ remis)', rates.reuse, FMT.percent, 'Flux de la même période');
  line('Taux de recyclage (recyclés ÷ remis)', rates.recycling, FMT.percent);

  section(`Nord durable${period.territory ? ` — ${period.territory}` : ''}`);
  line('Masse détournée des déchets', nordDurable.massDivertedKg, FMT.kg, missingFactorNote(summary) || countOf(nordDurable.devicesReused, 'appareil réemployé', 'appareils réemployés'));
  line('Gaz à effet de serre évités (kg CO2e)', nordDurable.co2eAvoidedKg, FMT.decimal, 'Fabrication d’appareils neufs évitée ; facteurs ADEME et sources : feuille Méthodologie');

  section('Obligation légale de réemploi (loi REEN, décret 2023-266)');
  const reenStatus = reen.met === null ? 'Pas d’objectif légal pour cette année' : `Objectif légal ${frenchPercent.format(reen.target ?? 0)} ${reen.met ? 'atteint' : 'non atteint'}`;
  line(
    `Ratio légal de réemploi ${reen.year} (décret 2023-266)`,
    reen.ratio,
    FMT.percent,
    `${reenStatus} : ${reen.reused} réemployés ÷ ${reen.heldOnJanuary1} détenus au 1er janvier, jusqu’au ${frenchDay(reen.through)}${reen.ratio !== null && reen.ratio > 1 ? ' (peut dépasser 100 % : les matériels réformés et réemployés dans l’année comptent aussi)' : ''}`,
    { value: reen.target, numFmt: FMT.percent },
  );

  sheet.addRow([]).commit();
  const last = banner('Détail par territoire, par type d’appareil et par mois, méthode de calcul et sources des facteurs : feuilles suivantes du classeur.', { font: { ...FONT, italic: true, size: 10, color: { argb: 'FF595959' } } });
  sheet.pageSetup.printArea = `A1:E${last}`;
  sheet.commit();
}

function flowSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.flows, [{ header: 'Type / mois', width: 20 }, ...STEPS.map((step) => ({ header: STEP_LABELS[step], width: 16, numFmt: FMT.integer }))], { landscape: true });
  addRows(sheet, DEVICE_TYPES.map((type) => [TYPE_LABELS[type], ...STEPS.map((step) => summary.devices.byType[type][step])]));
  const total = sheet.addRow(['Total', ...STEPS.map((step) => summary.devices[step])]);
  total.font = { ...FONT, bold: true };
  total.commit();
  sheet.addRow([]).commit();
  addRows(sheet, summary.devices.byMonth.map((month) => [month.month, ...STEPS.map((step) => month[step])]));
  sheet.commit();
}

function commitmentSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.commitments, [
    { header: 'Engagement', width: 40 },
    { header: 'Réalisé', width: 14, numFmt: FMT.integer },
    { header: 'Engagement (prorata)', width: 20, numFmt: FMT.decimal },
    { header: '% atteint', width: 12, numFmt: FMT.percent },
  ]);
  const { commitments } = summary;
  addRows(sheet, [
    ['Appareils donnés', commitments.devicesDonated.actual, commitments.devicesDonated.committed, commitments.devicesDonated.achieved],
    ['Habitants équipés', commitments.residentsEquipped.actual, commitments.residentsEquipped.committed, commitments.residentsEquipped.achieved],
    ['Habitants orientés vers une formation (souhait)', commitments.residentsTrained.actual, commitments.residentsTrained.committed, commitments.residentsTrained.achieved],
    ['Ventes à prix solidaire', commitments.solidaritySales.actual, commitments.solidaritySales.committed, commitments.solidaritySales.achieved],
  ]);
  sheet.addRow([]).commit();
  const header = sheet.addRow(['Convention', 'Début', 'Fin', 'Part de la convention dans la période', 'Engagement de réemploi']);
  header.font = { ...FONT, bold: true };
  header.commit();
  for (const agreement of commitments.agreements) {
    const row = sheet.addRow([agreement.partner, dayDate(agreement.startsOn), dayDate(agreement.endsOn), agreement.share, agreement.reuseCommitmentRef ?? '—']);
    row.getCell(2).numFmt = FMT.date;
    row.getCell(3).numFmt = FMT.date;
    row.getCell(4).numFmt = FMT.percent;
    row.commit();
  }
  sheet.commit();
}

function residentSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.residents, [{ header: 'Indicateur', width: 52 }, { header: 'Valeur', width: 16 }]);
  const { allocations } = summary;
  const rows: [string, number | null, string][] = [
    ['Attributions (ventes solidaires)', allocations.count, FMT.integer],
    ['Habitants équipés', allocations.residentsEquipped, FMT.integer],
    ['Habitants équipés souhaitant une formation', allocations.residentsTrained, FMT.integer],
    ['Recettes solidaires', allocations.revenueEur, FMT.euro],
    ['Économies des ménages (prix neuf de référence − prix payé)', allocations.householdSavingsEur, FMT.euro],
    ['Attributions avec un prix de référence renseigné', allocations.allocationsWithReferencePrice, FMT.integer],
    ['Délai médian enregistrement → attribution (jours)', allocations.daysToAllocation.median, FMT.decimal],
    ['Délai 90e centile (jours)', allocations.daysToAllocation.p90, FMT.decimal],
  ];
  for (const [label, value, numFmt] of rows) {
    const row = sheet.addRow([label, value]);
    row.getCell(2).numFmt = numFmt;
    row.commit();
  }
  sheet.commit();
}

function territorySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.territories, [
    { header: 'Territoire', width: 30 },
    { header: 'Orientations', width: 12, numFmt: FMT.integer },
    { header: 'Habitants orientés', width: 12, numFmt: FMT.integer },
    { header: 'Habitants équipés', width: 12, numFmt: FMT.integer },
    { header: 'dont formation souhaitée', width: 12, numFmt: FMT.integer },
    { header: 'Appareils attribués', width: 12, numFmt: FMT.integer },
    { header: 'Recettes solidaires', width: 14, numFmt: FMT.euro },
    { header: 'Économies des ménages', width: 14, numFmt: FMT.euro },
    { header: 'Masse détournée (kg)', width: 13, numFmt: FMT.decimal },
    { header: 'CO2e évités (kg)', width: 13, numFmt: FMT.decimal },
  ], { landscape: true });
  // in the order of the columns above
  const columns = ['referrals', 'residentsReferred', 'residentsEquipped', 'residentsTrained', 'devicesAllocated', 'revenueEur', 'householdSavingsEur', 'massDivertedKg', 'co2eAvoidedKg'] as const;
  addRows(sheet, summary.byTerritory.map((row) => [row.territory, ...columns.map((key) => row[key])]));
  if (summary.byTerritory.length > 1) {
    const sum = (key: (typeof columns)[number]) => Math.round(summary.byTerritory.reduce((total, row) => total + row[key], 0) * 1000) / 1000;
    const total = sheet.addRow(['Total', ...columns.map(sum)]);
    total.font = { ...FONT, bold: true };
    total.commit();
  }
  sheet.addRow([]).commit();
  const note = sheet.addRow(['Orientations : écrites dans la période. Habitants équipés, attributions, recettes, économies, masse et CO2e : attributions de la période, territoire de l’orientation. Un territoire sans activité figure avec des zéros ; un habitant orienté deux fois compte une fois.']);
  sheet.mergeCells(note.number, 1, note.number, 10);
  note.font = { ...FONT, italic: true, size: 10 };
  note.alignment = { wrapText: true, vertical: 'top' };
  fitRowHeight(note, [144]);
  note.commit();
  sheet.commit();
}

function nordSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.nord, [
    { header: 'Type', width: 16 },
    { header: 'Appareils réemployés', width: 14, numFmt: FMT.integer },
    { header: 'Masse par appareil (kg)', width: 14, numFmt: FMT.decimal },
    { header: 'Masse détournée (kg)', width: 16, numFmt: FMT.decimal },
    { header: 'Méthode CO2e', width: 14 },
    { header: 'kg CO2e évités par appareil', width: 16, numFmt: FMT.decimal },
    { header: 'kg CO2e évités', width: 16, numFmt: FMT.decimal },
    { header: 'Source masse', width: 50 },
    { header: 'Source CO2e', width: 80 },
  ], { landscape: true });
  addRows(sheet, summary.nordDurable.byType.map((row) => [TYPE_LABELS[row.deviceType], row.devices, row.massKgPerDevice, row.massDivertedKg, row.avoidedMethod === 'per_year' ? 'par année' : 'fabrication', row.co2eKgPerDevice, row.co2eAvoidedKg, row.massSource, row.co2eSource]));
  const total = sheet.addRow(['Total', summary.nordDurable.devicesReused, null, summary.nordDurable.massDivertedKg, null, null, summary.nordDurable.co2eAvoidedKg]);
  total.font = { ...FONT, bold: true };
  total.commit();
  const missing = missingFactorNote(summary);
  if (missing) sheet.addRow([missing]).commit();
  sheet.commit();
}

function reenSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.reen, [{ header: 'Élément', width: 60 }, { header: 'Valeur', width: 16 }]);
  const { reen } = summary;
  const rows: [string, number | string | null, string | undefined][] = [
    ['Année civile', reen.year, '0'],
    ['Jusqu’au', frenchDay(reen.through), undefined],
    ['Matériels réformés détenus au 1er janvier (moins de 10 ans)', reen.heldOnJanuary1, FMT.integer],
    ['Matériels réemployés ou réutilisés pendant l’année', reen.reused, FMT.integer],
    ['Ratio', reen.ratio, FMT.percent],
    ['Objectif légal', reen.target, FMT.percent],
    ['Objectif atteint', reen.met === null ? '—' : reen.met ? 'oui' : 'non', undefined],
    ['Exclus : plus de 10 ans à la réforme', reen.excludedOlderThan10Years, FMT.integer],
    ['Détenus au 1er janvier sans année de fabrication (comptés)', reen.heldWithUnknownYear, FMT.integer],
  ];
  for (const [label, value, numFmt] of rows) {
    const row = sheet.addRow([label, value]);
    if (numFmt) row.getCell(2).numFmt = numFmt;
    row.commit();
  }
  sheet.commit();
}

function methodologySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.methodology, [
    { header: 'Type', width: 16 },
    { header: 'Masse (kg)', width: 12, numFmt: FMT.decimal },
    { header: 'Source masse', width: 50 },
    { header: 'Fabrication (kg CO2e)', width: 14, numFmt: FMT.decimal },
    { header: 'Source fabrication', width: 80 },
    { header: 'Méthode CO2e évité', width: 14 },
    { header: 'Évité par an (kg CO2e)', width: 14, numFmt: FMT.decimal },
    { header: 'Source évité par an', width: 80 },
    { header: 'Années de seconde vie', width: 12, numFmt: FMT.decimal },
    { header: 'Source durée', width: 40 },
    { header: 'Prix neuf de référence', width: 14, numFmt: FMT.euro },
    { header: 'Source prix', width: 50 },
    { header: 'Version', width: 30 },
    { header: 'Publié le', width: 12, numFmt: FMT.date },
    { header: 'Modifié le', width: 16, numFmt: FMT.dateTime },
  ], { landscape: true });
  for (const factor of summary.factors) {
    const row = sheet.addRow([
      TYPE_LABELS[factor.deviceType], factor.massKg, factor.massSource, factor.manufacturingKgco2e, factor.manufacturingSource,
      factor.avoidedMethod === 'per_year' ? 'par année' : 'fabrication', factor.avoidedKgco2ePerYear, factor.avoidedSource,
      factor.secondLifeYears, factor.secondLifeSource, factor.referenceNewPriceEur, factor.priceSource, factor.version,
      factor.publishedOn ? dayDate(factor.publishedOn) : null, parisDate(factor.updatedAt),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  sheet.addRow([]).commit();
  const header = sheet.addRow(['Indicateur', 'Formule en mots']);
  header.font = { ...FONT, bold: true };
  header.commit();
  for (const [name, formula] of FORMULAS) {
    const row = sheet.addRow([name, formula]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  sheet.commit();
}

/**
 * Reads a query page by page (keyset on id), so a sheet of 100,000 rows never sits in memory; the
 * next page is already asked for while the current one is written (the database and the XML
 * writer work at the same time).
 */
async function* pages<T extends { id: number | string }>(em: EntityManager, sql: (afterId: string) => string, values: unknown[], breathe: () => Promise<void>): AsyncGenerator<T[]> {
  const fetch = (after: number | string) => {
    const page = em.execute<T[]>(sql('?'), [...values, after, PAGE]);
    // a page asked for ahead and never read (the download was cut) must not become an unhandled rejection
    page.catch(() => {});
    return page;
  };
  let next: Promise<T[]> | null = fetch(0);
  while (next) {
    const rows: T[] = await next;
    next = rows.length === PAGE ? fetch(rows[rows.length - 1].id) : null;
    if (rows.length) yield rows;
    // let the zip and the socket catch up before the next page (the page asked ahead is often
    // ready at once, and without this the loop would never give them a turn: memory would grow)
    await breathe();
  }
}

const START = `(?::date)::timestamp at time zone 'Europe/Paris'`;
const END = `((?::date) + 1)::timestamp at time zone 'Europe/Paris'`;

async function rawSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, em: EntityManager, parameters: ReportParameters, output: Writable) {
  const breathe = async () => {
    if (output.writableNeedDrain) await once(output, 'drain');
    else await new Promise((resolve) => setImmediate(resolve));
  };
  const { from, to } = parameters;
  const territory = parameters.territory || null;

  // devices with at least one event in the period; no serial or inventory number needed here
  const devicesColumns: Column[] = [
    { header: 'N° Réemploi', width: 18 }, { header: 'Type', width: 14 }, { header: 'Marque', width: 14 }, { header: 'Modèle', width: 24 },
    { header: 'Année', width: 8, numFmt: '0' }, { header: 'Statut actuel', width: 20 }, { header: 'Site d’origine', width: 24 }, { header: 'Enregistré le', width: 16, numFmt: FMT.dateTime },
  ];
  const devices = tableSheet(workbook, SHEETS.devices, devicesColumns, { landscape: true });
  const writeDevices = dataRowWriter(devices, devicesColumns);
  for await (const rows of pages<{ id: number; asset_tag: string; type: string; brand: string | null; model: string | null; year: number | null; status: string; origin_site: string; created_at: Date }>(
    em,
    (after) => `select d.id, d.asset_tag, d.type, d.brand, d.model, d.year, d.status, d.origin_site, d.created_at from devices d
      where exists (select 1 from events e where e.device_id = d.id and e.at >= ${START} and e.at < ${END}) and d.id > ${after} order by d.id limit ?`,
    [from, to],
    breathe,
  )) {
    for (const row of rows) writeDevices([row.asset_tag, TYPE_LABELS[row.type] ?? row.type, row.brand ?? '', row.model ?? '', row.year, STATUS_LABELS[row.status] ?? row.status, row.origin_site, parisDate(row.created_at)]);
  }
  await devices.commit();

  // status changes of the period: no actor (staff names) and no free-text reason
  const eventsColumns: Column[] = [
    { header: 'N° événement', width: 12, numFmt: '0' }, { header: 'N° Réemploi', width: 18 }, { header: 'Type d’appareil', width: 14 },
    { header: 'De', width: 20 }, { header: 'Vers', width: 20 }, { header: 'Date', width: 16, numFmt: FMT.dateTime }, { header: 'Site', width: 24 },
  ];
  const events = tableSheet(workbook, SHEETS.events, eventsColumns, { landscape: true });
  const writeEvents = dataRowWriter(events, eventsColumns);
  for await (const rows of pages<{ id: string; asset_tag: string; type: string; from_status: string | null; to_status: string; at: Date; site: string | null }>(
    em,
    (after) => `select e.id, d.asset_tag, d.type, e.from_status, e.to_status, e.at, e.site from events e join devices d on d.id = e.device_id
      where e.at >= ${START} and e.at < ${END} and e.to_status is not null and e.id > ${after} order by e.id limit ?`,
    [from, to],
    breathe,
  )) {
    for (const row of rows) writeEvents([Number(row.id), row.asset_tag, TYPE_LABELS[row.type] ?? row.type, row.from_status ? STATUS_LABELS[row.from_status] : '', STATUS_LABELS[row.to_status] ?? row.to_status, parisDate(row.at), row.site ?? '']);
  }
  await events.commit();

  // allocations of the period on the territory: no person, no voucher code
  const allocationsColumns: Column[] = [
    { header: 'N° attribution', width: 12, numFmt: '0' }, { header: 'N° Réemploi', width: 18 }, { header: 'Type', width: 14 }, { header: 'Territoire', width: 24 },
    { header: 'Formation souhaitée', width: 12 }, { header: 'Prix payé', width: 14, numFmt: FMT.euro }, { header: 'Date', width: 16, numFmt: FMT.dateTime },
  ];
  const allocations = tableSheet(workbook, SHEETS.allocations, allocationsColumns, { landscape: true });
  const writeAllocations = dataRowWriter(allocations, allocationsColumns);
  for await (const rows of pages<{ id: number; asset_tag: string; type: string; territory: string; training_wanted: boolean; price_cents: number; allocated_at: Date }>(
    em,
    (after) => `select a.id, d.asset_tag, d.type, r.territory, r.training_wanted, a.price_cents, a.allocated_at
      from allocations a join devices d on d.id = a.device_id join referrals r on r.id = a.referral_id
      where a.allocated_at >= ${START} and a.allocated_at < ${END} and (?::text is null or r.territory = ?::text) and a.id > ${after} order by a.id limit ?`,
    [from, to, territory, territory],
    breathe,
  )) {
    for (const row of rows) writeAllocations([row.id, row.asset_tag, TYPE_LABELS[row.type] ?? row.type, row.territory, row.training_wanted ? 'oui' : 'non', row.price_cents / 100, parisDate(row.allocated_at)]);
  }
  await allocations.commit();
}

export async function writePartnershipWorkbook(em: EntityManager, parameters: ReportParameters, summary: Summary, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Réemploi — Département du Nord';
  workbook.created = new Date();
  summarySheet(workbook, summary, workbook.created);
  flowSheet(workbook, summary);
  commitmentSheet(workbook, summary);
  residentSheet(workbook, summary);
  territorySheet(workbook, summary);
  nordSheet(workbook, summary);
  reenSheet(workbook, summary);
  methodologySheet(workbook, summary);
  await rawSheets(workbook, em, parameters, output);
  await workbook.commit();
}
