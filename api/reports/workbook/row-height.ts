import type ExcelJS from 'exceljs';

/**
 * Lines a wrapped cell needs (greedy word wrap, about one character per unit of column width in
 * Calibri 11): Excel and LibreOffice do not grow the rows of a file written with no row height.
 */
export function linesOf(text: string, width: number): number {
  const capacity = Math.max(1, Math.floor(width * 1.1));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(' ')) {
      if (used > 0 && used + 1 + word.length > capacity) {
        lines += 1;
        used = word.length;
      } else used += (used > 0 ? 1 : 0) + word.length;
    }
  }
  return lines;
}

/** Sets a row's height to show every wrapped line of its cells (columns `widths`, 1-based as cells). */
export function fitRowHeight(row: ExcelJS.Row, widths: number[], lineHeight = 14.5) {
  let lines = 1;
  row.eachCell((cell, column) => {
    if (typeof cell.value === 'string' && widths[column - 1]) lines = Math.max(lines, linesOf(cell.value, widths[column - 1]));
  });
  if (lines > 1) row.height = lines * lineHeight + 2;
}
