import type { ReactNode } from 'react';
import { EditButton, Show, TopToolbar, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { Box, Card, CardContent, Grid, Typography } from '@mui/material';
import { useCan } from '../providers/hooks.js';
import { useFormat } from '../i18n/useFormat.js';
import type { DeviceCard } from '../types.js';
import { CustodyTimeline } from './CustodyTimeline.js';
import { DeviceActions } from './DeviceActions.js';
import { LabelPreview } from './LabelPreview.js';
import { StatusChip } from './StatusChip.js';
import { MissingChip } from '../stock-takes/MissingChip.js';
import { Facts as SharedFacts } from '../layout/Facts.js';
import { DeviceSanitizationSection } from '../sanitization/DeviceSanitizationSection.js';

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card variant="outlined" component="section">
    <CardContent>
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/** Label / value pairs as a description list, two columns on wide screens. */
const Facts = ({ rows }: { rows: [string, ReactNode][] }) => <SharedFacts rows={rows} labelWidth={230} />;

const DeviceTitle = () => {
  const record = useRecordContext<DeviceCard>();
  return <span>{record?.assetTag ?? ''}</span>;
};

const DeviceShowActions = () => {
  const canEdit = useCan('edit', 'devices');
  return <TopToolbar>{canEdit && <EditButton />}</TopToolbar>;
};

const DeviceDetails = () => {
  const device = useRecordContext<DeviceCard>();
  const translate = useTranslate();
  const format = useFormat();
  const notify = useNotify();
  const refresh = useRefresh();
  const canSeeLabels = useCan('show', 'labels');
  const canSeeMedia = useCan('list', 'media');
  const canSeeCertificates = useCan('show', 'certificates');
  // the list's copy of the record (without the actions) shows until the full one arrives
  if (!device) return null;
  const card: DeviceCard = { ...device, allowedTransitions: device.allowedTransitions ?? [], canMove: device.canMove ?? false };
  const field = (name: string) => translate(`resources.devices.fields.${name}`);
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
        <Section title={translate('resources.devices.sections.identification')}>
          <Facts
            rows={[
              [field('assetTag'), device.assetTag],
              [field('type'), translate(`resources.devices.types.${device.type}`)],
              [field('brand'), device.brand],
              [field('model'), device.model],
              [field('serialNumber'), device.serialNumber],
              [field('inventoryNumber'), device.inventoryNumber],
              [field('hostname'), device.hostname],
            ]}
          />
        </Section>
        <Section title={translate('resources.devices.sections.configuration')}>
          <Facts
            rows={[
              [field('cpu'), device.cpu],
              [field('ramGb'), format.number(device.ramGb)],
              [field('storageSummary'), device.storageSummary],
              [field('year'), device.year],
              [field('conditionGrade'), device.conditionGrade ? translate(`resources.devices.grades.${device.conditionGrade}`) : null],
              [field('notes'), device.notes],
            ]}
          />
        </Section>
        <Section title={translate('resources.devices.sections.location')}>
          <Facts
            rows={[
              [field('status'), <StatusChip key="status" status={device.status} />],
              [field('site'), device.site],
              [field('originSite'), device.originSite],
              [field('certificateNumber'), device.certificateNumber],
              [field('labelPrintedAt'), format.dateTime(device.labelPrintedAt)],
              [field('createdAt'), format.dateTime(device.createdAt)],
              [field('updatedAt'), format.dateTime(device.updatedAt)],
            ]}
          />
        </Section>
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
