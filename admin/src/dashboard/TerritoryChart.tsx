import { useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import type { TerritoryRow } from './territoryRows.js';
import { useReportFormat } from './useReportFormat.js';

/** The same colours as the flow charts: referred in grey-blue, equipped (allocated) in green. */
const COLORS = { referred: '#1d4f91', equipped: '#1b6e2a' };

/** Residents referred and equipped per active territory, as horizontal bars. */
export const TerritoryChart = ({ charted }: { charted: TerritoryRow[] }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const label = (key: string) => translate(`reemploi.reports.territories.${key}`);
  return (
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
  );
};
