import { useTranslate } from 'react-admin';
import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ImportReport } from '../types.js';
import { useFormat } from '../i18n/useFormat.js';
import { ColumnsTable, PreviewRowsTable, RejectedRowsTable } from './ImportReportTables.js';

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
export const ImportReportView = ({ report, showDetails = true, onTypeMapped }: { report: ImportReport; showDetails?: boolean; onTypeMapped?: () => void }) => {
  const translate = useTranslate();
  const format = useFormat();

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
          <RejectedRowsTable report={report} onTypeMapped={onTypeMapped} />
        </Box>
      )}

      {showDetails && (
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(260px, 1fr) 2.5fr' }, alignItems: 'start' }}>
          <Box>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate('reemploi.import.columns')}
            </Typography>
            <ColumnsTable report={report} />
          </Box>
          {report.preview.length > 0 && (
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="h6" component="h2" gutterBottom>
                {translate('reemploi.import.preview_rows')}
              </Typography>
              <PreviewRowsTable report={report} />
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
};
