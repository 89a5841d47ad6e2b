import { useTranslate } from 'react-admin';
import { Alert, AlertTitle } from '@mui/material';
import type { DeviceCard } from '../types.js';
import { CertificateActions } from './CertificateActions.js';
import type { Medium } from './types.js';

/** What the wipes led to: the certificate, or why the device is held back. */
export const DeviceOutcome = ({ device, media }: { device: DeviceCard; media: Medium[] }) => {
  const translate = useTranslate();
  if (device.certificateNumber) {
    return (
      <Alert severity="success" variant="outlined" data-testid="device-certificate" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
        <AlertTitle sx={{ fontSize: '1.1rem' }}>{translate('reemploi.device_sanitization.certificate', { number: device.certificateNumber })}</AlertTitle>
        <CertificateActions deviceId={device.id} certificateNumber={device.certificateNumber} />
      </Alert>
    );
  }
  if (device.status === 'quarantined') {
    const failed = media.filter((medium) => medium.lastResult === 'failure').map((medium) => medium.serialNumber);
    return (
      <Alert severity="error" data-testid="device-quarantined">
        <AlertTitle sx={{ fontSize: '1.1rem' }}>{translate('reemploi.wiping.quarantined', { assetTag: device.assetTag })}</AlertTitle>
        {failed.length > 0 && <strong>{failed.join(', ')} — </strong>}
        {translate('reemploi.wiping.quarantined_hint')}
      </Alert>
    );
  }
  return null;
};
