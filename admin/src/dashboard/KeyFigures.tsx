import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Alert, Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { DeviceType } from '../types.js';
import type { FactorValues, Summary } from './types.js';
import { SourceButton } from './SourceButton.js';
import { useReportFormat } from './useReportFormat.js';

type Format = ReturnType<typeof useReportFormat>;

const KeyFigure = ({ label, value, unit, hint, source, testId, badge }: { label: string; value: string; unit?: string; hint?: ReactNode; source?: ReactNode; testId: string; badge?: ReactNode }) => (
  <Card variant="outlined" component="li" data-testid={testId} sx={{ display: 'flex' }}>
    <CardContent sx={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 0.5, '&:last-child': { pb: 2 } }}>
      <Stack direction="row" sx={{ alignItems: 'flex-start', justifyContent: 'space-between', gap: 1 }}>
        <Typography component="h3" color="text.secondary" sx={{ fontWeight: 600, lineHeight: 1.3, pt: 0.5 }}>
          {label}
        </Typography>
        {source}
      </Stack>
      <Typography component="p" sx={{ fontSize: '2rem', fontWeight: 700, lineHeight: 1.2 }} data-testid={`${testId}-value`}>
        {value}
        {unit && (
          <Box component="span" sx={{ fontSize: '1.1rem', fontWeight: 600 }}>
            {/* a real space, not a margin: copied or read aloud, "1,49 t CO2e" stays two words */}
            {`\u00a0${unit}`}
          </Box>
        )}
      </Typography>
      {badge}
      {hint && (
        <Typography variant="body2" color="text.secondary">
          {hint}
        </Typography>
      )}
    </CardContent>
  </Card>
);

const FactorVersion = ({ factor, format }: { factor: FactorValues | undefined; format: Format }) => {
  const translate = useTranslate();
  if (!factor) return null;
  return (
    <Typography variant="caption" component="p" color="text.secondary">
      {translate('reemploi.reports.sources.version', { version: factor.version, date: factor.publishedOn ? format.day(factor.publishedOn) : '—' })}
    </Typography>
  );
};

/** Per type: devices × factor = total, then the factor's own source, version and date. */
const NordDurableSources = ({ summary, kind, format }: { summary: Summary; kind: 'mass' | 'co2e'; format: Format }) => {
  const translate = useTranslate();
  const factors = new Map(summary.factors.map((factor) => [factor.deviceType, factor]));
  const { byType, missingFactors } = summary.nordDurable;
  const unit = kind === 'mass' ? format.kg : format.co2e;
  return (
    <>
      {byType.length === 0 && <p>{translate('reemploi.reports.sources.no_devices')}</p>}
      <Box component="ul" sx={{ pl: 2, m: 0 }}>
        {byType.map((row) => {
          const perDevice = kind === 'mass' ? row.massKgPerDevice : row.co2eKgPerDevice;
          const total = kind === 'mass' ? row.massDivertedKg : row.co2eAvoidedKg;
          return (
            <Box component="li" key={row.deviceType} sx={{ mb: 1 }}>
              <strong>{translate(`resources.devices.types.${row.deviceType}`)}</strong> :{' '}
              {perDevice === null || total === null
                ? `${format.integer(row.devices)} — ${translate('reemploi.reports.sources.missing_factor')}`
                : translate('reemploi.reports.sources.per_type', { devices: format.integer(row.devices), factor: unit(perDevice), total: unit(total) })}
              {kind === 'co2e' && (
                <Typography variant="caption" component="p">
                  {translate('reemploi.reports.sources.method', { method: translate(`resources.factors.methods.${row.avoidedMethod}`) })}
                </Typography>
              )}
              <Typography variant="caption" component="p">
                {kind === 'mass' ? row.massSource : row.co2eSource}
              </Typography>
              <FactorVersion factor={factors.get(row.deviceType)} format={format} />
            </Box>
          );
        })}
      </Box>
      {missingFactors.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate('reemploi.reports.sources.missing_factors', { list: missingFactors.join(', ') })}
        </Alert>
      )}
    </>
  );
};

const SavingsSources = ({ summary, format }: { summary: Summary; format: Format }) => {
  const translate = useTranslate();
  const allocatedTypes = new Set<DeviceType>(summary.nordDurable.byType.map((row) => row.deviceType));
  const factors = summary.factors.filter((factor) => allocatedTypes.has(factor.deviceType));
  return (
    <Box component="ul" sx={{ pl: 2, m: 0 }}>
      {factors.length === 0 && <li>{translate('reemploi.reports.sources.no_devices')}</li>}
      {factors.map((factor) => (
        <Box component="li" key={factor.deviceType} sx={{ mb: 1 }}>
          <strong>{translate(`resources.devices.types.${factor.deviceType}`)}</strong> :{' '}
          {factor.referenceNewPriceEur === null ? translate('reemploi.reports.sources.missing_factor') : format.euro(factor.referenceNewPriceEur)}
          <Typography variant="caption" component="p">
            {factor.priceSource}
          </Typography>
          <FactorVersion factor={factor} format={format} />
        </Box>
      ))}
    </Box>
  );
};

export const KeyFigures = ({ summary }: { summary: Summary }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const { allocations, commitments, nordDurable, reen, rates } = summary;
  const none = translate('reemploi.reports.figures.no_value');
  const percentOrNone = (value: number | null) => (value === null ? none : format.percent(value));
  const massLabel = translate('reemploi.reports.figures.mass');
  const co2eLabel = translate('reemploi.reports.figures.co2e');
  const savingsLabel = translate('reemploi.reports.figures.savings');
  const reenLabel = translate('reemploi.reports.figures.reen', { year: reen.year });
  // a figure computed with missing factors says so (0 kg is otherwise read as "nothing avoided")
  const typeNames = (rows: Summary['nordDurable']['byType']) => rows.map((row) => translate(`resources.devices.types.${row.deviceType}`)).join(', ');
  const noMass = nordDurable.byType.filter((row) => row.massKgPerDevice === null);
  const noCo2e = nordDurable.byType.filter((row) => row.co2eKgPerDevice === null);
  // with a territory chosen, say which figures still cover the whole Département
  const wholeDepartment = (hint: ReactNode) =>
    summary.period.territory ? (
      <>
        {hint}
        <Box component="span" sx={{ display: 'block', fontWeight: 600 }}>
          {translate('reemploi.reports.figures.whole_department')}
        </Box>
      </>
    ) : (
      hint
    );
  return (
    <Box
      component="ul"
      sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' } }}
      data-testid="key-figures"
    >
      <KeyFigure testId="figure-devices-donated" label={translate('reemploi.reports.figures.devices_donated')} value={format.integer(commitments.devicesDonated.actual)} hint={wholeDepartment(translate('reemploi.reports.figures.devices_donated_hint'))} />
      <KeyFigure testId="figure-residents-equipped" label={translate('reemploi.reports.figures.residents_equipped')} value={format.integer(allocations.residentsEquipped)} />
      <KeyFigure testId="figure-residents-trained" label={translate('reemploi.reports.figures.residents_trained')} value={format.integer(allocations.residentsTrained)} />
      <KeyFigure
        testId="figure-revenue"
        label={translate('reemploi.reports.figures.revenue')}
        value={format.euro(allocations.revenueEur)}
        hint={translate('reemploi.reports.figures.revenue_hint', { smart_count: allocations.count })}
      />
      <KeyFigure
        testId="figure-savings"
        label={savingsLabel}
        value={format.euro(allocations.householdSavingsEur)}
        hint={allocations.count > 0 && allocations.allocationsWithReferencePrice === 0 ? translate('reemploi.reports.figures.savings_missing') : translate('reemploi.reports.figures.savings_hint')}
        source={
          <SourceButton what={savingsLabel}>
            <SavingsSources summary={summary} format={format} />
          </SourceButton>
        }
      />
      <KeyFigure
        testId="figure-mass"
        label={massLabel}
        value={format.kg(nordDurable.massDivertedKg)}
        hint={noMass.length ? translate('reemploi.reports.figures.mass_missing', { types: typeNames(noMass) }) : undefined}
        source={
          <SourceButton what={massLabel}>
            <NordDurableSources summary={summary} kind="mass" format={format} />
          </SourceButton>
        }
      />
      <KeyFigure
        testId="figure-co2e"
        label={co2eLabel}
        value={format.kg(nordDurable.co2eAvoidedKg)}
        unit="CO2e"
        hint={noCo2e.length ? translate('reemploi.reports.figures.co2e_missing', { types: typeNames(noCo2e) }) : undefined}
        source={
          <SourceButton what={co2eLabel}>
            <NordDurableSources summary={summary} kind="co2e" format={format} />
          </SourceButton>
        }
      />
      <KeyFigure
        testId="figure-reen"
        label={reenLabel}
        value={percentOrNone(reen.ratio)}
        badge={
          reen.met === null ? undefined : (
            <Box>
              <Chip
                size="small"
                color={reen.met ? 'success' : 'warning'}
                label={`${translate(reen.met ? 'reemploi.reports.figures.reen_met' : 'reemploi.reports.figures.reen_not_met')} (${translate('reemploi.reports.figures.reen_target', { target: format.percent(reen.target ?? 0) })})`}
              />
            </Box>
          )
        }
        hint={wholeDepartment(
          reen.heldOnJanuary1 === 0 ? (
            translate('reemploi.reports.figures.reen_none')
          ) : (
            <>
              {translate('reemploi.reports.figures.reen_detail', { reused: format.integer(reen.reused), held: format.integer(reen.heldOnJanuary1), through: format.day(reen.through) })}
              {reen.ratio !== null && reen.ratio > 1 && (
                <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
                  {translate('reemploi.reports.figures.reen_over')}
                </Box>
              )}
            </>
          ),
        )}
        source={
          <SourceButton what={reenLabel}>
            <p>{translate('reemploi.reports.sources.reen')}</p>
            <p>{translate('reemploi.reports.sources.reen_excluded', { old: format.integer(reen.excludedOlderThan10Years), unknown: format.integer(reen.heldWithUnknownYear) })}</p>
          </SourceButton>
        }
      />
      <KeyFigure
        testId="figure-delay"
        label={translate('reemploi.reports.figures.delay')}
        value={allocations.daysToAllocation.median === null ? none : translate('reemploi.reports.figures.days', { value: format.integer(allocations.daysToAllocation.median) })}
        hint={
          allocations.daysToAllocation.median === null || allocations.daysToAllocation.p90 === null
            ? undefined
            : translate('reemploi.reports.figures.delay_value', { p90: format.integer(allocations.daysToAllocation.p90) })
        }
      />
      <KeyFigure testId="figure-rates" label={translate('reemploi.reports.figures.rates')} value={`${percentOrNone(rates.reuse)} / ${percentOrNone(rates.recycling)}`} hint={wholeDepartment(translate('reemploi.reports.figures.rates_hint'))} />
    </Box>
  );
};
