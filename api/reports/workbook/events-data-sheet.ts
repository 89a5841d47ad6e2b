import { TYPE_LABELS } from '../../devices/device-names.js';
import type { ReportParameters } from '../indicators.js';
import { inPeriod } from '../sql.js';
import type { DataSheet } from './data-sheet.js';
import { SHEETS, STATUS_LABELS } from './labels.js';
import { parisDate } from './paris-time.js';
import { FMT } from './styles.js';

type EventRow = { id: string; asset_tag: string; type: string; from_status: string | null; to_status: string; at: Date; site: string | null };

/** Status changes of the period: no actor (staff names) and no free-text reason. */
export const eventsDataSheet = ({ from, to }: ReportParameters): DataSheet<EventRow> => ({
  name: SHEETS.events,
  columns: [
    { header: 'N° événement', width: 12, numFmt: '0' }, { header: 'N° Réemploi', width: 18 }, { header: 'Type d’appareil', width: 14 },
    { header: 'De', width: 20 }, { header: 'Vers', width: 20 }, { header: 'Date', width: 16, numFmt: FMT.dateTime }, { header: 'Site', width: 24 },
  ],
  query: (after) => `select e.id, d.asset_tag, d.type, e.from_status, e.to_status, e.at, e.site from events e join devices d on d.id = e.device_id
    where ${inPeriod('e.at')} and e.to_status is not null and e.id > ${after} order by e.id limit ?`,
  values: [from, to],
  cells: (row) => [Number(row.id), row.asset_tag, TYPE_LABELS[row.type] ?? row.type, row.from_status ? STATUS_LABELS[row.from_status] : '', STATUS_LABELS[row.to_status] ?? row.to_status, parisDate(row.at), row.site ?? ''],
});
