import { TYPE_LABELS } from '../../devices/device-names.js';
import { FORMULAS } from '../formulas.js';
import { SOURCE_CATALOGUE } from '../../factors/source-catalogue.js';
import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { dayDate, parisDate } from './paris-time.js';
import { BOLD_FONT, FMT } from './styles.js';
import { tableSheet, type WorkbookWriter } from './table-sheet.js';
import type { CheckpointRow } from '../../transparency/transparency-log.js';

/**
 * The factors used, with their sources and versions, then each indicator's formula in words, the
 * documents cited and the transparency log's latest signed checkpoint (a copy outside the server).
 */
export function methodologySheet(workbook: WorkbookWriter, summary: Summary, checkpoint?: CheckpointRow) {
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
  header.font = BOLD_FONT;
  header.commit();
  for (const [name, formula] of FORMULAS) {
    const row = sheet.addRow([name, formula]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  writeSourceCatalogue(sheet);
  writeCheckpoint(sheet, checkpoint);
  sheet.commit();
}

/** The latest signed checkpoint: whoever keeps the workbook can later check the history was not rewritten. */
function writeCheckpoint(sheet: ReturnType<typeof tableSheet>, checkpoint: CheckpointRow | undefined) {
  sheet.addRow([]).commit();
  const header = sheet.addRow(['Journal de transparence', null, 'Dernier point de contrôle signé']);
  header.font = BOLD_FONT;
  header.commit();
  const lines: [string, string | number | Date][] = checkpoint
    ? [['Point de contrôle n°', checkpoint.id], ['Taille (feuilles)', checkpoint.size], ['Racine (SHA-256, base64)', checkpoint.rootHash.toString('base64')], ['Signé le', parisDate(checkpoint.signedAt)]]
    : [['Point de contrôle', 'aucun point de contrôle signé à la date du classeur']];
  for (const [label, value] of lines) {
    const row = sheet.addRow([label, null, value]);
    if (value instanceof Date) row.getCell(3).numFmt = FMT.dateTime;
    row.commit();
  }
}

/** The published documents the factors cite: the same catalogue as the factors screen. */
function writeSourceCatalogue(sheet: ReturnType<typeof tableSheet>) {
  sheet.addRow([]).commit();
  // laid out in the factor table's wide text columns (3, 5 and 8), away from its number formats
  const header = sheet.addRow(['Documents cités', null, 'Titre, éditeur, année', null, 'Adresse publique', null, null, 'Utilisé pour']);
  header.font = BOLD_FONT;
  header.commit();
  for (const [index, source] of SOURCE_CATALOGUE.entries()) {
    const row = sheet.addRow([`Document ${index + 1}`, null, `« ${source.title} », ${source.publisher}, ${source.year}`, null, source.url, null, null, source.usedFor]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
}
