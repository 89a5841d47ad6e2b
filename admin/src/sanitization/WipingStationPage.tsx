import { Title, useTranslate } from 'react-admin';
import { Box, Grid } from '@mui/material';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { ScannedDeviceCard } from '../scanner/ScannedDeviceCard.js';
import { CertificateActions } from './CertificateActions.js';
import { DefaultMethodPanel } from './DefaultMethodPanel.js';
import { DeviceOutcome } from './DeviceOutcome.js';
import { LogImport } from './LogImport.js';
import { MediaPanel } from './MediaPanel.js';
import { useWipingStation } from './useWipingStation.js';
import { WipingScanCard } from './WipingScanCard.js';
import { timesNow } from './wipeTimes.js';

/**
 * The wiping bench: scan the device, scan each disk's serial, then one click per disk records the
 * wipe with the bench's usual method. When every disk is wiped the API certifies the device; a
 * failure quarantines it. nwipe logs can be dropped here too.
 */
export const WipingStationPage = () => {
  const translate = useTranslate();
  const { scanField, banner, bench, actions, method, updateMethod, times, setTimes, onLogImported } = useWipingStation();
  const { device, media } = bench;
  const { announce } = banner;
  const { focusInput, setDialogOpen } = scanField;

  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('reemploi.wiping.title')} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <WipingScanCard scanRef={scanField.scanRef} code={scanField.code} onCodeChange={scanField.setCode} onScan={scanField.scan} onBlur={scanField.onBlur} soundOn={banner.soundOn} onSoundChange={banner.setSoundOn} />

          <ScanBanner
            banner={banner.banner}
            idleText={translate('reemploi.wiping.empty')}
            action={
              banner.bannerCertificate && device?.certificateNumber ? (
                <CertificateActions deviceId={device.id} certificateNumber={device.certificateNumber} onBanner showPublicLink={false} />
              ) : undefined
            }
          />

          {device && (
            <>
              <ScannedDeviceCard
                device={device}
                onDone={(updated, message) => {
                  bench.setDevice(updated);
                  announce('success', message, updated.assetTag);
                  focusInput();
                }}
                onError={(message) => {
                  announce('error', message);
                  focusInput();
                }}
                onDialogChange={setDialogOpen}
              />
              <DeviceOutcome device={device} media={media} />
              <MediaPanel
                device={device}
                media={media}
                loading={bench.mediaLoading}
                method={method}
                busy={actions.busy}
                serialRef={scanField.serialRef}
                onSerialBlur={scanField.onBlur}
                onAdd={actions.addMedium}
                onDeviceCode={(value) => {
                  scanField.setCode(value);
                  void scanField.lookUp(value);
                }}
                onRecord={actions.record}
                onRemove={actions.removeMedium}
                onNoStorage={actions.markNoStorage}
                onDialogChange={setDialogOpen}
              />
            </>
          )}
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <DefaultMethodPanel method={method} onChange={updateMethod} times={times} onTimesChange={setTimes} onTimesNow={() => setTimes(timesNow())} />
          <LogImport onImported={onLogImported} />
        </Grid>
      </Grid>
    </Box>
  );
};
