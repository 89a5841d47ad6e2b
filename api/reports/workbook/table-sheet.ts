import type ExcelJS from 'exceljs';
import { fitRowHeight } from './row-height.js';
import { A4_ONE_PAGE_WIDE, pageFooter, styleHeaderRow } from './styles.js';

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

export interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

/** A sheet with a bold, frozen header row and an autofilter over its columns. */
export function tableSheet(workbook: WorkbookWriter, name: string, columns: Column[], options: { landscape?: boolean } = {}) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      ...A4_ONE_PAGE_WIDE,
      orientation: options.landscape ? 'landscape' : 'portrait',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      // the header row is printed again at the top of every page
      printTitlesRow: '1:1',
    },
    headerFooter: { oddFooter: pageFooter(name) },
  });
  sheet.columns = columns.map((column) => ({ width: column.width, style: column.numFmt ? { numFmt: column.numFmt } : {} }));
  const header = sheet.addRow(columns.map((column) => column.header));
  styleHeaderRow(header, columns.flatMap((column, index) => (column.numFmt ? [index + 1] : [])));
  fitRowHeight(header, columns.map((column) => column.width));
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

export function addRows(sheet: ExcelJS.Worksheet, rows: unknown[][]) {
  for (const row of rows) sheet.addRow(row).commit();
}

/** Label and value rows, the value in column 2 with its number format. */
export function addLabelledValues(sheet: ExcelJS.Worksheet, rows: [string, number | string | null, string | undefined][]) {
  for (const [label, value, numFmt] of rows) {
    const row = sheet.addRow([label, value]);
    if (numFmt) row.getCell(2).numFmt = numFmt;
    row.commit();
  }
}
