import { Facts } from '../layout/Facts.js';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Confirm, Show, useNotify, useRecordContext, useTranslate } from 'react-admin';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  IconButton,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import PdfIcon from '@mui/icons-material/PictureAsPdf';
import XlsxIcon from '@mui/icons-material/TableView';
import ReadyIcon from '@mui/icons-material/LockClock';
import CloseIcon from '@mui/icons-material/Archive';
import PickupIcon from '@mui/icons-material/QrCodeScanner';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlined';
import { useCan, useReemploiDataProvider } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { usePhone } from '../layout/usePhone.js';
import { openPdf } from '../devices/labels.js';
import { StatusChip } from '../devices/StatusChip.js';
import { BatchBuilder } from './BatchBuilder.js';
import { useScanAnnouncer } from './useScanAnnouncer.js';
import { BatchProgress } from './BatchProgress.js';
import { BatchStatusChip } from './BatchStatusChip.js';
import { CountsByType } from './CountsByType.js';
import { downloadFile } from './download.js';
import { formatDay } from './format.js';
import { canBeClosed, hasManifest, type Batch } from './types.js';
import type { Device } from '../types.js';
import { useBatchDevices, useInvalidateBatch } from './useBatchDevices.js';

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <Card variant="outlined" component="section" data-testid={testId}>
    <CardContent>
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);


const BatchTitle = () => {
  const batch = useRecordContext<Batch>();
  return <span>{batch?.reference ?? ''}</span>;
};

type Pending = 'ready' | 'close' | null;

const BatchActions = ({ batch, deviceCount, onChanged, onDialogChange }: { batch: Batch; deviceCount: number; onChanged: () => void; onDialogChange: (open: boolean) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const canEdit = useCan('edit', 'batches');
  const canPickup = useCan('create', 'pickups');
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const open = (what: Pending) => {
    setPending(what);
    onDialogChange(what !== null);
  };

  const run = async () => {
    setBusy(true);
    try {
      if (pending === 'ready') {
        await dataProvider.markBatchReady(batch.id);
        notify('resources.batches.notifications.ready', { type: 'success', messageArgs: { reference: batch.reference } });
      } else if (pending === 'close') {
        await dataProvider.closeBatch(batch.id);
        notify('resources.batches.notifications.closed', { type: 'success', messageArgs: { reference: batch.reference } });
      }
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      open(null);
      onChanged();
    }
  };

  const manifest = async (format: 'pdf' | 'xlsx', document: 'manifest' | 'certificates' = 'manifest') => {
    const path = `/batches/${batch.id}/${document}.${format}`;
    const fileName = `${document === 'manifest' ? 'manifeste' : 'certificats'}-${batch.reference}.${format}`;
    try {
      if (format === 'pdf') {
        const opened = await openPdf(dataProvider, path, fileName);
        if (!opened) notify('resources.devices.notifications.popup_blocked', { type: 'info' });
      } else await downloadFile(dataProvider, path, fileName);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  // one button a line on a phone: wide targets for a thumb, no ragged rows
  const buttonSx = { minHeight: 48, width: { xs: '100%', sm: 'auto' } };
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
      {canPickup && batch.status === 'ready' && (
        <Button component={Link} to={`/pickup/${batch.id}`} variant="contained" size="large" startIcon={<PickupIcon />} sx={buttonSx}>
          {translate('resources.batches.actions.pickup')}
        </Button>
      )}
      {canEdit && batch.status === 'draft' && (
        <Button variant="contained" size="large" startIcon={<ReadyIcon />} onClick={() => open('ready')} disabled={!deviceCount} sx={buttonSx}>
          {translate('resources.batches.actions.ready')}
        </Button>
      )}
      {canEdit && canBeClosed(batch.status) && (
        <Button variant="contained" size="large" startIcon={<CloseIcon />} onClick={() => open('close')} sx={buttonSx}>
          {translate('resources.batches.actions.close')}
        </Button>
      )}
      {hasManifest(batch.status) && (
        <>
          <Button variant="outlined" size="large" startIcon={<PdfIcon />} onClick={() => manifest('pdf')} sx={buttonSx}>
            {translate('resources.batches.actions.manifest_pdf')}
          </Button>
          <Button variant="outlined" size="large" startIcon={<XlsxIcon />} onClick={() => manifest('xlsx')} sx={buttonSx}>
            {translate('resources.batches.actions.manifest_xlsx')}
          </Button>
          <Button variant="outlined" size="large" startIcon={<PdfIcon />} onClick={() => manifest('pdf', 'certificates')} sx={buttonSx}>
            {translate('resources.batches.actions.certificates_pdf')}
          </Button>
        </>
      )}
      <Confirm
        isOpen={pending === 'ready'}
        loading={busy}
        title="resources.batches.ready_dialog.title"
        translateOptions={{ reference: batch.reference }}
        content={
          <>
            <Typography sx={{ mb: 1 }}>{translate('resources.batches.ready_dialog.content')}</Typography>
            <Typography sx={{ fontWeight: 700 }}>{translate('resources.batches.ready_dialog.count', { smart_count: deviceCount })}</Typography>
          </>
        }
        confirm="resources.batches.ready_dialog.confirm"
        confirmColor="primary"
        onConfirm={run}
        onClose={() => open(null)}
      />
      <Confirm
        isOpen={pending === 'close'}
        loading={busy}
        title="resources.batches.close_dialog.title"
        translateOptions={{ reference: batch.reference }}
        content="resources.batches.close_dialog.content"
        confirm="resources.batches.close_dialog.confirm"
        confirmColor="primary"
        onConfirm={run}
        onClose={() => open(null)}
      />
    </Stack>
  );
};

type DevicesProps = { devices: Device[]; onRemove?: (device: Device) => void };

const RemoveButton = ({ device, onRemove }: { device: Device; onRemove: (device: Device) => void }) => {
  const translate = useTranslate();
  const label = translate('resources.batches.actions.remove', { assetTag: device.assetTag });
  return (
    <IconButton onClick={() => onRemove(device)} aria-label={label} title={label} color="error">
      <RemoveIcon />
    </IconButton>
  );
};

const AssetTagLink = ({ device }: { device: Device }) => (
  <MuiLink component={Link} to={`/devices/${device.id}/show`} underline="hover">
    {device.assetTag}
  </MuiLink>
);

const brandAndModel = (device: Device) => [device.brand, device.model].filter(Boolean).join(' ') || '—';

/** On a phone: one line per device (asset tag and status, then type · brand model), no table to scroll sideways. */
const DevicesList = ({ devices, onRemove }: DevicesProps) => {
  const translate = useTranslate();
  return (
    <Box component="ul" aria-label={translate('resources.batches.sections.devices', { smart_count: devices.length })} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {devices.map((device) => (
        <Box
          component="li"
          key={device.id}
          data-testid="batch-device"
          sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 1, borderBottom: 1, borderColor: 'divider', '&:last-child': { borderBottom: 0 } }}
        >
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: 1, rowGap: 0.5 }}>
              <Typography component="span" sx={{ fontWeight: 700 }}>
                <AssetTagLink device={device} />
              </Typography>
              <StatusChip status={device.status} />
            </Box>
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {translate(`resources.devices.types.${device.type}`)} · {brandAndModel(device)}
            </Typography>
          </Box>
          {onRemove && <RemoveButton device={device} onRemove={onRemove} />}
        </Box>
      ))}
    </Box>
  );
};

const DevicesTable = ({ devices, onRemove }: DevicesProps) => {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.devices.fields.${name}`);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate('resources.batches.sections.devices', { smart_count: devices.length })}>
        <TableHead>
          <TableRow>
            <TableCell>{field('assetTagShort')}</TableCell>
            <TableCell>{field('type')}</TableCell>
            <TableCell>{field('brandAndModel')}</TableCell>
            <TableCell>{field('status')}</TableCell>
            {onRemove && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {devices.map((device) => (
            <TableRow key={device.id} data-testid="batch-device" hover>
              <TableCell sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
                <AssetTagLink device={device} />
              </TableCell>
              <TableCell>{translate(`resources.devices.types.${device.type}`)}</TableCell>
              <TableCell>{brandAndModel(device)}</TableCell>
              <TableCell>
                <StatusChip status={device.status} />
              </TableCell>
              {onRemove && (
                <TableCell align="right" sx={{ py: 0 }}>
                  <RemoveButton device={device} onRemove={onRemove} />
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const BatchDevices = (props: DevicesProps) => (usePhone() ? <DevicesList {...props} /> : <DevicesTable {...props} />);

const BatchDetails = () => {
  const batch = useRecordContext<Batch>();
  const translate = useTranslate();
  const format = useFormat();
  const dataProvider = useReemploiDataProvider();
  const canEdit = useCan('edit', 'batches');
  const { data: devices, isError } = useBatchDevices(batch?.id);
  const invalidate = useInvalidateBatch();
  const { banner, announce } = useScanAnnouncer();
  const [dialogOpen, setDialogOpen] = useState(false);
  if (!batch) return null;
  const field = (name: string) => translate(`resources.batches.fields.${name}`);
  const building = canEdit && batch.status === 'draft';
  // the builder or the discrepancy on the left; otherwise the facts side by side above the devices
  const sideBySide = building || batch.status === 'disputed';
  const deviceCount = devices?.length ?? batch.deviceCount;
  const refresh = () => void invalidate(batch.id);

  const remove = async (device: Device) => {
    try {
      await dataProvider.removeFromBatch(batch.id, device.id);
      announce('success', translate('resources.batches.builder.removed', { assetTag: device.assetTag }), device.assetTag);
    } catch (error) {
      announce('error', (error as Error).message);
    }
    refresh();
  };

  return (
    <Stack spacing={2} sx={{ p: { xs: 1, sm: 2 } }}>
      <Stack direction="row" useFlexGap sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 700, letterSpacing: '0.02em' }}>
          {batch.reference}
        </Typography>
        <BatchStatusChip status={batch.status} size="medium" />
        <Box sx={{ width: 160 }}>
          <BatchProgress status={batch.status} />
        </Box>
      </Stack>
      <BatchActions batch={batch} deviceCount={deviceCount} onChanged={refresh} onDialogChange={setDialogOpen} />
      {batch.status !== 'draft' && batch.readyAt && (
        <Typography color="text.secondary">{translate('resources.batches.frozen', { date: format.dateTime(batch.readyAt) })}</Typography>
      )}
      <Grid container spacing={2}>
        {sideBySide && (
          <Grid size={{ xs: 12, lg: 7 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            {building && (
              <BatchBuilder batch={batch} devices={devices} onChanged={refresh} banner={banner} announce={announce} paused={dialogOpen} />
            )}
            {batch.status === 'disputed' && (
              <Section title={translate('resources.batches.sections.discrepancy')} testId="batch-discrepancy">
                <Alert severity="warning" sx={{ mb: 2, fontSize: '1rem' }}>
                  {batch.discrepancy}
                </Alert>
                {!!batch.missingAssetTags?.length && (
                  <>
                    <Typography sx={{ mb: 1 }}>{translate('resources.batches.missing_intro')}</Typography>
                    <Box component="ul" aria-label={field('missingAssetTags')} sx={{ m: 0, pl: 3, columns: { sm: 2 } }}>
                      {batch.missingAssetTags.map((tag) => (
                        <li key={tag}>
                          <Typography sx={{ fontWeight: 700 }}>{tag}</Typography>
                        </li>
                      ))}
                    </Box>
                  </>
                )}
              </Section>
            )}
          </Grid>
        )}
        <Grid
          size={{ xs: 12, lg: sideBySide ? 5 : 12 }}
          sx={{ display: 'flex', flexDirection: sideBySide ? 'column' : { xs: 'column', md: 'row' }, alignItems: 'flex-start', gap: 2, '& > section': { flex: sideBySide ? 'none' : { xs: 'none', md: '1 1 0' }, width: '100%' } }}
        >
          <Section title={translate('resources.batches.sections.counts')}>
            <CountsByType counts={batch.countsByType} />
          </Section>
          <Section title={translate('resources.batches.sections.summary')}>
            <Facts
              rows={[
                [field('site'), batch.site],
                [field('partner'), batch.partner],
                [field('plannedAt'), formatDay(batch.plannedAt, format.locale)],
                [field('notes'), batch.notes],
                [field('createdAt'), format.dateTime(batch.createdAt)],
                [field('readyAt'), format.dateTime(batch.readyAt)],
                [field('pickedUpAt'), format.dateTime(batch.pickedUpAt)],
                [field('pickedUpByName'), batch.pickedUpByName],
                [field('closedAt'), format.dateTime(batch.closedAt)],
              ]}
            />
          </Section>
        </Grid>
      </Grid>
      <Section title={translate('resources.batches.sections.devices', { smart_count: deviceCount })}>
        {isError ? (
          <Alert severity="error">{translate('resources.batches.devices_error')}</Alert>
        ) : devices && !devices.length ? (
          <Typography color="text.secondary">{translate('resources.batches.devices_empty')}</Typography>
        ) : (
          <BatchDevices devices={devices ?? []} onRemove={building ? remove : undefined} />
        )}
      </Section>
    </Stack>
  );
};

export const BatchShow = () => (
  <Show title={<BatchTitle />} actions={false} component="div">
    <BatchDetails />
  </Show>
);
