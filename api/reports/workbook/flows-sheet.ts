import { TYPE_LABELS } from '../../devices/device-names.js';
import { DEVICE_TYPES } from '../../devices/lifecycle.js';
import { STEPS, type Step } from '../flows.js';
import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { BOLD_FONT, FMT } from './styles.js';
import { addRows, tableSheet, type WorkbookWriter } from './table-sheet.js';

const STEP_LABELS: Record<Step, string> = {
  registered: 'Enregistrés',
  sanitized: 'Effacés',
  handedOver: 'Remis au partenaire',
  refurbished: 'Reconditionnés',
  recycled: 'Recyclés',
  allocated: 'Attribués',
};

/** Device flows by type, with the total, then by month. */
export function flowSheet(workbook: WorkbookWriter, summary: Summary) {
  const sheet = tableSheet(workbook, SHEETS.flows, [{ header: 'Type / mois', width: 20 }, ...STEPS.map((step) => ({ header: STEP_LABELS[step], width: 16, numFmt: FMT.integer }))], { landscape: true });
  addRows(sheet, DEVICE_TYPES.map((type) => [TYPE_LABELS[type], ...STEPS.map((step) => summary.devices.byType[type][step])]));
  const total = sheet.addRow(['Total', ...STEPS.map((step) => summary.devices[step])]);
  total.font = BOLD_FONT;
  total.commit();
  sheet.addRow([]).commit();
  addRows(sheet, summary.devices.byMonth.map((month) => [month.month, ...STEPS.map((step) => month[step])]));
  sheet.commit();
}
