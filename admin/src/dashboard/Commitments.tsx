import { useGetList, useTranslate } from 'react-admin';
import { Box, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import type { AgreementRecord, Summary } from './types.js';
import { useReportFormat } from './useReportFormat.js';

type CommitmentKey = 'devicesDonated' | 'residentsEquipped' | 'residentsTrained' | 'solidaritySales';

const ROWS: { key: CommitmentKey; label: string; field: keyof Pick<AgreementRecord, 'devicesCommitted' | 'residentsCommitted' | 'trainingsCommitted' | 'solidaritySalesCommitted'> }[] = [
  { key: 'devicesDonated', label: 'devices_donated', field: 'devicesCommitted' },
  { key: 'residentsEquipped', label: 'residents_equipped', field: 'residentsCommitted' },
  { key: 'residentsTrained', label: 'residents_trained', field: 'trainingsCommitted' },
  { key: 'solidaritySales', label: 'solidarity_sales', field: 'solidaritySalesCommitted' },
];

/**
 * Each commitment as a bar: what was done against what the agreement expects pro rata for the
 * period (the bar's 100 %), with the agreement's whole commitment beside it.
 */
export const Commitments = ({ summary }: { summary: Summary }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const ids = new Set(summary.commitments.agreements.map((agreement) => agreement.id));
  // the commitments written in the agreements themselves (the summary gives them pro rata)
  const { data: agreements } = useGetList<AgreementRecord>('agreements', { pagination: { page: 1, perPage: 100 }, sort: { field: 'startsOn', order: 'DESC' } }, { enabled: ids.size > 0 });
  const inForce = (agreements ?? []).filter((agreement) => ids.has(agreement.id));
  const headingId = 'commitments-heading';
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          {translate('reemploi.reports.commitments.title')}
        </Typography>
        {ids.size === 0 ? (
          <Typography color="text.secondary">{translate('reemploi.reports.commitments.none')}</Typography>
        ) : (
          <Stack spacing={2.5}>
            {ROWS.map(({ key, label, field }) => {
              const { actual, committed, achieved } = summary.commitments[key];
              const percent = achieved === null ? 0 : Math.min(100, achieved * 100);
              const total = inForce.reduce((sum, agreement) => sum + agreement[field], 0);
              const name = translate(`reemploi.reports.commitments.${label}`);
              return (
                <Box key={key} data-testid={`commitment-${key}`}>
                  <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', gap: 0.5 }}>
                    <Typography sx={{ fontWeight: 600 }}>{name}</Typography>
                    <Typography>
                      {translate('reemploi.reports.commitments.value', { actual: format.integer(actual), target: format.integer(committed) })}
                    </Typography>
                  </Stack>
                  <LinearProgress
                    variant="determinate"
                    value={percent}
                    color={achieved !== null && achieved >= 1 ? 'success' : 'primary'}
                    aria-label={name}
                    aria-valuetext={achieved === null ? undefined : translate('reemploi.reports.commitments.achieved', { percent: format.percent(achieved) })}
                    sx={{ height: 12, borderRadius: 6, my: 0.75, bgcolor: 'grey.300' }}
                  />
                  <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', gap: 0.5 }}>
                    <Typography variant="body2" color="text.secondary">
                      {achieved === null ? '' : translate('reemploi.reports.commitments.achieved', { percent: format.percent(achieved) })}
                    </Typography>
                    {inForce.length > 0 && (
                      <Typography variant="body2" color="text.secondary">
                        {translate('reemploi.reports.commitments.agreement', { total: format.integer(total) })}
                      </Typography>
                    )}
                  </Stack>
                </Box>
              );
            })}
            <Box>
              {summary.commitments.agreements.map((agreement) => (
                <Typography key={agreement.id} variant="body2" color="text.secondary">
                  {translate('reemploi.reports.commitments.agreements', {
                    partner: agreement.partner,
                    from: format.day(agreement.startsOn),
                    to: format.day(agreement.endsOn),
                    share: format.percent(agreement.share),
                  })}
                </Typography>
              ))}
              {summary.period.territory && (
                <Typography variant="body2" color="text.secondary">
                  {translate('reemploi.reports.commitments.territory_note')}
                </Typography>
              )}
            </Box>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
