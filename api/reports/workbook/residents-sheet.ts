import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { FMT } from './styles.js';
import { addLabelledValues, tableSheet, type WorkbookWriter } from './table-sheet.js';

/** Allocations of the period: residents equipped, prices, households' savings, delays. */
export function residentSheet(workbook: WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.residents, [{ header: 'Indicateur', width: 52 }, { header: 'Valeur', width: 16 }]);
  const { allocations } = summary;
  addLabelledValues(sheet, [
    ['Attributions (ventes solidaires)', allocations.count, FMT.integer],
    ['Habitants équipés', allocations.residentsEquipped, FMT.integer],
    ['Habitants équipés souhaitant une formation', allocations.residentsTrained, FMT.integer],
    ['Recettes solidaires', allocations.revenueEur, FMT.euro],
    ['Économies des ménages (prix neuf de référence − prix payé)', allocations.householdSavingsEur, FMT.euro],
    ['Attributions avec un prix de référence renseigné', allocations.allocationsWithReferencePrice, FMT.integer],
    ['Délai médian enregistrement → attribution (jours)', allocations.daysToAllocation.median, FMT.decimal],
    ['Délai 90e centile (jours)', allocations.daysToAllocation.p90, FMT.decimal],
  ]);
  sheet.commit();
}
