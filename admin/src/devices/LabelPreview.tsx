import { useEffect, useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { Box, Button, Skeleton, Stack, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { Device } from '../types.js';
import { PrintLabelsDialog } from './PrintLabelsDialog.js';

/** The label as it will be printed; fetched with the token, so shown through an object URL. */
export const LabelPreview = ({ device }: { device: Device }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useReemploiDataProvider();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    dataProvider
      .fetchBlob(`/devices/${device.id}/label.svg`)
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(new Blob([blob], { type: 'image/svg+xml' }));
        setUrl(objectUrl);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [dataProvider, device.id, device.assetTag]);

  const printed = (message: string) => {
    notify(message, { type: 'success' });
    refresh();
  };

  return (
    <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
      {failed ? (
        <Typography color="text.secondary">{translate('resources.devices.notifications.label_unavailable')}</Typography>
      ) : url ? (
        <Box
          component="img"
          src={url}
          alt={translate('resources.devices.label_preview_alt', { assetTag: device.assetTag })}
          sx={{ width: '100%', maxWidth: 340, border: 1, borderColor: 'grey.400', borderRadius: 1, bgcolor: '#fff' }}
        />
      ) : (
        <Skeleton variant="rectangular" width={320} height={170} />
      )}
      <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => setPrinting(true)}>
        {translate('resources.devices.actions.print_label')}
      </Button>
      <PrintLabelsDialog open={printing} ids={[device.id]} onClose={() => setPrinting(false)} onPrinted={printed} />
    </Stack>
  );
};
