import { useTranslate } from 'react-admin';
import { Box } from '@mui/material';
import { NordDurableSources, SavingsSources } from './FigureSources.js';
import { KeyFigure } from './KeyFigure.js';
import { ReenFigure, WholeDepartment } from './ReenFigure.js';
import { SourceButton } from './SourceButton.js';
import type { Summary } from './types.js';
import { useReportFormat } from './useReportFormat.js';

/** The dashboard's eight figures, each with its sources one click away. */
export const KeyFigures = ({ summary }: { summary: Summary }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const { allocations, commitments, nordDurable, rates } = summary;
  const none = translate('reemploi.reports.figures.no_value');
  const percentOrNone = (value: number | null) => (value === null ? none : format.percent(value));
  const massLabel = translate('reemploi.reports.figures.mass');
  const co2eLabel = translate('reemploi.reports.figures.co2e');
  const savingsLabel = translate('reemploi.reports.figures.savings');
  // a figure computed with missing factors says so (0 kg is otherwise read as "nothing avoided")
  const typeNames = (rows: Summary['nordDurable']['byType']) => rows.map((row) => translate(`resources.devices.types.${row.deviceType}`)).join(', ');
  const noMass = nordDurable.byType.filter((row) => row.massKgPerDevice === null);
  const noCo2e = nordDurable.byType.filter((row) => row.co2eKgPerDevice === null);
  const territory = summary.period.territory;
  // demonstration values (demo data only) are named beside the figure they went into, never silently mixed in
  const demoNote = (types: Summary['nordDurable']['demoValues']['mass'] = []) =>
    types.length ? translate('reemploi.reports.figures.demo_values', { types: types.map((type) => translate(`resources.devices.types.${type}`)).join(', ') }) : null;
  const withDemoNote = (hint: string | undefined, types: Summary['nordDurable']['demoValues']['mass'] | undefined) => {
    const note = demoNote(types);
    if (!note) return hint;
    return (
      <>
        {hint && <Box component="span" sx={{ display: 'block' }}>{hint}</Box>}
        <Box component="span" sx={{ display: 'block', color: 'text.primary', fontWeight: 600, mt: 0.5 }} data-testid="demo-values-note">
          {note}
        </Box>
      </>
    );
  };
  return (
    <Box
      component="ul"
      sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' } }}
      data-testid="key-figures"
    >
      <KeyFigure testId="figure-devices-donated" label={translate('reemploi.reports.figures.devices_donated')} value={format.integer(commitments.devicesDonated.actual)} hint={<WholeDepartment territory={territory}>{translate('reemploi.reports.figures.devices_donated_hint')}</WholeDepartment>} />
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
        hint={withDemoNote(
          allocations.count > 0 && allocations.allocationsWithReferencePrice === 0 ? translate('reemploi.reports.figures.savings_missing') : translate('reemploi.reports.figures.savings_hint'),
          nordDurable.demoValues?.price,
        )}
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
        hint={withDemoNote(noMass.length ? translate('reemploi.reports.figures.mass_missing', { types: typeNames(noMass) }) : undefined, nordDurable.demoValues?.mass)}
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
      <ReenFigure summary={summary} />
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
      <KeyFigure testId="figure-rates" label={translate('reemploi.reports.figures.rates')} value={`${percentOrNone(rates.reuse)} / ${percentOrNone(rates.recycling)}`} hint={<WholeDepartment territory={territory}>{translate('reemploi.reports.figures.rates_hint')}</WholeDepartment>} />
    </Box>
  );
};
