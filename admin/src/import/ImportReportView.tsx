import { useTranslate } from 'react-admin';
import { Box, Card, CardContent, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { ImportReport } from '../types.js';
import { useFormat } from '../i18n/useFormat.js';

const ACTION_COLORS: Record<ImportReport['preview'][number]['action'], { background: string; color: string }> = {
  create: { background: '#d3eedb', color: '#114d1f' },
  update: { background: '#dce7f7', color: '#0f3a6b' },
  unchanged: { background: '#e3e6ea', color: '#1b1f24' },
  reject: { background: '#f8d6d4', color: '#8b1610' },
};

const Count = ({ label, value, testId, alert }: { label: string; value: string; testId: string; alert?: boolean }) => (
  <Card variant="outlined" sx={{ flex: '1 1 150px', borderColor: alert ? 'error.main' : undefined, borderWidth: alert ? 2 : 1 }}>
    <CardContent>
      <Typography color="text.secondary">{label}</Typography>
      <Typography variant="h4" component="p" sx={{ fontWeight: 700, color: alert ? 'error.main' : undefined }} data-testid={testId}>
        {value}
      </Typography>
    </CardContent>
  </Card>
);

/** What the import will do (dry run) or did: columns understood, counts, refused rows, first rows. */
export const ImportReportView = ({ report, showDetails = true }: { report: ImportReport; showDetails?: boolean }) => {
  const translate = useTranslate();
  const format = useFormat();
  const fieldLabel = (field: string) => translate(`resources.devices.fields.${field}`);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
      <Box>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('reemploi.import.counts')}{' '}
          <Typography component="span" color="text.secondary">
            ({translate('reemploi.import.total_rows', { smart_count: report.totalRows })})
          </Typography>
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
          <Count label={translate('reemploi.import.to_create')} value={format.number(report.created)} testId="count-created" />
          <Count label={translate('reemploi.import.to_update')} value={format.number(report.updated)} testId="count-updated" />
          <Count label={translate('reemploi.import.unchanged')} value={format.number(report.unchanged)} testId="count-unchanged" />
          <Count
            label={translate('reemploi.import.rejected')}
            value={format.number(report.rejected.length)}
            testId="count-rejected"
            alert={report.rejected.length > 0}
          />
        </Box>
      </Box>

      {report.rejected.length > 0 && (
        <Box>
          <Typography variant="h6" component="h2" gutterBottom color="error">
            {translate('reemploi.import.rejected_rows')}
          </Typography>
          <TableContainer component={Card} variant="outlined">
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('reemploi.import.row')}</TableCell>
                  <TableCell>{fieldLabel('serialNumber')}</TableCell>
                  <TableCell>{translate('reemploi.import.reason')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.rejected.map((rejected) => (
                  <TableRow key={rejected.row}>
                    <TableCell>{rejected.row}</TableCell>
                    <TableCell>{rejected.serialNumber ?? '—'}</TableCell>
                    <TableCell>{rejected.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Box>
      )}

      {showDetails && (
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(260px, 1fr) 2.5fr' }, alignItems: 'start' }}>
          <Box>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate('reemploi.import.columns')}
            </Typography>
            <TableContainer component={Card} variant="outlined">
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('reemploi.import.column_header')}</TableCell>
                    <TableCell>{translate('reemploi.import.column_field')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.columns.map((column, index) => (
                    <TableRow key={`${column.header}-${index}`}>
                      <TableCell>{column.header}</TableCell>
                      <TableCell>
                        {column.field ? (
                          fieldLabel(column.field)
                        ) : (
                          <Chip size="small" label={translate('reemploi.import.ignored')} sx={{ bgcolor: '#fde3cc', color: '#7a3500' }} />
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Box>
          {report.preview.length > 0 && (
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="h6" component="h2" gutterBottom>
                {translate('reemploi.import.preview_rows')}
              </Typography>
              <TableContainer component={Card} variant="outlined">
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('reemploi.import.row')}</TableCell>
                      <TableCell>{translate('reemploi.import.action')}</TableCell>
                      <TableCell>{fieldLabel('serialNumber')}</TableCell>
                      <TableCell>{fieldLabel('type')}</TableCell>
                      <TableCell>{fieldLabel('brand')}</TableCell>
                      <TableCell>{fieldLabel('model')}</TableCell>
                      <TableCell>{fieldLabel('originSite')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {report.preview.map(({ row, action, device }) => (
                      <TableRow key={row}>
                        <TableCell>{row}</TableCell>
                        <TableCell>
                          <Chip size="small" label={translate(`reemploi.import.actions.${action}`)} sx={ACTION_COLORS[action]} />
                        </TableCell>
                        <TableCell>{device.serialNumber ?? '—'}</TableCell>
                        <TableCell>{device.type ? translate(`resources.devices.types.${device.type}`) : '—'}</TableCell>
                        <TableCell>{device.brand ?? '—'}</TableCell>
                        <TableCell>{device.model ?? '—'}</TableCell>
                        <TableCell>{device.originSite ?? '—'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
};
