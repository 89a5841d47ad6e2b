import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError, invalid } from '../../core/errors.js';
import { countOf } from '../../core/french.js';
import { mapHeaders } from './column-mapping.js';

/** A spreadsheet as header names and rows of text, with the row number the user sees in Excel. */
export interface Table {
  headers: string[];
  rows: { rowNumber: number; values: string[] }[];
}

/**
 * What one import file may hold, checked on each row as it is read: the first breach stops the
 * reading (a 1.2-million-column CSV is refused after its 201st cell, not after 12 MB of parsing).
 */
export const IMPORT_LIMITS = {
  /** Data rows: twice the 100,000 devices of the national-scale benchmark (bench/). */
  rows: 200_000,
  /** Columns: a GLPI export has the columns of its search, a few dozen. */
  columns: 200,
  /** Characters in a cell: what Excel itself holds (a GLPI cell listing every installed software is long). */
  cellLength: 32_767,
  /** Characters in a header cell: a column's name, not a paragraph. */
  headerLength: 200,
};

/** Characters of a CSV record, checked while a field grows (before the field's end is seen). */
const MAX_CSV_RECORD_LENGTH = 1_000_000;

/** An XLSX is a ZIP archive: it starts with a local file header. */
export const isZip = (buffer: Buffer) => buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;

const tooManyRows = () =>
  invalid(`Le fichier compte plus de ${countOf(IMPORT_LIMITS.rows, 'ligne')} ; découpez-le en fichiers de ${countOf(IMPORT_LIMITS.rows, 'ligne')} au plus.`, {
    maxRows: IMPORT_LIMITS.rows,
  });
const tooManyColumns = (rowNumber: number) =>
  invalid(`Ligne ${rowNumber} : plus de ${IMPORT_LIMITS.columns} colonnes. Gardez seulement les colonnes utiles à l'import (numéro de série, type, lieu…).`, {
    row: rowNumber,
    maxColumns: IMPORT_LIMITS.columns,
  });
const cellTooLong = (rowNumber: number, column: number) =>
  invalid(`Ligne ${rowNumber}, colonne ${column} : la cellule dépasse ${countOf(IMPORT_LIMITS.cellLength, 'caractère')}.`, {
    row: rowNumber,
    column,
    maxCellLength: IMPORT_LIMITS.cellLength,
  });

/** A few header names, each cut short: enough to recognise the file, never the whole row sent back. */
const headerSample = (headers: string[]) => headers.slice(0, 20).map((header) => (header.length > 40 ? `${header.slice(0, 40)}…` : header));

/** The first row must name the columns, one of them the serial number. */
function checkHeaderRow(headers: string[]): void {
  const long = headers.findIndex((header) => header.length > IMPORT_LIMITS.headerLength);
  if (long >= 0) {
    throw new AppError(
      400,
      'IMPORT_NOT_A_HEADER',
      `La première ligne du fichier doit donner le nom des colonnes : sa cellule ${long + 1} compte plus de ${IMPORT_LIMITS.headerLength} caractères.`,
      { columnCount: headers.length, headers: headerSample(headers) },
    );
  }
  if (!mapHeaders(headers).some((column) => column.field === 'serialNumber')) {
    throw new AppError(
      400,
      'IMPORT_NO_SERIAL_COLUMN',
      'Aucune colonne « Numéro de série » : elle est nécessaire pour reconnaître les appareils. La première ligne du fichier doit donner le nom des colonnes.',
      { columnCount: headers.length, headers: headerSample(headers) },
    );
  }
}

/**
 * Collects the rows one at a time, checking the limits on each. Cells of columns the import does
 * not read are dropped as they arrive (kept as ''), so memory follows the useful data only.
 */
class TableBuilder {
  readonly table: Table = { headers: [], rows: [] };
  private read: boolean[] = [];
  private lastRead = -1;

  get hasHeader(): boolean {
    return this.read.length > 0;
  }

  add(values: string[], rowNumber: number): void {
    if (values.length > IMPORT_LIMITS.columns) throw tooManyColumns(rowNumber);
    const long = values.findIndex((value) => value.length > IMPORT_LIMITS.cellLength);
    if (long >= 0) throw cellTooLong(rowNumber, long + 1);
    if (!this.hasHeader) return this.setHeaders(values);
    if (this.table.rows.length >= IMPORT_LIMITS.rows) throw tooManyRows();
    const kept = values.slice(0, this.lastRead + 1).map((value, index) => (this.read[index] ? value : ''));
    this.table.rows.push({ rowNumber, values: kept });
  }

  private setHeaders(cells: string[]): void {
    // GLPI writes its separator after the last cell too: the empty cell it leaves names no column
    const headers = cells.at(-1) === '' ? cells.slice(0, -1) : cells;
    checkHeaderRow(headers);
    this.table.headers = headers;
    this.read = mapHeaders(headers).map((column) => column.field !== null);
    this.lastRead = this.read.lastIndexOf(true);
  }
}

/** GLPI exports UTF-8 with a BOM; older tools write Windows-1252. Decode strictly, fall back to latin-1. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/**
 * The separator found most often on the first line (its first 64 KB: enough for any real header),
 * outside quotes: a quoted header « Fréquence (MHz), défaut » says nothing of the separator.
 */
function detectDelimiter(text: string): string {
  const start = text.slice(0, 65_536);
  const end = start.search(/\r?\n/);
  const firstLine = (end < 0 ? start : start.slice(0, end)).replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((delimiter) => [delimiter, firstLine.split(delimiter).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

function* slices(text: string, size = 65_536): Generator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

function csvFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
    return invalid(`Fichier CSV refusé : une ligne dépasse ${countOf(MAX_CSV_RECORD_LENGTH, 'caractère')}.`);
  }
  return invalid(`Fichier CSV illisible : ${(error as Error).message.slice(0, 300)}`);
}

const csvOptions = (delimiter: string) => ({
  delimiter,
  relax_column_count: true,
  skip_empty_lines: true,
  trim: true,
  bom: true,
  max_record_size: MAX_CSV_RECORD_LENGTH,
});

/**
 * The first record alone, each cell checked as it ends: a header line of a million cells stops
 * at its 201st. (Checking every cell of the file this way would make the parser 6 times slower:
 * the other records are checked whole, their length bounded while they grow by `max_record_size`.)
 */
function firstRecord(text: string, delimiter: string): string[] | undefined {
  const [record] = parseSync(text.slice(0, 3 * MAX_CSV_RECORD_LENGTH), {
    ...csvOptions(delimiter),
    to: 1,
    cast: (value, context) => {
      if (context.index >= IMPORT_LIMITS.columns) throw tooManyColumns(1);
      if (value.length > IMPORT_LIMITS.cellLength) throw cellTooLong(1, context.index + 1);
      return value;
    },
  }) as string[][];
  return record;
}

/** Reads the CSV record by record, as a stream; `headerOnly`: its first record only. */
async function readCsv(buffer: Buffer, table: TableBuilder, headerOnly: boolean): Promise<void> {
  const text = decodeText(buffer).replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  let header: string[] | undefined;
  try {
    header = firstRecord(text, delimiter);
  } catch (error) {
    throw csvFailure(error);
  }
  if (!header) return;
  table.add(header, 1);
  if (headerOnly) return;
  const parser = parse(csvOptions(delimiter));
  Readable.from(slices(text)).pipe(parser);
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // the first record is the header, read above
      if (++rowNumber > 1) table.add(record, rowNumber);
    }
  } catch (error) {
    throw csvFailure(error);
  } finally {
    parser.destroy();
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

/** What exceljs's streaming reader knows once it has read xl/workbook.xml (not in its type definitions). */
interface StreamedWorkbook {
  model?: { sheets?: { id: number }[] };
}
interface StreamedWorksheet extends AsyncIterable<ExcelJS.Row> {
  id?: number;
}

/** The first sheet of the workbook (its first tab, as the whole-workbook reader took it), row by row. */
async function readFirstSheet(reader: ExcelJS.stream.xlsx.WorkbookReader, table: TableBuilder): Promise<boolean> {
  for await (const sheet of reader as unknown as AsyncIterable<StreamedWorksheet>) {
    const firstTab = (reader as unknown as StreamedWorkbook).model?.sheets?.[0]?.id;
    // another sheet is skipped: the reader drains its data without parsing it
    if (firstTab !== undefined && sheet.id !== undefined && sheet.id !== firstTab) continue;
    for await (const row of sheet) {
      if (!row.hasValues) continue;
      if (row.cellCount > IMPORT_LIMITS.columns) throw tooManyColumns(row.number);
      const values: string[] = [];
      for (let column = 1; column <= row.cellCount; column++) values.push(cellText(row.getCell(column).value).trim());
      if (!table.hasHeader || values.some(Boolean)) table.add(values, row.number);
    }
    return true;
  }
  return false;
}

/**
 * Reads the XLSX as a stream: the archive's files are inflated piece by piece and the sheet's rows
 * handed over one at a time, never the whole workbook in memory (exceljs's `load` took 2 GB for a
 * 9 MB file). The zip guard still runs first: a bomb is refused before any of it is inflated.
 */
async function readXlsx(buffer: Buffer, table: TableBuilder): Promise<void> {
  // loaded here, not on top: a worker reading a CSV starts a second sooner without exceljs
  const [{ assertSafeZip }, { default: excel }] = await Promise.all([import('../../core/upload-guards.js'), import('exceljs')]);
  await assertSafeZip(buffer);
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    // the cell styles say which numbers are dates
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let found: boolean;
  try {
    found = await readFirstSheet(reader, table);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid(`Fichier Excel illisible : ${String((error as Error)?.message ?? error).slice(0, 300)}`);
  }
  if (!found) throw invalid('Le classeur Excel ne contient aucune feuille.');
}

/**
 * Reads an import file (CSV or XLSX) in this thread; heavy-import.ts decides when to read it in a
 * worker instead. `csvHeaderOnly`: a CSV's first row only, checked and returned without data rows.
 */
export async function readTable(buffer: Buffer, options: { csvHeaderOnly?: boolean } = {}): Promise<Table> {
  if (buffer.length === 0) throw invalid('Le fichier est vide.');
  const builder = new TableBuilder();
  if (isZip(buffer)) await readXlsx(buffer, builder);
  else await readCsv(buffer, builder, options.csvHeaderOnly ?? false);
  if (!builder.hasHeader) throw invalid("Le fichier n'a pas de ligne d'en-tête.");
  return builder.table;
}
