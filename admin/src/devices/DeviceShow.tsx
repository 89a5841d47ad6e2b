import { EditButton, Show, TopToolbar, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { Box, Grid, Typography } from '@mui/material';
import { useCan } from '../providers/hooks.js';
import type { DeviceCard } from '../types.js';
import { CustodyTimeline } from './CustodyTimeline.js';
import { CustodyProofNote } from './CustodyProofNote.js';
import { DeviceActions } from './DeviceActions.js';
import { DeviceFacts, DeviceSection as Section } from './DeviceFacts.js';
import { LabelPreview } from './LabelPreview.js';
import { StatusChip } from './StatusChip.js';
import { MissingChip } from '../stock-takes/MissingChip.js';
import { DeviceSanitizationSection } from '../sanitization/DeviceSanitizationSection.js';
import { DeviceInventorySection } from './DeviceInventory.js';

const DeviceTitle = () => {
  const record = useRecordContext<DeviceCard>();
  return <span>{record?.assetTag ?? ''}</span>;
};

const DeviceShowActions = () => {
  const canEdit = useCan('edit', 'devices');
  return <TopToolbar>{canEdit && <EditButton />}</TopToolbar>;
};

/** The device page: its tag and status, what may be done to it now, its facts, its wipes, its label and its history. */
const DeviceDetails = () => {
  const device = useRecordContext<DeviceCard>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const canSeeLabels = useCan('show', 'labels');
  const canSeeMedia = useCan('list', 'media');
  const canSeeCertificates = useCan('show', 'certificates');
  // the list's copy of the record (without the actions) shows until the full one arrives
  if (!device) return null;
  const card: DeviceCard = { ...device, allowedTransitions: device.allowedTransitions ?? [], canMove: device.canMove ?? false };
  const hasActions = card.allowedTransitions.length > 0 || card.canMove;

  return (
    <Grid container spacing={2} sx={{ p: { xs: 1, sm: 2 } }}>
      <Grid size={{ xs: 12, lg: 7 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 700, letterSpacing: '0.02em' }}>
            {device.assetTag}
          </Typography>
          <StatusChip status={device.status} size="medium" />
          <MissingChip since={device.missingSince} size="medium" />
        </Box>
        {hasActions && (
          <DeviceActions
            device={card}
            onDone={(_updated, message) => {
              notify(message, { type: 'success' });
              refresh();
            }}
          />
        )}
        <DeviceFacts device={device} />
        <DeviceInventorySection deviceId={device.id} />
        {(canSeeMedia || (canSeeCertificates && device.certificateNumber)) && (
          <Section title={translate('resources.devices.sections.sanitization')}>
            <DeviceSanitizationSection device={card} />
          </Section>
        )}
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {canSeeLabels && (
          <Section title={translate('resources.devices.sections.label')}>
            <LabelPreview device={device} />
          </Section>
        )}
        <Section title={translate('resources.devices.sections.timeline')}>
          <CustodyProofNote deviceId={device.id} />
          <CustodyTimeline deviceId={device.id} />
        </Section>
      </Grid>
    </Grid>
  );
};

export const DeviceShow = () => (
  <Show title={<DeviceTitle />} actions={<DeviceShowActions />} component="div">
    <DeviceDetails />
  </Show>
);
