import { useTranslate } from 'react-admin';
import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';

export interface ChartColumn {
  key: string;
  label: string;
}

/**
 * A chart's data as a table (RGAA 1.9 and 4.1: what the bars say, readable without seeing them),
 * behind a « Voir les données » toggle; the table scrolls inside its own focusable, named box.
 */
export const ChartDataTable = ({ id, caption, rowHeader, columns, rows, format }: {
  id: string;
  caption: string;
  rowHeader: string;
  columns: ChartColumn[];
  rows: { label: string; values: Record<string, number> }[];
  format: (value: number) => string;
}) => {
  const translate = useTranslate();
  return (
    <Box component="details" data-testid={`${id}-table`} sx={{ mt: 1, '& summary': { cursor: 'pointer', fontWeight: 600, py: 0.5 } }}>
      <summary>{translate('reemploi.a11y.chart_table_toggle')}</summary>
      <Box tabIndex={0} role="region" aria-label={caption} sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <caption>{caption}</caption>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                {rowHeader}
              </TableCell>
              {columns.map((column) => (
                <TableCell key={column.key} component="th" scope="col" align="right">
                  {column.label}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.label}>
                <TableCell component="th" scope="row">
                  {row.label}
                </TableCell>
                {columns.map((column) => (
                  <TableCell key={column.key} align="right">
                    {format(row.values[column.key] ?? 0)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};
