import { TYPE_LABELS } from '../../devices/device-names.js';
import type { ReportParameters } from '../indicators.js';
import { inPeriod } from '../sql.js';
import type { DataSheet } from './data-sheet.js';
import { SHEETS, STATUS_LABELS } from './labels.js';
import { parisDate } from './paris-time.js';
import { FMT } from './styles.js';

type DeviceRow = { id: number; asset_tag: string; type: string; brand: string | null; model: string | null; year: number | null; status: string; origin_site: string; created_at: Date };

/** Devices with at least one event in the period; no serial or inventory number needed here. */
export const devicesDataSheet = ({ from, to }: ReportParameters): DataSheet<DeviceRow> => ({
  name: SHEETS.devices,
  columns: [
    { header: 'N° Réemploi', width: 18 }, { header: 'Type', width: 14 }, { header: 'Marque', width: 14 }, { header: 'Modèle', width: 24 },
    { header: 'Année', width: 8, numFmt: '0' }, { header: 'Statut actuel', width: 20 }, { header: 'Site d’origine', width: 24 }, { header: 'Enregistré le', width: 16, numFmt: FMT.dateTime },
  ],
  query: (after) => `select d.id, d.asset_tag, d.type, d.brand, d.model, d.year, d.status, d.origin_site, d.created_at from devices d
    where exists (select 1 from events e where e.device_id = d.id and ${inPeriod('e.at')}) and d.id > ${after} order by d.id limit ?`,
  values: [from, to],
  cells: (row) => [row.asset_tag, TYPE_LABELS[row.type] ?? row.type, row.brand ?? '', row.model ?? '', row.year, STATUS_LABELS[row.status] ?? row.status, row.origin_site, parisDate(row.created_at)],
});
