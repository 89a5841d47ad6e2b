import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { FilePicker } from '../import/FilePicker.js';
import { useFormat } from '../i18n/useFormat.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { LogReportView } from './LogReportView.js';
import type { LogImportReport } from './types.js';
import { ErrorAlert } from '../forms/ErrorAlert.js';

const ACCEPT = '.log,.txt,.json,text/plain,application/json';

interface LogEntry {
  key: number;
  name: string;
  file: File;
  /** previewed: read with dryRun=true, nothing written until the technician records it. */
  status: 'waiting' | 'previewing' | 'previewed' | 'importing' | 'done' | 'refused' | 'discarded';
  report?: LogImportReport;
  error?: string;
}

/**
 * nwipe / ShredOS logs dropped several at a time (a bench wipes a dozen disks at once): each is
 * first previewed (dryRun, nothing written: wipe records are permanent), then recorded on the
 * technician's click, one request after the other. Re-importing a log records nothing.
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

  const send = (entry: LogEntry, dryRun: boolean) => {
    queue.current = queue.current.then(async () => {
      update(entry.key, { status: dryRun ? 'previewing' : 'importing' });
      try {
        const report = await dataProvider.importSanitizationLog(entry.file, { dryRun });
        update(entry.key, { status: dryRun ? 'previewed' : 'done', report });
        if (!dryRun) onImported(report);
      } catch (error) {
        update(entry.key, { status: 'refused', error: (error as Error).message });
      }
    });
  };

  const addFiles = (files: File[]) => {
    const added = files.map((file) => {
      counter.current += 1;
      return { key: counter.current, name: file.name, file, status: 'waiting' as const };
    });
    // newest drop on top, files of one drop in their order
    setEntries((current) => [...added, ...current]);
    for (const entry of added) send(entry, true);
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
              <LogEntryView key={entry.key} entry={entry} onRecord={() => send(entry, false)} onDiscard={() => update(entry.key, { status: 'discarded', report: undefined })} />
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

const STATUS_CHIP: Record<LogEntry['status'], { background: string; color: string }> = {
  waiting: { background: '#e3e6ea', color: '#1b1f24' },
  previewing: { background: '#dce7f7', color: '#0f3a6b' },
  previewed: { background: '#fdecc8', color: '#5c3b00' },
  discarded: { background: '#e3e6ea', color: '#1b1f24' },
  importing: { background: '#dce7f7', color: '#0f3a6b' },
  done: { background: '#d3eedb', color: '#114d1f' },
  refused: { background: '#f8d6d4', color: '#8b1610' },
};

const STATUS_LABEL: Record<Exclude<LogEntry['status'], 'done'>, string> = {
  waiting: 'log_waiting',
  previewing: 'log_previewing',
  previewed: 'log_previewed',
  importing: 'log_importing',
  refused: 'log_refused',
  discarded: 'log_discarded',
};

const LogEntryView = ({ entry, onRecord, onDiscard }: { entry: LogEntry; onRecord: () => void; onDiscard: () => void }) => {
  const translate = useTranslate();
  const tool = entry.report ? `${entry.report.tool}${entry.report.toolVersion ? ` ${entry.report.toolVersion}` : ''} · ${translate('reemploi.wiping.report_disks', { smart_count: entry.report.disks })}` : '';
  const statusLabel = entry.status === 'done' ? tool : translate(`reemploi.wiping.${STATUS_LABEL[entry.status]}`);
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
        {(entry.status === 'importing' || entry.status === 'previewing') && <CircularProgress size={18} aria-hidden />}
        <Chip size="small" label={statusLabel} sx={{ ...STATUS_CHIP[entry.status], fontWeight: 600 }} />
        {entry.status === 'previewed' && tool && (
          <Typography variant="body2" color="text.secondary">
            {tool}
          </Typography>
        )}
      </Stack>
      {entry.status === 'previewed' && (
        <Alert
          severity="info"
          sx={{ mb: 1 }}
          action={
            <Stack direction="row" spacing={1}>
              <Button variant="contained" size="small" onClick={onRecord}>
                {translate('reemploi.wiping.preview_record')}
              </Button>
              <Button size="small" onClick={onDiscard}>
                {translate('reemploi.wiping.preview_discard')}
              </Button>
            </Stack>
          }
        >
          {translate('reemploi.wiping.preview_notice')}
        </Alert>
      )}
      <ErrorAlert message={entry.error} />
      {entry.report && <LogReportView report={entry.report} />}
    </Box>
  );
};
