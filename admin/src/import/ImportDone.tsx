import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { Alert, Button, Stack } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import type { ImportReport } from '../types.js';

/** The import went through: the counts, the way to the devices, or another file. */
export const ImportDone = ({ result, onStartOver }: { result: ImportReport; onStartOver: () => void }) => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Stack spacing={2}>
      <Alert severity="success" role="status">
        <strong>{translate('reemploi.import.done')}</strong> —{' '}
        {translate('reemploi.import.done_counts', {
          created: format.number(result.created),
          updated: format.number(result.updated),
          unchanged: format.number(result.unchanged),
        })}
      </Alert>
      <Stack direction="row" spacing={2}>
        <Button component={Link} to="/devices" variant="contained" size="large">
          {translate('reemploi.import.see_devices')}
        </Button>
        <Button onClick={onStartOver} size="large">
          {translate('reemploi.import.start_over')}
        </Button>
      </Stack>
    </Stack>
  );
};
