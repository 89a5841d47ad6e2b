import { Link } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';
import { Alert, AlertTitle, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import StationIcon from '@mui/icons-material/CleaningServices';
import { useCan } from '../providers/hooks.js';
import type { DeviceCard } from '../types.js';
import { CertificateActions } from './CertificateActions.js';
import { WIPING_STATUSES } from './choices.js';
import { DeviceMediaList } from './DeviceMediaList.js';
import { SanitizationRecordList } from './SanitizationRecordList.js';
import type { Medium, SanitizationRecord } from './types.js';

/**
 * "Supports et effacements" on the device page: the certificate first (what people come for),
 * then the disks with their last result and every wipe recorded.
 */
export const DeviceSanitizationSection = ({ device }: { device: DeviceCard }) => {
  const translate = useTranslate();
  const canSeeMedia = useCan('list', 'media');
  const canWipe = useCan('create', 'sanitizations');
  return (
    <Stack spacing={2} data-testid="device-sanitization">
      {device.certificateNumber && (
        <Alert severity="success" variant="outlined" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
          <AlertTitle>{translate('reemploi.device_sanitization.certificate', { number: device.certificateNumber })}</AlertTitle>
          <CertificateActions deviceId={device.id} certificateNumber={device.certificateNumber} />
        </Alert>
      )}
      {canSeeMedia && <MediaAndRecords device={device} />}
      {canWipe && WIPING_STATUSES.includes(device.status) && (
        <Box>
          <Button component={Link} to={`/wiping?code=${encodeURIComponent(device.assetTag)}`} variant="outlined" startIcon={<StationIcon />}>
            {translate('reemploi.wiping.open_station')}
          </Button>
        </Box>
      )}
    </Stack>
  );
};

const MediaAndRecords = ({ device }: { device: DeviceCard }) => {
  const translate = useTranslate();
  // the device's version changes with every wipe: refetch then
  const { data: media, isPending: mediaPending } = useGetList<Medium>(
    'media',
    { filter: { device: device.id }, sort: { field: 'id', order: 'ASC' }, pagination: { page: 1, perPage: 100 }, meta: { version: device.version } },
  );
  const { data: records, isPending: recordsPending } = useGetList<SanitizationRecord>(
    'sanitizations',
    { filter: { device: device.id }, sort: { field: 'finishedAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 }, meta: { version: device.version } },
  );
  if (mediaPending || recordsPending) return <CircularProgress size={24} aria-label={translate('ra.page.loading')} />;

  return (
    <>
      {media?.length ? (
        <DeviceMediaList media={media} />
      ) : (
        <Typography color="text.secondary">
          {translate(device.noStorage ? 'reemploi.device_sanitization.no_storage' : 'reemploi.device_sanitization.no_media')}
        </Typography>
      )}

      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
        {translate('reemploi.device_sanitization.records')}
      </Typography>
      {records?.length ? (
        <SanitizationRecordList records={records} />
      ) : (
        <Typography color="text.secondary">{translate('reemploi.device_sanitization.no_records')}</Typography>
      )}
    </>
  );
};
