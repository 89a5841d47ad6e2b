import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { CATEGORIES, GRADED_TYPES, SINGLE_PRICE_TYPES, type Category, type Thresholds } from '../../../api/pricing/price-grid.js';

export const CRITERIA = ['minRamGb', 'minCpuGeneration', 'minStorageGb', 'ssdRequired', 'minBatteryHealthPct'] as const satisfies readonly (keyof Thresholds)[];
export type Criterion = (typeof CRITERIA)[number];

/** What a cell shows: a threshold or a price, read-only (show) or as an input (new version). */
export interface GridCells {
  threshold: (type: string, category: 'premium' | 'standard', criterion: Criterion) => ReactNode;
  price: (type: string, category: Category) => ReactNode;
}

/**
 * The grid as one table: a row per type and category with its minimums and its price. Essentiel has
 * no minimum (what reaches neither Premium nor Standard); monitors and printers have one price.
 */
export const GridTable = ({ cells }: { cells: GridCells }) => {
  const translate = useTranslate();
  const label = (key: string) => translate(`resources.price-grids.${key}`);
  const rows = [
    ...GRADED_TYPES.flatMap((type) => CATEGORIES.map((category) => ({ type, category, graded: true }))),
    ...SINGLE_PRICE_TYPES.map((type) => ({ type, category: 'standard' as Category, graded: false })),
  ];
  return (
    <TableContainer sx={{ width: '100%', maxWidth: '100%', overflowX: 'auto' }} tabIndex={0} aria-label={label('sections.thresholds')}>
      <Table size="small" data-testid="price-grid-table">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">{label('type')}</TableCell>
            <TableCell component="th" scope="col" sx={{ whiteSpace: 'nowrap' }}>{label('category')}</TableCell>
            {CRITERIA.map((criterion) => (
              <TableCell key={criterion} component="th" scope="col">
                {label(`criteria.${criterion}`)}
              </TableCell>
            ))}
            <TableCell component="th" scope="col">{label('sections.prices')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ type, category, graded }) => (
            <TableRow key={`${type}-${category}`} data-testid={`grid-row-${type}-${category}`}>
              <TableCell component="th" scope="row" sx={{ fontWeight: category === 'premium' || !graded ? 600 : 400, whiteSpace: 'nowrap' }}>
                {category === 'premium' || !graded ? translate(`resources.devices.types.${type}`) : ''}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{label(`categories.${category}`)}</TableCell>
              {CRITERIA.map((criterion) => (
                <TableCell key={criterion}>{graded && category !== 'essential' ? cells.threshold(type, category as 'premium' | 'standard', criterion) : label('not_checked')}</TableCell>
              ))}
              <TableCell>{cells.price(type, category)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
