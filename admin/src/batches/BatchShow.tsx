import { useState } from 'react';
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { Alert, Box, Grid, Stack, Typography } from '@mui/material';
import { useCan, useReemploiDataProvider } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import { BatchActions } from './BatchActions.js';
import { BatchBuilder } from './BatchBuilder.js';
import { BatchDevices } from './BatchDevices.js';
import { BatchDiscrepancy } from './BatchDiscrepancy.js';
import { BatchProgress } from './BatchProgress.js';
import { BatchSection as Section } from './BatchSection.js';
import { BatchStatusChip } from './BatchStatusChip.js';
import { BatchSummary } from './BatchSummary.js';
import type { Batch } from './types.js';
import type { Device } from '../types.js';
import { useBatchDevices, useInvalidateBatch } from './useBatchDevices.js';
import { useScanAnnouncer } from './useScanAnnouncer.js';

const BatchTitle = () => {
  const batch = useRecordContext<Batch>();
  return <span>{batch?.reference ?? ''}</span>;
};

/** The batch page: its stage and actions, the builder or the discrepancy, its facts and its devices. */
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
            {batch.status === 'disputed' && <BatchDiscrepancy batch={batch} />}
          </Grid>
        )}
        <Grid
          size={{ xs: 12, lg: sideBySide ? 5 : 12 }}
          sx={{ display: 'flex', flexDirection: sideBySide ? 'column' : { xs: 'column', md: 'row' }, alignItems: 'flex-start', gap: 2, '& > section': { flex: sideBySide ? 'none' : { xs: 'none', md: '1 1 0' }, width: '100%' } }}
        >
          <BatchSummary batch={batch} />
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
