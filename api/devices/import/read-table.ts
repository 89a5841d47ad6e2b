import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { invalid } from '../../core/errors.js';
import { assertSafeZip } from '../../core/upload-guards.js';

/** A spreadsheet as header names and rows of text, with the row number the user sees in Excel. */
export interface Table {
  headers: string[];
  rows: { rowNumber: number; values: string[] }[];
}

export const MAX_IMPORT_ROWS = 200_000;

const isZip = (buffer: Buffer) => buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;

/** GLPI exports UTF-8 with a BOM; older tools write Windows-1252. Decode strictly, fall back to latin-1. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((delimiter) => [delimiter, firstLine.split(delimiter).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

function readCsv(buffer: Buffer): Table {
  const text = decodeText(buffer).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: false,
    });
  } catch (error) {
    throw invalid(`Fichier CSV illisible : ${(error as Error).message}`);
  }
  const [headers = [], ...rows] = records;
  return { headers, rows: rows.map((values, index) => ({ rowNumber: index + 2, values })) };
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

async function readXlsx(buffer: Buffer): Promise<Table> {
  // exceljs inflates the whole archive in memory: a zip bomb is refused before it reaches it
  await assertSafeZip(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw invalid(`Fichier Excel illisible : ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('Le classeur Excel ne contient aucune feuille.');
  const table: Table = { headers: [], rows: [] };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) values.push(cellText(row.getCell(column).value).trim());
    if (table.headers.length === 0) table.headers = values;
    else if (values.some(Boolean)) table.rows.push({ rowNumber, values });
  });
  return table;
}

export async function readTable(buffer: Buffer): Promise<Table> {
  if (buffer.length === 0) throw invalid('Le fichier est vide.');
  const table = isZip(buffer) ? await readXlsx(buffer) : readCsv(buffer);
  if (table.headers.length === 0) throw invalid("Le fichier n'a pas de ligne d'en-tête.");
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw invalid(`Le fichier compte ${table.rows.length} lignes ; découpez-le en fichiers de ${MAX_IMPORT_ROWS} lignes au plus.`);
  }
  return table;
}
