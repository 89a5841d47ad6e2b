import { TYPE_LABELS } from '../../devices/device-names.js';
import type { ReportParameters } from '../indicators.js';
import { ALLOCATIONS, inPeriod, ON_TERRITORY, onTerritoryValues } from '../sql.js';
import type { DataSheet } from './data-sheet.js';
import { SHEETS } from './labels.js';
import { parisDate } from './paris-time.js';
import { FMT } from './styles.js';

type AllocationRow = { id: number; asset_tag: string; type: string; territory: string; training_wanted: boolean; price_cents: number; allocated_at: Date };

/** Allocations of the period on the chosen territory: no person, no voucher code. */
export const allocationsDataSheet = ({ from, to, territory }: ReportParameters): DataSheet<AllocationRow> => ({
  name: SHEETS.allocations,
  columns: [
    { header: 'N° attribution', width: 12, numFmt: '0' }, { header: 'N° Réemploi', width: 18 }, { header: 'Type', width: 14 }, { header: 'Territoire', width: 24 },
    { header: 'Formation souhaitée', width: 12 }, { header: 'Prix payé', width: 14, numFmt: FMT.euro }, { header: 'Date', width: 16, numFmt: FMT.dateTime },
  ],
  query: (after) => `select a.id, d.asset_tag, d.type, r.territory, r.training_wanted, a.price_cents, a.allocated_at
    from ${ALLOCATIONS}
    where ${inPeriod('a.allocated_at')} and ${ON_TERRITORY} and a.id > ${after} order by a.id limit ?`,
  values: [from, to, ...onTerritoryValues(territory)],
  cells: (row) => [row.id, row.asset_tag, TYPE_LABELS[row.type] ?? row.type, row.territory, row.training_wanted ? 'oui' : 'non', row.price_cents / 100, parisDate(row.allocated_at)],
});
