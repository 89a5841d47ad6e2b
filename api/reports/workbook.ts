import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TYPE_LABELS } from '../devices/labels.js';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { FORMULAS, STEPS, type ReportParameters, type Step, type Summary } from './indicators.js';

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
    pageSetup: { paperSize: 9, orientation: options.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((column) => ({ width: column.width, style: column.numFmt ? { numFmt: column.numFmt } : {} }));
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = HEADER_FILL;
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

function summarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary, generatedAt: Date) {
  const sheet = workbook.addWorksheet(SHEETS.summary, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&LRéemploi — Département du Nord&RPage &P / &N' },
    views: [{ state: 'frozen', ySplit: 6 }],
  });
  sheet.columns = [{ width: 52 }, { width: 18 }, { width: 18 }, { width: 14 }, { width: 60 }];
  const title = sheet.addRow(['Partenariat de réemploi informatique — rapport au comité de pilotage']);
  title.font = { bold: true, size: 16 };
  title.commit();
  sheet.addRow([`Période : du ${frenchDay(summary.period.from)} au ${frenchDay(summary.period.to)}`]).commit();
  sheet.addRow([`Territoire : ${summary.period.territory ?? 'tout le Département'} (s’applique aux habitants et attributions ; les flux d’appareils ne dépendent pas du territoire)`]).commit();
  sheet.addRow([`Conventions : ${summary.commitments.agreements.map((agreement) => `${agreement.partner} (${frenchDay(agreement.startsOn)} → ${frenchDay(agreement.endsOn)})`).join(' ; ') || 'aucune sur la période'}`]).commit();
  const generated = sheet.addRow(['Édité le', parisDate(generatedAt)]);
  generated.getCell(2).numFmt = FMT.dateTime;
  generated.commit();
  const header = sheet.addRow(['Indicateur', 'Réalisé', 'Engagement (prorata)', '% atteint', 'Précision']);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = HEADER_FILL;
  header.commit();

  const { commitments, allocations, rates, nordDurable, reen, devices } = summary;
  const rows: [string, number | null, number | null, number | null, string, string][] = [
    ['Appareils donnés (remis au partenaire)', commitments.devicesDonated.actual, commitments.devicesDonated.committed, commitments.devicesDonated.achieved, 'Engagement du Département', FMT.integer],
    ['Habitants équipés', commitments.residentsEquipped.actual, commitments.residentsEquipped.committed, commitments.residentsEquipped.achieved, 'Engagement du partenaire', FMT.integer],
    ['Habitants orientés vers une formation', commitments.residentsTrained.actual, commitments.residentsTrained.committed, commitments.residentsTrained.achieved, 'Souhait exprimé à l’orientation, pas la présence', FMT.integer],
    ['Ventes à prix solidaire', commitments.solidaritySales.actual, commitments.solidaritySales.committed, commitments.solidaritySales.achieved, 'Engagement du partenaire', FMT.integer],
    ['Appareils enregistrés', devices.registered, null, null, '', FMT.integer],
    ['Appareils effacés', devices.sanitized, null, null, '', FMT.integer],
    ['Appareils reconditionnés', devices.refurbished, null, null, '', FMT.integer],
    ['Appareils recyclés', devices.recycled, null, null, '', FMT.integer],
    ['Appareils attribués', devices.allocated, null, null, '', FMT.integer],
    ['Recettes solidaires', allocations.revenueEur, null, null, '', FMT.euro],
    ['Économies des ménages', allocations.householdSavingsEur, null, null, `${allocations.allocationsWithReferencePrice} attribution(s) sur ${allocations.count} avec un prix de référence`, FMT.euro],
    ['Délai médian enregistrement → attribution (jours)', allocations.daysToAllocation.median, null, null, '', FMT.decimal],
    ['Délai 90e centile (jours)', allocations.daysToAllocation.p90, null, null, '', FMT.decimal],
    ['Taux de réemploi (attribués ÷ remis)', rates.reuse, null, null, '', FMT.percent],
    ['Taux de recyclage (recyclés ÷ remis)', rates.recycling, null, null, '', FMT.percent],
    ['Masse détournée des déchets', nordDurable.massDivertedKg, null, null, nordDurable.missingFactors.length ? `Facteurs manquants : ${nordDurable.missingFactors.join(', ')}` : '', FMT.kg],
    ['Gaz à effet de serre évités (kg CO2e)', nordDurable.co2eAvoidedKg, null, null, 'Facteurs et sources : feuille Méthodologie', FMT.decimal],
    [`Ratio légal de réemploi ${reen.year} (décret 2023-266)`, reen.ratio, reen.target, reen.ratio !== null && reen.target ? reen.ratio / reen.target : null, `${reen.reused} réemployés ÷ ${reen.heldOnJanuary1} détenus au 1er janvier, jusqu’au ${frenchDay(reen.through)}`, FMT.percent],
  ];
  for (const [label, actual, committed, achieved, note, numFmt] of rows) {
    const row = sheet.addRow([label, actual, committed, achieved, note]);
    row.getCell(2).numFmt = numFmt;
    row.getCell(3).numFmt = numFmt === FMT.percent ? FMT.percent : FMT.decimal;
    row.getCell(4).numFmt = FMT.percent;
    row.getCell(5).alignment = { wrapText: true };
    row.commit();
  }
  sheet.commit();
}

function flowSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.flows, [{ header: 'Type / mois', width: 20 }, ...STEPS.map((step) => ({ header: STEP_LABELS[step], width: 16, numFmt: FMT.integer }))], { landscape: true });
  addRows(sheet, DEVICE_TYPES.map((type) => [TYPE_LABELS[type], ...STEPS.map((step) => summary.devices.byType[type][step])]));
  const total = sheet.addRow(['Total', ...STEPS.map((step) => summary.devices[step])]);
  total.font = { bold: true };
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
  header.font = { bold: true };
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
  total.font = { bold: true };
  total.commit();
  if (summary.nordDurable.missingFactors.length) sheet.addRow([`Facteurs manquants (comptés zéro) : ${summary.nordDurable.missingFactors.join(', ')}`]).commit();
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
  header.font = { bold: true };
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
  nordSheet(workbook, summary);
  reenSheet(workbook, summary);
  methodologySheet(workbook, summary);
  await rawSheets(workbook, em, parameters, output);
  await workbook.commit();
}
