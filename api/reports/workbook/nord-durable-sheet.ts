import { TYPE_LABELS } from '../../devices/device-names.js';
import type { Summary } from '../indicators.js';
import { SHEETS } from './labels.js';
import { BOLD_FONT, FMT } from './styles.js';
import { addRows, tableSheet, type WorkbookWriter } from './table-sheet.js';

/** Types whose mass or CO2e factor is missing, in words (the JSON gives `laptop.massKg`-style keys). */
export function missingFactorNote(summary: Summary): string {
  const names = (rows: Summary['nordDurable']['byType']) => rows.map((row) => TYPE_LABELS[row.deviceType] ?? row.deviceType).join(', ');
  const noMass = summary.nordDurable.byType.filter((row) => row.massKgPerDevice === null);
  const noCo2e = summary.nordDurable.byType.filter((row) => row.co2eKgPerDevice === null);
  return [
    noMass.length ? `Comptés zéro faute de masse de référence : ${names(noMass)} (à renseigner dans les facteurs).` : '',
    noCo2e.length ? `Sans facteur CO2e : ${names(noCo2e)}.` : '',
  ].filter(Boolean).join(' ');
}

/** The allocated types whose mass or new price is a demonstration value (demo data only), in words; '' when none. */
export function demoValuesNote(summary: Summary, kind: 'mass' | 'price'): string {
  const types = summary.nordDurable.demoValues?.[kind] ?? [];
  const what = kind === 'mass' ? 'masse' : 'prix neuf';
  return types.length ? `Valeurs de démonstration (${what}, sans source publiée) : ${types.map((type) => TYPE_LABELS[type] ?? type).join(', ')}.` : '';
}

/** Devices reused by type, with mass and CO2e per device, totals and sources. */
export function nordSheet(workbook: WorkbookWriter, summary: Summary) {
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
  total.font = BOLD_FONT;
  total.commit();
  const missing = missingFactorNote(summary);
  if (missing) sheet.addRow([missing]).commit();
  const demo = demoValuesNote(summary, 'mass');
  if (demo) sheet.addRow([demo]).commit();
  sheet.commit();
}
