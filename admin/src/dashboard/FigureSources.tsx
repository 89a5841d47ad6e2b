import { useTranslate } from 'react-admin';
import { Alert, Box, Typography } from '@mui/material';
import type { DeviceType } from '../types.js';
import type { FactorValues, Summary } from './types.js';
import type { useReportFormat } from './useReportFormat.js';

type Format = ReturnType<typeof useReportFormat>;

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
export const NordDurableSources = ({ summary, kind, format }: { summary: Summary; kind: 'mass' | 'co2e'; format: Format }) => {
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
/** Per type allocated: the reference new price and where it comes from. */
export const SavingsSources = ({ summary, format }: { summary: Summary; format: Format }) => {
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
