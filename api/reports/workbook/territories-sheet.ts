import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { fitRowHeight } from './row-height.js';
import { BOLD_FONT, FMT, FONT } from './styles.js';
import { addRows, tableSheet, type WorkbookWriter } from './table-sheet.js';

/** One row per territory, a total when there are several, and what each column counts. */
export function territorySheet(workbook: WorkbookWriter, summary: Summary) {
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
    total.font = BOLD_FONT;
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
