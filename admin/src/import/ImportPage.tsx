import { Title, useTranslate } from 'react-admin';
import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { ImportDone } from './ImportDone.js';
import { ImportForm } from './ImportForm.js';
import { ImportReportView } from './ImportReportView.js';
import { useDeviceImport } from './useDeviceImport.js';

/** Preview first (dry run), then import all or nothing. */
export const ImportPage = () => {
  const translate = useTranslate();
  const upload = useDeviceImport();
  const { preview, result, startOver } = upload;

  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('reemploi.import.title')} />
      <Stack spacing={3}>
        <Card>
          <CardContent>
            <Typography variant="h5" component="h1" gutterBottom>
              {translate('reemploi.import.title')}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
              {translate('reemploi.import.intro')}
            </Typography>
            {result ? <ImportDone result={result} onStartOver={startOver} /> : <ImportForm upload={upload} />}
          </CardContent>
        </Card>
        {(result || preview) && (
          <Card>
            <CardContent>
              <ImportReportView report={(result ?? preview)!} showDetails={!result} onTypeMapped={result ? undefined : () => void upload.send(true)} />
            </CardContent>
          </Card>
        )}
      </Stack>
    </Box>
  );
};
