import type ExcelJS from 'exceljs';

/**
 * Number formats are stored the Excel way ('#,##0', '0.0%'): a French Excel or LibreOffice shows
 * them with a space for thousands and a decimal comma.
 */
export const FMT = {
  integer: '#,##0',
  decimal: '#,##0.0',
  kg: '#,##0.0 "kg"',
  percent: '0.0%',
  euro: '#,##0.00 "€"',
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
};

/** Named on every styled cell: a font without a name prints in a serif face in LibreOffice. */
export const FONT = { name: 'Calibri', family: 2, size: 11 } as const;
/** Totals and the headings of a second table on a sheet. */
export const BOLD_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true };
const HEADER_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };

/** White bold headings on dark blue; the headings of number columns (1-based) right-aligned like their numbers. */
export function styleHeaderRow(row: ExcelJS.Row, numberColumns: number[]) {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { wrapText: true, vertical: 'middle' };
  for (const column of numberColumns) row.getCell(column).alignment = { wrapText: true, vertical: 'middle', horizontal: 'right' };
}

/** Printed on A4, one page wide and as many pages long as needed. */
export const A4_ONE_PAGE_WIDE = { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;

/** The footer of every printed page: what it is on the left, the page number on the right. */
export const pageFooter = (what: string) => `&L&8Réemploi — Département du Nord — ${what}&R&8Page &P / &N`;
