import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { dayDate } from './paris-time.js';
import { BOLD_FONT, FMT } from './styles.js';
import { addRows, tableSheet, type WorkbookWriter } from './table-sheet.js';

/** Each commitment against its pro rata, then the agreements and their share of the period. */
export function commitmentSheet(workbook: WorkbookWriter, summary: Summary) {
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
  header.font = BOLD_FONT;
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
