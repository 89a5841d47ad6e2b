import type { Summary } from './types.js';

export type TerritoryRow = Summary['byTerritory'][number];

/** A territory with no referral and no allocation yet: greyed in the table, left out of the chart. */
export const active = (row: TerritoryRow) => row.residentsReferred + row.devicesAllocated > 0;
