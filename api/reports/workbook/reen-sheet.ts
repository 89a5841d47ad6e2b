import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { frenchDay } from './paris-time.js';
import { FMT } from './styles.js';
import { addLabelledValues, tableSheet, type WorkbookWriter } from './table-sheet.js';

/** The legal reuse ratio and what it is made of. */
export function reenSheet(workbook: WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.reen, [{ header: 'Élément', width: 60 }, { header: 'Valeur', width: 16 }]);
  const { reen } = summary;
  addLabelledValues(sheet, [
    ['Année civile', reen.year, '0'],
    ['Jusqu’au', frenchDay(reen.through), undefined],
    ['Matériels réformés détenus au 1er janvier (moins de 10 ans)', reen.heldOnJanuary1, FMT.integer],
    ['Matériels réemployés ou réutilisés pendant l’année', reen.reused, FMT.integer],
    ['Ratio', reen.ratio, FMT.percent],
    ['Objectif légal', reen.target, FMT.percent],
    ['Objectif atteint', reen.met === null ? '—' : reen.met ? 'oui' : 'non', undefined],
    ['Exclus : plus de 10 ans à la réforme', reen.excludedOlderThan10Years, FMT.integer],
    ['Détenus au 1er janvier sans année de fabrication (comptés)', reen.heldWithUnknownYear, FMT.integer],
  ]);
  sheet.commit();
}
