import { useTranslate } from 'react-admin';
import { Button, Table, TableBody, TableCell, TableContainer, TableFooter, TableHead, TableRow } from '@mui/material';
import { active, type TerritoryRow as Row } from './territoryRows.js';
import { useReportFormat } from './useReportFormat.js';

type NumericKey = Exclude<keyof Row, 'territory' | 'referrals' | 'allocationsWithReferencePrice'>;

const COLUMNS: { key: NumericKey; label: string; kind: 'integer' | 'euro' | 'kg' | 'co2e' }[] = [
  { key: 'residentsReferred', label: 'referred', kind: 'integer' },
  { key: 'residentsEquipped', label: 'equipped', kind: 'integer' },
  { key: 'residentsTrained', label: 'trained', kind: 'integer' },
  { key: 'devicesAllocated', label: 'devices', kind: 'integer' },
  { key: 'revenueEur', label: 'revenue', kind: 'euro' },
  { key: 'householdSavingsEur', label: 'savings', kind: 'euro' },
  { key: 'massDivertedKg', label: 'mass', kind: 'kg' },
  { key: 'co2eAvoidedKg', label: 'co2e', kind: 'co2e' },
];

/** One row per territory (its name narrows the dashboard while none is chosen), then the totals. */
export const TerritoryTable = ({ rows, chosen, onChoose }: { rows: Row[]; chosen: string | null | undefined; onChoose: (territory: string) => void }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const label = (key: string) => translate(`reemploi.reports.territories.${key}`);
  const totals = Object.fromEntries(COLUMNS.map(({ key }) => [key, rows.reduce((sum, row) => sum + row[key], 0)])) as Record<NumericKey, number>;
  const total = (key: NumericKey) => totals[key];
  /** One unit per column (kg or t, chosen by the column's total), so rows compare at a glance. */
  const show = ({ kind, key }: (typeof COLUMNS)[number], value: number) =>
    kind === 'euro'
      ? format.euro(value)
      : kind === 'kg'
        ? format.kg(value, total(key))
        : kind === 'co2e'
          ? format.co2e(value, total(key))
          : format.integer(value);
  return (
    <TableContainer>
      <Table size="small" aria-labelledby="territories-heading" aria-describedby="territories-caption" data-testid="territory-table">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col" sx={{ minWidth: 220 }}>
              {label('territory')}
            </TableCell>
            {COLUMNS.map((column) => (
              <TableCell key={column.key} component="th" scope="col" align="right">
                {label(column.label)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.territory} hover data-testid="territory-row" sx={active(row) ? undefined : { '& td, & th': { color: 'text.secondary' } }}>
              <TableCell component="th" scope="row">
                {chosen ? (
                  row.territory
                ) : (
                  <Button
                    variant="text"
                    size="small"
                    onClick={() => onChoose(row.territory)}
                    aria-label={translate('reemploi.reports.territories.show', { territory: row.territory })}
                    sx={{ textTransform: 'none', p: 0, minWidth: 0, textAlign: 'left', justifyContent: 'flex-start', fontWeight: 600 }}
                  >
                    {row.territory}
                  </Button>
                )}
              </TableCell>
              {COLUMNS.map((column) => (
                <TableCell key={column.key} align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {show(column, row[column.key])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
        {rows.length > 1 && (
          <TableFooter>
            <TableRow sx={{ '& td, & th': { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', borderBottom: 'none' } }}>
              <TableCell component="th" scope="row">
                {label('total')}
              </TableCell>
              {COLUMNS.map((column) => (
                <TableCell key={column.key} align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {show(column, total(column.key))}
                </TableCell>
              ))}
            </TableRow>
          </TableFooter>
        )}
      </Table>
    </TableContainer>
  );
};
