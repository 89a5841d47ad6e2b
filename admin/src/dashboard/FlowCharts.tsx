import { useTranslate } from 'react-admin';
import { Box, Card, CardContent, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { DEVICE_TYPES } from '../../../api/devices/lifecycle.js';
import type { Summary } from './types.js';
import { useReportFormat } from './useReportFormat.js';
import { ChartDataTable } from './ChartDataTable.js';

/** The theme's colours (WCAG AA on white): one per step, the same in both charts. */
const COLORS = {
  registered: '#5b6573',
  handedOver: '#1d4f91',
  refurbished: '#6a3d9a',
  recycled: '#8a4b00',
  allocated: '#1b6e2a',
} as const;

/** Every month of the period, also those without any movement (a gap is information too). */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number);
  const [lastYear, lastMonth] = to.slice(0, 7).split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

const ChartCard = ({ id, title, caption, children }: { id: string; title: string; caption: string; children: React.ReactNode }) => (
  <Card variant="outlined" component="figure" aria-labelledby={`${id}-title`} aria-describedby={`${id}-caption`} sx={{ m: 0, minWidth: 0 }}>
    <CardContent>
      <Typography id={`${id}-title`} variant="h6" component="h2">
        {title}
      </Typography>
      <Typography id={`${id}-caption`} component="figcaption" variant="body2" color="text.secondary">
        {caption}
      </Typography>
      <Box data-testid={id} sx={{ mt: 1 }}>
        {children}
      </Box>
    </CardContent>
  </Card>
);

export const FlowCharts = ({ summary }: { summary: Summary }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const label = (key: string) => translate(`reemploi.reports.charts.${key}`);
  const localeText = { noData: label('no_data'), loading: label('loading') };
  const counted = new Map(summary.devices.byMonth.map((row) => [row.month, row]));
  const monthly = monthsOf(summary.period.from, summary.period.to).map((month) => {
    const row = counted.get(month);
    return { month, registered: row?.registered ?? 0, handedOver: row?.handedOver ?? 0, allocated: row?.allocated ?? 0 };
  });
  const anyMonthly = monthly.some((row) => row.registered + row.handedOver + row.allocated > 0);
  const byType = DEVICE_TYPES.map((type) => ({ type, ...summary.devices.byType[type] })).filter(
    (row) => row.handedOver + row.refurbished + row.recycled + row.allocated > 0,
  );
  const integer = (value: number | null) => (value === null ? '' : format.integer(value));
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' } }}>
      <ChartCard id="chart-monthly" title={label('monthly')} caption={label('monthly_caption')}>
        <BarChart
          height={300}
          dataset={anyMonthly ? monthly : []}
          localeText={localeText}
          xAxis={[{ scaleType: 'band', dataKey: 'month', valueFormatter: (month: string) => format.month(month) }]}
          yAxis={[{ tickMinStep: 1, valueFormatter: integer }]}
          series={[
            { dataKey: 'registered', label: label('registered'), color: COLORS.registered, valueFormatter: integer },
            { dataKey: 'handedOver', label: label('handed_over'), color: COLORS.handedOver, valueFormatter: integer },
            { dataKey: 'allocated', label: label('allocated'), color: COLORS.allocated, valueFormatter: integer },
          ]}
          grid={{ horizontal: true }}
        />
        <ChartDataTable
          id="chart-monthly"
          caption={label('monthly')}
          rowHeader={translate('reemploi.a11y.chart_month')}
          columns={[
            { key: 'registered', label: label('registered') },
            { key: 'handedOver', label: label('handed_over') },
            { key: 'allocated', label: label('allocated') },
          ]}
          rows={monthly.map(({ month, ...values }) => ({ label: format.month(month), values }))}
          format={format.integer}
        />
      </ChartCard>
      <ChartCard id="chart-by-type" title={label('by_type')} caption={label('by_type_caption')}>
        <BarChart
          height={300}
          layout="horizontal"
          dataset={byType}
          localeText={localeText}
          yAxis={[{ scaleType: 'band', dataKey: 'type', width: 110, valueFormatter: (type: string) => translate(`resources.devices.types.${type}`) }]}
          xAxis={[{ tickMinStep: 1, valueFormatter: integer }]}
          series={[
            { dataKey: 'handedOver', label: label('handed_over'), color: COLORS.handedOver, valueFormatter: integer },
            { dataKey: 'refurbished', label: label('refurbished'), color: COLORS.refurbished, valueFormatter: integer },
            { dataKey: 'recycled', label: label('recycled'), color: COLORS.recycled, valueFormatter: integer },
            { dataKey: 'allocated', label: label('allocated'), color: COLORS.allocated, valueFormatter: integer },
          ]}
          grid={{ vertical: true }}
        />
        <ChartDataTable
          id="chart-by-type"
          caption={label('by_type')}
          rowHeader={translate('reemploi.a11y.chart_type')}
          columns={[
            { key: 'handedOver', label: label('handed_over') },
            { key: 'refurbished', label: label('refurbished') },
            { key: 'recycled', label: label('recycled') },
            { key: 'allocated', label: label('allocated') },
          ]}
          rows={byType.map(({ type, ...values }) => ({ label: translate(`resources.devices.types.${type}`), values }))}
          format={format.integer}
        />
      </ChartCard>
    </Box>
  );
};
