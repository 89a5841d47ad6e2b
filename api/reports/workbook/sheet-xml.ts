import ExcelJS from 'exceljs';
import type { Column, WorkbookWriter } from './table-sheet.js';

/** A data sheet's cell: what the data sheets' `cells` give (empty: null). */
export type DataCell = number | string | Date | null | undefined;

/** The parts of exceljs's streaming writer (4.4) this file uses, which its typings leave out. */
interface WorkbookWriterInternals {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
}
interface WorksheetWriterInternals {
  startedData: boolean;
  stream: { write(xml: string): unknown };
  /** The rows added and not yet committed. */
  _rows: unknown[];
  /** The number the next row will have. */
  _rowZero: number;
}

/**
 * Writes the rows of a data sheet (after its header row, committed by exceljs) as SpreadsheetML,
 * one string per page of rows, into the sheet's part of the zip. exceljs's own row writer builds a row
 * model, looks up every cell's style and assembles every cell's XML through an XML stream object:
 * most of the export's time at 100k devices (bench/README.md, round 3). A data sheet's cells are
 * only numbers, texts, dates (in a column with a date format) or empty, with one style a column,
 * so each row is written here as exceljs writes it: tests/unit/workbook-rows.test.ts compares the
 * two byte for byte. A number that is not finite or an invalid date is written as an empty cell
 * (exceljs would write "NaN", which Excel refuses). It uses parts of exceljs's writer its typings
 * leave out (the style table, the sheet's stream and its row count): exceljs is pinned to 4.4.0,
 * and they are checked before anything is written.
 */
export function fastRowWriter(workbook: WorkbookWriter, sheet: ExcelJS.Worksheet, columns: Column[]) {
  const internals = sheet as unknown as WorksheetWriterInternals;
  const styles = (workbook as unknown as WorkbookWriterInternals).styles;
  const ready = internals.startedData && Array.isArray(internals._rows) && Number.isInteger(internals._rowZero) && typeof internals.stream?.write === 'function';
  if (!ready || typeof styles?.addStyleModel !== 'function') {
    throw new Error('exceljs: the worksheet writer is not the one this code was written for (4.4), or the header row is not committed');
  }
  // each column's style id, as exceljs registers it for its own cells: its number format, or none
  const styleAttributes = columns.map((column) => {
    const id = column.numFmt ? styles.addStyleModel({ numFmt: column.numFmt }, ExcelJS.ValueType.Number) : 0;
    return id ? ` s="${id}"` : '';
  });
  const letters = columns.map((_column, index) => columnLetters(index + 1));
  // a page of rows is one write: each write into exceljs's stream is a buffer, a promise and a write into the zip
  return (rows: DataCell[][]) => {
    // rows are written in order: those exceljs holds (none, after the header's commit) would come after these
    if (internals._rows.length) throw new Error('data sheet: a row added through exceljs is not committed');
    const xml: string[] = [];
    for (const values of rows) {
      if (values.length > columns.length) throw new Error(`data sheet: a row of ${values.length} cells for ${columns.length} columns`);
      const row = rowXml(internals._rowZero++, values, letters, styleAttributes);
      if (row) xml.push(row);
    }
    if (xml.length) internals.stream.write(xml.join(''));
  };
}

/**
 * One row as exceljs writes it: its cells, and the span from its first value given to its last
 * (an empty cell counts, a value not given does not); a row without a value is left out.
 */
function rowXml(rowNumber: number, values: DataCell[], letters: string[], styleAttributes: string[]): string {
  let cells = '';
  let first = 0;
  let last = 0;
  let hasValue = false;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === undefined) continue;
    cells += cellXml(`${letters[index]}${rowNumber}`, styleAttributes[index], value);
    first ||= index + 1;
    last = index + 1;
    hasValue ||= value !== null;
  }
  return hasValue ? `<row r="${rowNumber}" spans="${first}:${last}" x14ac:dyDescent="0.25">${cells}</row>` : '';
}

/** One cell as exceljs writes it: an empty cell is left out, or kept for its style. */
function cellXml(reference: string, style: string, value: DataCell): string {
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${reference}"${style}><v>${value}</v></c>`;
  if (typeof value === 'string') return `<c r="${reference}"${style} t="str"><v>${xmlText(value)}</v></c>`;
  // a date is a number of days since 30 December 1899 (exceljs's dateToExcel), shown as a date by its column's format
  if (value instanceof Date && !style) throw new Error(`data sheet: a date in column ${reference.replace(/\d+$/, '')}, which has no date format`);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return `<c r="${reference}"${style}><v>${25569 + value.getTime() / 86_400_000}</v></c>`;
  return style ? `<c r="${reference}"${style}/>` : '';
}

const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text escaped for XML; the control characters XML 1.0 forbids are dropped, as exceljs drops them. */
export function xmlText(text: string): string {
  return text.replace(XML_SPECIAL, (character) => XML_ENTITIES[character] ?? '');
}

/** A, B, … Z, AA, AB … for a 1-based column number. */
function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}
