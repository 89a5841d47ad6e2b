import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { ResultChip } from './ResultChip.js';
import type { LogImportReport } from './types.js';

const StationLink = ({ assetTag }: { assetTag: string }) => (
  <Box component={Link} to={`/wiping?code=${encodeURIComponent(assetTag)}`} sx={{ fontWeight: 700, whiteSpace: 'nowrap', color: 'primary.main' }}>
    {assetTag}
  </Box>
);

const ReportSection = ({ title, count, tone, children }: { title: string; count: number; tone?: 'error' | 'success' | 'warning'; children: ReactNode }) =>
  count === 0 ? null : (
    <Box>
      <Typography variant="body2" sx={{ fontWeight: 700, color: tone ? `${tone}.dark` : 'text.primary' }}>
        {title} ({count})
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, '& li': { mb: 0.25 } }}>
        {children}
      </Box>
    </Box>
  );

/** The devices a log certified (or quarantined), each opening the station. */
const DeviceTagsAlert = ({ severity, testId, title, colon, tags }: { severity: 'success' | 'error'; testId: string; title: string; colon: string; tags: string[] }) =>
  tags.length === 0 ? null : (
    <Alert severity={severity} data-testid={testId}>
      <strong>
        {title}
        {colon}
      </strong>{' '}
      {tags.map((tag, index) => (
        <span key={tag}>
          {index > 0 && ', '}
          <StationLink assetTag={tag} />
        </span>
      ))}
    </Alert>
  );

const WarningsAlert = ({ title, colon, warnings }: { title: string; colon: string; warnings: string[] }) =>
  warnings.length === 0 ? null : (
    <Alert severity="warning">
      <strong>
        {title}
        {colon}
      </strong>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {warnings.map((warning, index) => (
          <li key={index}>{warning}</li>
        ))}
      </Box>
    </Alert>
  );

type DiskResult = LogImportReport['diskResults'][number];

/** Every disk of the log, wiped or not, with nwipe's word for it and what the import does with it. */
const DiskList = ({ disks, dryRun }: { disks: DiskResult[]; dryRun: boolean }) => {
  const translate = useTranslate();
  const w = (key: string) => translate(`reemploi.wiping.${key}`);
  const outcome = (disk: DiskResult) => w(disk.outcome === 'recorded' && dryRun ? 'disk_outcome_would_record' : `disk_outcome_${disk.outcome}`);
  return (
    <ReportSection title={w('report_disk_list')} count={disks.length}>
      {disks.map((disk, index) => (
        <li key={`${disk.devicePath}-${disk.serialNumber}-${index}`} data-testid="log-disk">
          <strong>{disk.devicePath ?? '—'}</strong> · {disk.serialNumber ?? w('unknown_serial')}
          {disk.model ? ` (${disk.model})` : ''} · nwipe : {disk.nwipeStatus ?? (disk.outcome === 'not_wiped' ? '—' : w('disk_not_in_summary'))} → {outcome(disk)}
          {disk.assetTag && (
            <>
              {' '}
              <StationLink assetTag={disk.assetTag} />
            </>
          )}
          {disk.outcome === 'not_wiped' && disk.reason ? ` : ${disk.reason}` : ''}
        </li>
      ))}
    </ReportSection>
  );
};

/** Everything a log did (or, previewed, would do), by outcome; asset tags open the device at the station. */
export const LogReportView = ({ report }: { report: LogImportReport }) => {
  const translate = useTranslate();
  const w = (key: string) => translate(`reemploi.wiping.${key}`);
  // a preview says what will happen, a record what happened
  const p = (key: string) => w(report.dryRun ? key.replace('report_', 'preview_') : key);
  const nothing =
    report.recorded.length + report.failed.length + report.alreadyImported.length + report.unmatched.length === 0;
  return (
    <Stack spacing={1}>
      {report.hostSerial && (
        <Typography variant="body2" color="text.secondary">
          {translate('reemploi.wiping.report_host', { serial: report.hostSerial })}
          {report.hostAssetTag && (
            <>
              {' '}
              (<StationLink assetTag={report.hostAssetTag} />)
            </>
          )}
        </Typography>
      )}
      <DeviceTagsAlert severity="success" testId="report-sanitized" title={p('report_sanitized')} colon={w('colon')} tags={report.devicesSanitized} />
      <DeviceTagsAlert severity="error" testId="report-quarantined" title={p('report_quarantined')} colon={w('colon')} tags={report.devicesQuarantined} />
      <ReportSection title={p('report_recorded')} count={report.recorded.length} tone="success">
        {report.recorded.map((row) => (
          <li key={`${row.serialNumber}-${row.method}`}>
            {row.serialNumber} → <StationLink assetTag={row.assetTag} /> · {row.method} <ResultChip result={row.result} kind="record" />
          </li>
        ))}
      </ReportSection>
      <ReportSection title={w('report_failed')} count={report.failed.length} tone="error">
        {report.failed.map((row) => (
          <li key={row.serialNumber}>
            {row.serialNumber} → <StationLink assetTag={row.assetTag} />
            {row.errors ? ` : ${row.errors}` : ''}
          </li>
        ))}
      </ReportSection>
      <ReportSection title={w('report_already')} count={report.alreadyImported.length}>
        {report.alreadyImported.map((row) => (
          <li key={row.serialNumber}>
            {row.serialNumber} → <StationLink assetTag={row.assetTag} />
          </li>
        ))}
      </ReportSection>
      <ReportSection title={p('report_media_created')} count={report.mediaCreated.length}>
        {report.mediaCreated.map((row) => (
          <li key={row.serialNumber}>
            {row.serialNumber} → <StationLink assetTag={row.assetTag} />
          </li>
        ))}
      </ReportSection>
      <ReportSection title={w('report_unmatched')} count={report.unmatched.length} tone="warning">
        {report.unmatched.map((row, index) => (
          <li key={`${row.serialNumber}-${index}`}>
            <strong>{row.serialNumber ?? w('unknown_serial')}</strong>
            {row.model ? ` (${row.model})` : ''} : {row.reason}
          </li>
        ))}
      </ReportSection>
      <DiskList disks={report.diskResults ?? []} dryRun={report.dryRun} />
      <WarningsAlert title={w('report_warnings')} colon={w('colon')} warnings={report.warnings} />
      {nothing && report.warnings.length === 0 && <Typography color="text.secondary">{w('report_nothing')}</Typography>}
    </Stack>
  );
};
