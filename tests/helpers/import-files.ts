import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readZip, writeZip, type ZipFile } from './zip.js';

/**
 * Large device import files, as the security probe of issue #20 sent them and as a big
 * département could (tests/api/import-load.test.ts, bench/benchmarks/import-load.ts).
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A CSV whose header row has `columns` cells ("Colonne 1;Colonne 2;…"): 1.2 million make 12 MB. */
export function hugeColumnCsv(columns: number): Buffer {
  const header = Array.from({ length: columns }, (_, index) => `col${index}`).join(';');
  return Buffer.from(`Numéro de série;${header}\nSERIAL-1;x\n`);
}

/** A valid GLPI-like CSV: `rows` devices with distinct serial numbers under `prefix`. */
export function deviceCsv(rows: number, prefix = 'CSV'): Buffer {
  const lines = ['Numéro de série;Type;Fabricant;Modèle;Lieu'];
  for (let index = 0; index < rows; index++) lines.push(`${prefix}-${String(index).padStart(7, '0')};Portable;Dell;Latitude 5490;Dépôt DSI — Lille`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

const columnName = (index: number) => (index < 26 ? String.fromCharCode(65 + index) : `${String.fromCharCode(64 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}`);
const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

/** The sheet's XML, a row at a time: serial number, type and site, then numbers in the other columns. */
function* sheetXml(rows: number, columns: number, prefix: string): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const header = ['Numéro de série', 'Type', 'Lieu', ...Array.from({ length: columns - 3 }, (_, index) => `Champ ${index + 4}`)];
  yield `<row r="1">${header.map((name, index) => text(`${columnName(index)}1`, name)).join('')}</row>`;
  let chunk = '';
  for (let row = 2; row <= rows + 1; row++) {
    chunk += `<row r="${row}">${text(`A${row}`, `${prefix}-${String(row - 1).padStart(7, '0')}`)}${text(`B${row}`, 'Portable')}${text(`C${row}`, 'Dépôt')}`;
    for (let column = 3; column < columns; column++) chunk += `<c r="${columnName(column)}${row}"><v>${(row + column) % 10}</v></c>`;
    chunk += '</row>';
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

/** Deflates the pieces as a stream (never the whole file in memory), as a file of a ZIP archive. */
async function deflatedStream(name: string, pieces: Iterable<string>): Promise<ZipFile> {
  const deflater = createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece);
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflater.write(bytes)) await once(deflater, 'drain');
  }
  deflater.end();
  await once(deflater, 'end');
  return { name, method: 8, compressed: Buffer.concat(chunks), crc, uncompressedSize: size };
}

/**
 * A workbook of `rows` devices × `columns` cells, written as Excel lays one out (a genuine
 * exceljs workbook whose sheet is replaced): 175,000 × 20 inflate to ~98 MB, under the zip guard.
 */
export async function deviceXlsx(rows: number, columns: number, prefix = 'XLSX'): Promise<{ file: Buffer; inflatedBytes: number }> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Ordinateurs').addRow(['Numéro de série']);
  const genuine = readZip(Buffer.from(await workbook.xlsx.writeBuffer()));
  const sheetName = genuine.find((file) => /^xl\/worksheets\/[^/]+\.xml$/.test(file.name))!.name;
  const sheet = await deflatedStream(sheetName, sheetXml(rows, columns, prefix));
  const files = genuine.map((file) => (file.name === sheetName ? sheet : file));
  return { file: writeZip(files), inflatedBytes: files.reduce((total, file) => total + file.uncompressedSize, 0) };
}
