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
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
