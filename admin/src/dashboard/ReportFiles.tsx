import { useState } from 'react';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import ArchiveIcon from '@mui/icons-material/Inventory2';
import { useCan, useReemploiDataProvider } from '../providers/hooks.js';
import { downloadFile } from '../batches/download.js';
import { archiveReport, storedWorkbookPath, workbookPath } from './reportsApi.js';
import type { ReportParameters, StoredReportRecord } from './types.js';
import { useReportFormat } from './useReportFormat.js';

/** The name the API gives the workbook (Content-Disposition), rebuilt here: the blob does not carry it. */
export function workbookFileName({ from, to, territory }: ReportParameters): string {
  const place = territory ? `_${territory.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-')}` : '';
  return `partenariat-reemploi_${from}_${to}${place}.xlsx`;
}

const ArchiveDialog = ({ parameters, onClose }: { parameters: ReportParameters; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useReportFormat();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(() =>
    translate('reemploi.reports.workbook.archive_default', { from: format.day(parameters.from), to: format.day(parameters.to) }) + (parameters.territory ? ` — ${parameters.territory}` : ''),
  );
  const archive = useMutation({
    mutationFn: () => archiveReport({ ...parameters, label: label.trim() }),
    onSuccess: () => {
      notify('reemploi.reports.workbook.archived', { type: 'success' });
      queryClient.invalidateQueries({ queryKey: ['reports'] });
      onClose();
    },
  });
  return (
    <Dialog open onClose={archive.isPending ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="archive-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          archive.mutate();
        }}
      >
        <DialogTitle id="archive-title">{translate('reemploi.reports.workbook.archive_title')}</DialogTitle>
        <DialogContent>
          <TextField
            id="archive-label"
            label={translate('reemploi.reports.workbook.archive_label')}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            helperText={translate('reemploi.reports.workbook.archive_helper')}
            required
            fullWidth
            autoFocus
            margin="dense"
            slotProps={{ htmlInput: { minLength: 3, maxLength: 200 } }}
          />
          {archive.isPending && (
            <Box sx={{ mt: 2 }} role="status">
              <Typography variant="body2">{translate('reemploi.reports.workbook.archiving')}</Typography>
              <LinearProgress sx={{ mt: 1 }} aria-label={translate('reemploi.reports.workbook.preparing')} />
            </Box>
          )}
          {archive.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {(archive.error as Error).message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={archive.isPending}>
            {translate('reemploi.reports.workbook.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={archive.isPending || label.trim().length < 3}>
            {translate('reemploi.reports.workbook.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};

/** Download now (streamed by the server: an indeterminate bar until the file is complete) or, for admins, archive. */
export const WorkbookPanel = ({ parameters }: { parameters: ReportParameters }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const canArchive = useCan('create', 'reports');
  const [archiving, setArchiving] = useState(false);
  const download = useMutation({
    mutationFn: () => downloadFile(dataProvider, workbookPath(parameters), workbookFileName(parameters)),
    onSuccess: () => notify('reemploi.reports.workbook.done', { type: 'success' }),
    onError: (error) => notify((error as Error).message, { type: 'error' }),
  });
  return (
    <Card variant="outlined" component="section" aria-labelledby="workbook-heading">
      <CardContent>
        <Typography id="workbook-heading" variant="h6" component="h2">
          {translate('reemploi.reports.workbook.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {translate('reemploi.reports.workbook.intro')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <Button variant="contained" size="large" startIcon={<DownloadIcon />} onClick={() => download.mutate()} disabled={download.isPending}>
            {translate('reemploi.reports.workbook.download')}
          </Button>
          {canArchive && (
            <Button variant="outlined" size="large" startIcon={<ArchiveIcon />} onClick={() => setArchiving(true)}>
              {translate('reemploi.reports.workbook.archive')}
            </Button>
          )}
        </Stack>
        <Box role="status" aria-live="polite" sx={{ mt: download.isPending ? 2 : 0 }} data-testid="workbook-progress">
          {download.isPending && (
            <>
              <Typography variant="body2">{translate('reemploi.reports.workbook.preparing')}</Typography>
              <LinearProgress sx={{ mt: 1 }} aria-label={translate('reemploi.reports.workbook.preparing')} />
            </>
          )}
        </Box>
        {archiving && <ArchiveDialog parameters={parameters} onClose={() => setArchiving(false)} />}
      </CardContent>
    </Card>
  );
};

export const ArchivedReports = () => {
  const translate = useTranslate();
  const format = useReportFormat();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const { data, isPending } = useGetList<StoredReportRecord>('reports', { pagination: { page: 1, perPage: 20 }, sort: { field: 'createdAt', order: 'DESC' } });
  const [downloading, setDownloading] = useState<number | null>(null);
  const save = async (report: StoredReportRecord) => {
    setDownloading(report.id);
    try {
      await downloadFile(dataProvider, storedWorkbookPath(report.id), workbookFileName(report));
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setDownloading(null);
    }
  };
  return (
    <Card variant="outlined" component="section" aria-labelledby="archive-heading">
      <CardContent>
        <Typography id="archive-heading" variant="h6" component="h2" gutterBottom>
          {translate('reemploi.reports.archive.title')}
        </Typography>
        {isPending ? (
          <LinearProgress aria-label={translate('reemploi.reports.workbook.preparing')} />
        ) : !data?.length ? (
          <Typography color="text.secondary">{translate('reemploi.reports.archive.empty')}</Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={translate('reemploi.reports.archive.title')}>
            <Table size="small" data-testid="archived-reports">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('reemploi.reports.archive.label')}</TableCell>
                  <TableCell>{translate('reemploi.reports.archive.period')}</TableCell>
                  <TableCell>{translate('reemploi.reports.archive.territory')}</TableCell>
                  <TableCell>{translate('reemploi.reports.archive.created')}</TableCell>
                  <TableCell align="right">{translate('reemploi.reports.archive.size')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {data.map((report) => {
                  const label = translate('reemploi.reports.archive.download', { label: report.label });
                  return (
                    <TableRow key={report.id}>
                      <TableCell>{report.label}</TableCell>
                      <TableCell>{translate('reemploi.reports.period.shown', { from: format.day(report.from), to: format.day(report.to) })}</TableCell>
                      <TableCell>{report.territory ?? translate('reemploi.reports.period.all_territories')}</TableCell>
                      <TableCell>{format.dateTime(report.createdAt)}</TableCell>
                      <TableCell align="right">{translate('reemploi.reports.archive.size_value', { value: format.decimal(report.fileSize / 1024) })}</TableCell>
                      <TableCell align="right">
                        <Tooltip title={label}>
                          <span>
                            <IconButton aria-label={label} onClick={() => save(report)} disabled={downloading === report.id}>
                              <DownloadIcon />
                            </IconButton>
                          </span>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
