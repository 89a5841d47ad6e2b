import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Card, CardContent, Typography } from '@mui/material';
import { useFormat } from '../i18n/useFormat.js';
import { Facts as SharedFacts } from '../layout/Facts.js';
import type { DeviceCard } from '../types.js';
import { StatusChip } from './StatusChip.js';

/** One titled card of the device page. */
export const DeviceSection = ({ title, children }: { title: string; children: ReactNode }) => (
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

/**
 * What the device is, how it is configured, where it is and since when: three sections of facts.
 * The configuration is the API's wording of the specs (the manifest's): storage from the device's
 * media when it has some, battery health for the devices that run on one.
 */
export const DeviceFacts = ({ device }: { device: DeviceCard }) => {
  const translate = useTranslate();
  const format = useFormat();
  const field = (name: string) => translate(`resources.devices.fields.${name}`);
  return (
    <>
      <DeviceSection title={translate('resources.devices.sections.identification')}>
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
      </DeviceSection>
      <DeviceSection title={translate('resources.devices.sections.configuration')}>
        <Facts
          rows={[
            [field('cpu'), device.specs ? device.specs.cpu : device.cpu],
            [field('ram'), device.specs ? device.specs.ram : format.number(device.ramGb)],
            [field('storageSummary'), device.specs ? device.specs.storage : device.storageSummary],
            ...(device.specs?.battery ? [[field('batteryHealth'), device.specs.battery] as [string, string]] : []),
            [field('year'), device.year],
            [field('conditionGrade'), device.conditionGrade ? translate(`resources.devices.grades.${device.conditionGrade}`) : null],
            [field('notes'), device.notes],
          ]}
        />
      </DeviceSection>
      <DeviceSection title={translate('resources.devices.sections.location')}>
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
      </DeviceSection>
    </>
  );
};
