import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fastRowWriter, xmlText, type DataCell } from '../../api/reports/workbook/sheet-xml.js';
import { tableSheet, type Column, type WorkbookWriter } from '../../api/reports/workbook/table-sheet.js';

const COLUMNS: Column[] = [
  { header: 'N°', width: 12, numFmt: '0' },
  { header: 'Texte', width: 18 },
  { header: 'Date', width: 16, numFmt: 'dd/mm/yyyy hh:mm' },
  { header: 'Prix', width: 14, numFmt: '#,##0.00 "€"' },
  { header: 'Fin', width: 10 },
];

/** The cells the data sheets write, and the awkward ones: XML's special characters, control characters, empty cells, rows without a value. */
const ROWS: DataCell[][] = [
  [1, 'ordinaire', new Date(Date.UTC(2026, 5, 30, 23, 30)), 12.5, 'x'],
  [2, `a&b<c>"d'e`, new Date(Date.UTC(1999, 11, 31, 12)), 0, null],
  [3, 'contrôle\u0001\u0008\u000b\u000c\u001f\u007f fin\ttab\nligne\r', null, -3.75, ''],
  [4, 'émoji 🙂 — « guillemets » ü', new Date(Date.UTC(2026, 2, 29, 1, 0, 59)), 1234567.891, null],
  [null, '', null, null, 'seul'],
  [6, ' espaces ', new Date(0), 1e-7, undefined],
  [null, null, null, null, null],
  [8, 'après la ligne vide', null, 100, 'fin'],
  [9, null, null, null, null],
  [10, 'un nombre dans une colonne sans format', null, null, 42.5],
];

/**
 * A one-sheet workbook, stored without compression so that its XML can be read in the bytes.
 * `writeRows` writes the data rows after the header row.
 */
async function storedWorkbook(writeRows: (workbook: WorkbookWriter, sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false, zip: { store: true } });
  const sheet = tableSheet(workbook, 'Données', COLUMNS);
  writeRows(workbook, sheet);
  await sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** exceljs's own way: a row model per row, one shared style object per column (what the export did before). */
function exceljsRows(sheet: ExcelJS.Worksheet) {
  const styles = COLUMNS.map((column) => (column.numFmt ? { numFmt: column.numFmt } : {}));
  for (const values of ROWS) {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cell.style = styles[column - 1];
    });
    row.commit();
  }
}

const part = (bytes: Buffer, open: string, close: string) => {
  const text = bytes.toString('latin1');
  const start = text.indexOf(open);
  return start < 0 ? undefined : text.slice(start, text.indexOf(close, start) + close.length);
};

describe('data sheet rows written as SpreadsheetML', () => {
  it('writes the same sheet and styles as exceljs, byte for byte', async () => {
    const reference = await storedWorkbook((_workbook, sheet) => exceljsRows(sheet));
    // the rows in two pages, as the export writes them
    const fast = await storedWorkbook((workbook, sheet) => {
      const write = fastRowWriter(workbook, sheet, COLUMNS);
      write(ROWS.slice(0, 4));
      write([]);
      write(ROWS.slice(4));
    });
    const referenceRows = part(reference, '<sheetData>', '</sheetData>');
    expect(referenceRows).toContain('<row r="9"');
    expect(part(fast, '<sheetData>', '</sheetData>')).toBe(referenceRows);
    expect(part(fast, '<cellXfs', '</cellXfs>')).toBe(part(reference, '<cellXfs', '</cellXfs>'));
    expect(part(fast, '<numFmts', '</numFmts>')).toBe(part(reference, '<numFmts', '</numFmts>'));
  });

  it('reads back with the values, dates and formats written', async () => {
    const bytes = await storedWorkbook((workbook, sheet) => fastRowWriter(workbook, sheet, COLUMNS)(ROWS));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Données')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'N°', 'Texte', 'Date', 'Prix', 'Fin']);
    expect(sheet.getRow(2).values).toEqual([undefined, 1, 'ordinaire', new Date(Date.UTC(2026, 5, 30, 23, 30)), 12.5, 'x']);
    expect(sheet.getCell('B3').value).toBe(`a&b<c>"d'e`);
    // the control characters XML forbids are dropped; tab and new line stay (a carriage return is read as a new line, as XML reads it)
    expect(sheet.getCell('B4').value).toBe('contrôle fin\ttab\nligne\n');
    expect(sheet.getCell('B5').value).toBe('émoji 🙂 — « guillemets » ü');
    expect(sheet.getCell('C5').value).toEqual(new Date(Date.UTC(2026, 2, 29, 1, 0, 59)));
    expect(sheet.getCell('C5').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(sheet.getCell('D5').numFmt).toBe('#,##0.00 "€"');
    expect(sheet.getCell('A2').numFmt).toBe('0');
    expect(sheet.getCell('D7').value).toBe(1e-7);
    expect(sheet.getRow(8).hasValues).toBe(false);
    expect(sheet.getCell('B9').value).toBe('après la ligne vide');
    expect(sheet.getCell('E11').value).toBe(42.5);
    expect(sheet.rowCount).toBe(11);
  });

  it('writes a number that is not finite and an invalid date as empty cells, keeping their column style', async () => {
    const bytes = await storedWorkbook((workbook, sheet) => fastRowWriter(workbook, sheet, COLUMNS)([[Number.NaN, 'a', new Date('not a date'), Number.POSITIVE_INFINITY, 'b']]));
    expect(part(bytes, '<row r="2"', '</row>')).toBe('<row r="2" spans="1:5" x14ac:dyDescent="0.25"><c r="A2" s="1"/><c r="B2" t="str"><v>a</v></c><c r="C2" s="2"/><c r="D2" s="3"/><c r="E2" t="str"><v>b</v></c></row>');
  });

  it('refuses a date in a column without a date format, and a row longer than the columns', async () => {
    await expect(storedWorkbook((workbook, sheet) => fastRowWriter(workbook, sheet, COLUMNS)([[1, new Date(), null, null, null]]))).rejects.toThrow(/column B, which has no date format/);
    await expect(storedWorkbook((workbook, sheet) => fastRowWriter(workbook, sheet, COLUMNS)([[1, 'a', null, 1, 'x', 'de trop']]))).rejects.toThrow(/a row of 6 cells for 5 columns/);
  });

  it('numbers its rows after the header and leaves exceljs able to go on after them', async () => {
    const bytes = await storedWorkbook((workbook, sheet) => {
      fastRowWriter(workbook, sheet, COLUMNS)([[1, 'a'], [2, 'b']]);
      sheet.addRow([3, 'c']).commit();
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Données')!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 3))).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
  });

  it('refuses to write before the header row is committed, or while a row added through exceljs waits', async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
    const sheet = workbook.addWorksheet('Vide');
    expect(() => fastRowWriter(workbook, sheet, COLUMNS)).toThrow(/header row is not committed/);
    await expect(
      storedWorkbook((writer, data) => {
        const write = fastRowWriter(writer, data, COLUMNS);
        data.addRow([1, 'en attente']);
        write([[2, 'b']]);
      }),
    ).rejects.toThrow(/a row added through exceljs is not committed/);
  });

  it('escapes every UTF-16 code unit as exceljs does', () => {
    // exceljs's own escaping, which its row writer uses (not part of its typed API)
    const { xmlEncode } = createRequire(import.meta.url)('exceljs/lib/utils/utils.js') as { xmlEncode: (text: string) => string };
    const units = Array.from({ length: 0x10000 }, (_unit, code) => String.fromCharCode(code));
    expect(units.filter((unit) => xmlText(`a${unit}b`) !== xmlEncode(`a${unit}b`))).toEqual([]);
    expect(xmlText(`<a href="x">l'été & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;l&apos;été &amp; co&lt;/a&gt;');
  });
});
