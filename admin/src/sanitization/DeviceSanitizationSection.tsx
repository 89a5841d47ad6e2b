import { Link } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';
import { Alert, AlertTitle, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import StationIcon from '@mui/icons-material/CleaningServices';
import { useCan } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import type { DeviceCard } from '../types.js';
import { CertificateActions } from './CertificateActions.js';
import { WIPING_STATUSES } from './choices.js';
import { ResultChip } from './ResultChip.js';
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
  const format = useFormat();
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
  const field = (name: string) => translate(`resources.sanitizations.fields.${name}`);
  const colon = translate('reemploi.wiping.colon');

  return (
    <>
      {media?.length ? (
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }} aria-label={translate('resources.media.name', { smart_count: 2 })}>
          {media.map((medium) => (
            <Box component="li" key={medium.id} sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }} data-testid="device-medium">
              <Typography sx={{ fontWeight: 700 }}>{medium.serialNumber}</Typography>
              <Typography color="text.secondary">
                {[translate(`resources.media.kinds.${medium.kind}`), medium.model, medium.capacityGb !== null ? translate('reemploi.wiping.capacity', { capacity: format.number(medium.capacityGb) }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
              <ResultChip result={medium.lastResult} />
            </Box>
          ))}
        </Box>
      ) : (
        <Typography color="text.secondary">
          {translate(device.noStorage ? 'reemploi.device_sanitization.no_storage' : 'reemploi.device_sanitization.no_media')}
        </Typography>
      )}

      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
        {translate('reemploi.device_sanitization.records')}
      </Typography>
      {records?.length ? (
        // a list rather than a table: the device page's column is narrow
        <Box component="ol" data-testid="device-records" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }}>
          {records.map((record) => (
            <Box component="li" key={record.id} sx={{ borderLeft: 4, borderColor: record.result === 'success' ? 'success.main' : 'error.main', pl: 1.5, py: 0.5 }}>
              <Stack direction="row" useFlexGap spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <ResultChip result={record.result} kind="record" />
                <Typography sx={{ fontWeight: 700 }}>{record.mediumSerialNumber}</Typography>
                <Typography color="text.secondary">
                  <time dateTime={record.finishedAt}>{format.dateTime(record.finishedAt)}</time>
                </Typography>
              </Stack>
              <Typography>
                {translate(`resources.sanitizations.techniques.${record.technique}`)} — {translate(`resources.sanitizations.categories.${record.category}`)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {[
                  [record.tool, record.toolVersion].filter(Boolean).join(' '),
                  record.passes !== null ? translate('resources.sanitizations.passes_count', { smart_count: record.passes }) : null,
                  record.verification !== 'none'
                    ? `${field('verification')}${colon} ${translate(`resources.sanitizations.verifications.${record.verification}`).toLocaleLowerCase()}`
                    : null,
                  `${field('operatorName')}${colon} ${record.operatorName}`,
                  record.source !== 'manual' ? translate(`resources.sanitizations.sources.${record.source}`) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
              {record.errors && (
                <Typography variant="body2" color="error.dark">
                  {field('errors')}
                  {colon} {record.errors}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      ) : (
        <Typography color="text.secondary">{translate('reemploi.device_sanitization.no_records')}</Typography>
      )}
    </>
  );
};
