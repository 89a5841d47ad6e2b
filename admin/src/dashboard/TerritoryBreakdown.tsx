import { useTranslate } from 'react-admin';
import { Box, Button, Card, CardContent, Table, TableBody, TableCell, TableContainer, TableFooter, TableHead, TableRow, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import type { Summary } from './types.js';
import { useReportFormat } from './useReportFormat.js';

type Row = Summary['byTerritory'][number];
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

/** The same colours as the flow charts: referred in grey-blue, equipped (allocated) in green. */
const COLORS = { referred: '#1d4f91', equipped: '#1b6e2a' };

const active = (row: Row) => row.residentsReferred + row.devicesAllocated > 0;

/**
 * Residents referred and equipped, sales, savings and Nord durable figures per territory (the
 * territory written on the referral). A territory's name narrows the whole dashboard to it.
 */
export const TerritoryBreakdown = ({ summary, onChoose }: { summary: Summary; onChoose: (territory: string) => void }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const label = (key: string) => translate(`reemploi.reports.territories.${key}`);
  const rows = summary.byTerritory ?? [];
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
  const charted = rows.filter(active);
  const chosen = summary.period.territory;
  return (
    <Card variant="outlined" component="section" aria-labelledby="territories-heading" data-testid="territory-breakdown">
      {/* a one-column grid of minmax(0, 1fr): the wide table scrolls inside the card instead of widening the page on a phone */}
      <CardContent sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Typography id="territories-heading" variant="h6" component="h2">
          {label('title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} id="territories-caption">
          {label('caption')}
        </Typography>
        {rows.length === 0 ? (
          <Typography color="text.secondary">{label('empty')}</Typography>
        ) : (
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
        )}
        {chosen && (
          <Button size="small" onClick={() => onChoose('')} sx={{ mt: 1, justifySelf: 'start' }}>
            {label('all')}
          </Button>
        )}
        {charted.length > 1 && (
          <Box component="figure" sx={{ m: 0, mt: 3 }} aria-labelledby="territories-chart-title" aria-describedby="territories-chart-caption">
            <Typography id="territories-chart-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {label('chart')}
            </Typography>
            <Typography id="territories-chart-caption" component="figcaption" variant="body2" color="text.secondary">
              {label('chart_caption')}
            </Typography>
            <Box data-testid="chart-by-territory">
              <BarChart
                height={Math.max(160, 70 + charted.length * 44)}
                layout="horizontal"
                dataset={charted.map((row) => ({ ...row }))}
                yAxis={[{ scaleType: 'band', dataKey: 'territory', width: 200 }]}
                xAxis={[{ tickMinStep: 1, valueFormatter: (value: number | null) => (value === null ? '' : format.integer(value)) }]}
                series={[
                  { dataKey: 'residentsReferred', label: label('referred'), color: COLORS.referred, valueFormatter: (value) => (value === null ? '' : format.integer(value)) },
                  { dataKey: 'residentsEquipped', label: label('equipped'), color: COLORS.equipped, valueFormatter: (value) => (value === null ? '' : format.integer(value)) },
                ]}
                grid={{ vertical: true }}
              />
            </Box>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
