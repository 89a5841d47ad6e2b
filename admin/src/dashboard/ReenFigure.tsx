import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Box, Chip } from '@mui/material';
import { KeyFigure } from './KeyFigure.js';
import { SourceButton } from './SourceButton.js';
import type { Summary } from './types.js';
import { useReportFormat } from './useReportFormat.js';

/** With a territory chosen, says which figures still cover the whole Département. */
export const WholeDepartment = ({ territory, children }: { territory: Summary['period']['territory']; children: ReactNode }) => {
  const translate = useTranslate();
  return territory ? (
    <>
      {children}
      <Box component="span" sx={{ display: 'block', fontWeight: 600 }}>
        {translate('reemploi.reports.figures.whole_department')}
      </Box>
    </>
  ) : (
    children
  );
};

/** The REEN law's reuse ratio for the year, against its target, with what it counts and leaves out. */
export const ReenFigure = ({ summary }: { summary: Summary }) => {
  const translate = useTranslate();
  const format = useReportFormat();
  const { reen } = summary;
  const reenLabel = translate('reemploi.reports.figures.reen', { year: reen.year });
  return (
    <KeyFigure
      testId="figure-reen"
      label={reenLabel}
      value={reen.ratio === null ? translate('reemploi.reports.figures.no_value') : format.percent(reen.ratio)}
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
      hint={
        <WholeDepartment territory={summary.period.territory}>
          {reen.heldOnJanuary1 === 0 ? (
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
          )}
        </WholeDepartment>
      }
      source={
        <SourceButton what={reenLabel}>
          <p>{translate('reemploi.reports.sources.reen')}</p>
          <p>{translate('reemploi.reports.sources.reen_excluded', { old: format.integer(reen.excludedOlderThan10Years), unknown: format.integer(reen.heldWithUnknownYear) })}</p>
        </SourceButton>
      }
    />
  );
};
