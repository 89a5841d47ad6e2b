import { useStore, useTranslate } from 'react-admin';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Box, Card, CardContent, CircularProgress, LinearProgress, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useCan } from '../providers/hooks.js';
import { fetchSummary } from './reportsApi.js';
import { isValidPeriod, PERIOD_PRESETS, presetPeriod, type Period, type PeriodPreset } from './period.js';
import { KeyFigures } from './KeyFigures.js';
import { Commitments } from './Commitments.js';
import { FlowCharts } from './FlowCharts.js';
import { ArchivedReports, WorkbookPanel } from './ReportFiles.js';
import { useReportFormat } from './useReportFormat.js';
import { TerritoryPicker } from './TerritoryPicker.js';
import { TerritoryBreakdown } from './TerritoryBreakdown.js';

interface Choice {
  preset: PeriodPreset;
  custom: Period;
  territory: string;
}

const PeriodPicker = ({ choice, onChange }: { choice: Choice; onChange: (choice: Choice) => void }) => {
  const translate = useTranslate();
  const invalid = choice.preset === 'custom' && !isValidPeriod(choice.custom);
  return (
    <Card variant="outlined" component="section" aria-label={translate('reemploi.reports.period.label')}>
      <CardContent sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 1, alignItems: 'flex-start', '&:last-child': { pb: 1 } }}>
        <Box>
          <Typography id="period-label" component="p" variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
            {translate('reemploi.reports.period.label')}
          </Typography>
          <ToggleButtonGroup
            exclusive
            size="small"
            color="primary"
            value={choice.preset}
            aria-labelledby="period-label"
            onChange={(_event, preset: PeriodPreset | null) => {
              if (!preset) return;
              // "Dates choisies" starts from the period on screen, so it only needs a nudge
              const custom = preset === 'custom' && choice.preset !== 'custom' ? presetPeriod(choice.preset) : choice.custom;
              onChange({ ...choice, preset, custom });
            }}
            sx={{ flexWrap: 'wrap' }}
          >
            {PERIOD_PRESETS.map((preset) => (
              <ToggleButton key={preset} value={preset} sx={{ textTransform: 'none', px: 1.5 }}>
                {translate(`reemploi.reports.period.${preset}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
        {choice.preset === 'custom' && (
          <Stack direction="row" spacing={1} sx={{ mt: { xs: 0, md: 3 } }}>
            <TextField
              id="period-from"
              type="date"
              fullWidth={false}
              size="small"
              label={translate('reemploi.reports.period.from')}
              value={choice.custom.from}
              onChange={(event) => onChange({ ...choice, custom: { ...choice.custom, from: event.target.value } })}
              slotProps={{ inputLabel: { shrink: true } }}
              error={invalid}
            />
            <TextField
              id="period-to"
              type="date"
              fullWidth={false}
              size="small"
              label={translate('reemploi.reports.period.to')}
              value={choice.custom.to}
              onChange={(event) => onChange({ ...choice, custom: { ...choice.custom, to: event.target.value } })}
              slotProps={{ inputLabel: { shrink: true } }}
              error={invalid}
              helperText={invalid ? translate('reemploi.reports.period.invalid') : undefined}
            />
          </Stack>
        )}
        <TerritoryPicker value={choice.territory} onChange={(territory) => onChange({ ...choice, territory })} />
      </CardContent>
    </Card>
  );
};

/** The steering committee's home page (viewer, admin): the same indicators as the workbook, with charts. */
export const SteeringDashboard = () => {
  const translate = useTranslate();
  const format = useReportFormat();
  const canListReports = useCan('list', 'reports');
  const [choice, setChoice] = useStore<Choice>('reemploi.reports.choice', { preset: 'year', custom: presetPeriod('year'), territory: '' });
  // presets are recomputed every visit: "this quarter" moves with the calendar
  const period = choice.preset === 'custom' ? choice.custom : presetPeriod(choice.preset);
  const territory = choice.territory.trim();
  const parameters = { ...period, territory: territory || null };
  const valid = isValidPeriod(period);
  const { data: summary, error, isFetching } = useQuery({
    queryKey: ['reports', 'summary', parameters],
    queryFn: () => fetchSummary(parameters),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  return (
    <Stack spacing={3} data-testid="steering-dashboard">
      <Box>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700 }}>
          {translate('reemploi.reports.title')}
        </Typography>
        <Typography color="text.secondary">{translate('reemploi.reports.intro')}</Typography>
      </Box>
      <PeriodPicker choice={choice} onChange={setChoice} />
      <Box>
        <Typography variant="h6" component="p" sx={{ fontWeight: 600 }} data-testid="period-shown">
          {valid ? translate('reemploi.reports.period.shown', { from: format.day(period.from), to: format.day(period.to) }) : ''} —{' '}
          {parameters.territory ?? translate('reemploi.reports.period.all_territories')}
        </Typography>
        <Box sx={{ height: 4, mt: 0.5 }}>{isFetching && summary && <LinearProgress aria-label={translate('reemploi.reports.loading')} />}</Box>
      </Box>
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {!summary && !error && valid && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
          <CircularProgress size={20} />
          <Typography>{translate('reemploi.reports.loading')}</Typography>
        </Stack>
      )}
      {summary && (
        <>
          <Box component="section" aria-labelledby="figures-heading">
            <Typography id="figures-heading" variant="h6" component="h2" gutterBottom>
              {translate('reemploi.reports.figures.title')}
            </Typography>
            <KeyFigures summary={summary} />
          </Box>
          <Commitments summary={summary} />
          <TerritoryBreakdown summary={summary} onChoose={(chosen) => setChoice({ ...choice, territory: chosen })} />
          <FlowCharts summary={summary} />
          {summary.period.territory && (
            <Typography variant="body2" color="text.secondary">
              {translate('reemploi.reports.charts.flows_note')}
            </Typography>
          )}
        </>
      )}
      {valid && <WorkbookPanel parameters={parameters} />}
      {canListReports && <ArchivedReports />}
    </Stack>
  );
};

export default SteeringDashboard;
