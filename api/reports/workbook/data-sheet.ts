import type { EntityManager } from '@mikro-orm/postgresql';
import { pages } from './paging.js';
import { fastRowWriter, type DataCell } from './sheet-xml.js';
import { tableSheet, type Column, type WorkbookWriter } from './table-sheet.js';

export interface DataSheet<T extends { id: number | string }> {
  name: string;
  columns: Column[];
  /** The query of one page: rows after the id `afterId` stands for, ordered by id, `limit ?`. */
  query: (afterId: string) => string;
  /** The values of the query's placeholders, before those of the page. */
  values: unknown[];
  /** One row's cells, in the order of the columns. */
  cells: (row: T) => DataCell[];
}

/** A sheet of raw rows, read page by page and committed as they are written (memory stays flat). */
export async function writeDataSheet<T extends { id: number | string }>(workbook: WorkbookWriter, em: EntityManager, breathe: () => Promise<void>, data: DataSheet<T>) {
  const sheet = tableSheet(workbook, data.name, data.columns, { landscape: true });
  const write = fastRowWriter(workbook, sheet, data.columns);
  for await (const rows of pages<T>(em, data.query, data.values, breathe)) {
    write(rows.map((row) => data.cells(row)));
  }
  await sheet.commit();
}
