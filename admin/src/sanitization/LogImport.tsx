import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Alert, Box, Card, CardContent, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { FilePicker } from '../import/FilePicker.js';
import { useFormat } from '../i18n/useFormat.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { LogReportView } from './LogReportView.js';
import type { LogImportReport } from './types.js';

const ACCEPT = '.log,.txt,.json,text/plain,application/json';

interface LogEntry {
  key: number;
  name: string;
  status: 'waiting' | 'importing' | 'done' | 'refused';
  report?: LogImportReport;
  error?: string;
}

/**
 * nwipe / ShredOS logs dropped several at a time (a bench wipes a dozen disks at once): they are
 * sent one after the other, each with its own report. Re-importing a log records nothing.
 */
export const LogImport = ({ onImported }: { onImported: (report: LogImportReport) => void }) => {
  const translate = useTranslate();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const counter = useRef(0);

  const update = (key: number, change: Partial<LogEntry>) =>
    setEntries((current) => current.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  const addFiles = (files: File[]) => {
    const added = files.map((file) => {
      counter.current += 1;
      return { file, entry: { key: counter.current, name: file.name, status: 'waiting' as const } };
    });
    // newest drop on top, files of one drop in their order
    setEntries((current) => [...added.map(({ entry }) => entry), ...current]);
    for (const { file, entry } of added) {
      queue.current = queue.current.then(async () => {
        update(entry.key, { status: 'importing' });
        try {
          const report = await dataProvider.importSanitizationLog(file);
          update(entry.key, { status: 'done', report });
          onImported(report);
        } catch (error) {
          update(entry.key, { status: 'refused', error: (error as Error).message });
        }
      });
    }
  };

  return (
    <Card component="section" aria-labelledby="logs-title">
      <CardContent>
        <Typography variant="h6" component="h2" id="logs-title" gutterBottom>
          {translate('reemploi.wiping.logs_title')}
        </Typography>
        <FilePicker
          id="nwipe-logs"
          file={null}
          onChange={(file) => addFiles([file])}
          onFiles={addFiles}
          multiple
          accept={ACCEPT}
          locale={format.locale}
          dropText="reemploi.wiping.logs_drop"
          dropActiveText="reemploi.wiping.logs_drop_active"
        />
        {entries.length > 0 && (
          <Stack spacing={2} sx={{ mt: 2 }} data-testid="log-reports">
            {entries.map((entry) => (
              <LogEntryView key={entry.key} entry={entry} />
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

const STATUS_CHIP: Record<LogEntry['status'], { background: string; color: string }> = {
  waiting: { background: '#e3e6ea', color: '#1b1f24' },
  importing: { background: '#dce7f7', color: '#0f3a6b' },
  done: { background: '#d3eedb', color: '#114d1f' },
  refused: { background: '#f8d6d4', color: '#8b1610' },
};

const LogEntryView = ({ entry }: { entry: LogEntry }) => {
  const translate = useTranslate();
  const statusLabel =
    entry.status === 'done' && entry.report
      ? `${entry.report.tool}${entry.report.toolVersion ? ` ${entry.report.toolVersion}` : ''} · ${translate('reemploi.wiping.report_disks', { smart_count: entry.report.disks })}`
      : translate(`reemploi.wiping.${entry.status === 'waiting' ? 'log_waiting' : entry.status === 'importing' ? 'log_importing' : 'log_refused'}`);
  return (
    <Box
      component="article"
      aria-label={entry.name}
      data-testid="log-report"
      data-status={entry.status}
      sx={{ border: 1, borderColor: entry.status === 'refused' ? 'error.main' : 'grey.300', borderRadius: 2, p: 1.5 }}
    >
      <Stack direction="row" useFlexGap spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: entry.report || entry.error ? 1 : 0 }}>
        <Typography component="h3" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
          {entry.name}
        </Typography>
        {entry.status === 'importing' && <CircularProgress size={18} aria-hidden />}
        <Chip size="small" label={statusLabel} sx={{ ...STATUS_CHIP[entry.status], fontWeight: 600 }} />
      </Stack>
      {entry.error && (
        <Alert severity="error" role="alert">
          {entry.error}
        </Alert>
      )}
      {entry.report && <LogReportView report={entry.report} />}
    </Box>
  );
};
