import { useCallback, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import {
  Box,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  IconButton,
  List,
  ListItem,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import ClearAllIcon from '@mui/icons-material/ClearAll';
import OpenIcon from '@mui/icons-material/OpenInNew';
import { errorCode } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import type { DeviceCard } from '../types.js';
import { StatusChip } from '../devices/StatusChip.js';
import { ScanBanner, type Banner, type BannerKind } from './ScanBanner.js';
import { ScanField } from './ScanField.js';
import { ScannedDeviceCard, describeDevice } from './ScannedDeviceCard.js';
import { playScanSound } from './sounds.js';
import { usePersistentFlag } from './usePersistentFlag.js';
import { useScanFocus } from './useScanFocus.js';

interface ScannedEntry {
  device: DeviceCard;
  scannedAt: number;
}

/**
 * Built for a USB barcode scanner, which types the code then Enter: the field keeps the focus,
 * every scan answers with a big banner and a sound, and in continuous mode a pile of devices is
 * counted without touching the mouse.
 */
export const ScannerPage = () => {
  const translate = useTranslate();
  const dataProvider = useReemploiDataProvider();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [continuous, setContinuous] = usePersistentFlag('reemploi.scanner.continuous', false);
  const [soundOn, setSoundOn] = usePersistentFlag('reemploi.scanner.sound', true);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [current, setCurrent] = useState<DeviceCard | null>(null);
  const [scanned, setScanned] = useState<ScannedEntry[]>([]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const lastCode = useRef<string | null>(null);
  const lastDeviceId = useRef<number | null>(null);
  const bannerCount = useRef(0);

  const { focusInput, onBlur } = useScanFocus(inputRef, dialogOpen);

  const announce = useCallback(
    (kind: BannerKind, text: string, tag?: string) => {
      bannerCount.current += 1;
      setBanner({ kind, text, tag, id: bannerCount.current });
      if (soundOn) playScanSound(kind === 'success' ? 'ok' : kind);
    },
    [soundOn],
  );

  const showDevice = (device: DeviceCard) => {
    setCurrent(device);
    setScanned((entries) => entries.map((entry) => (entry.device.id === device.id ? { ...entry, device } : entry)));
  };

  const scan = async (event?: FormEvent) => {
    event?.preventDefault();
    const raw = code.trim();
    if (!raw) return focusInput();
    const normalized = raw.toUpperCase();
    if (continuous) setCode('');
    else inputRef.current?.select(); // the next scan types over it

    if (normalized === lastCode.current) {
      announce('warning', translate('reemploi.scanner.already_scanned', { assetTag: current?.assetTag ?? normalized }), current?.assetTag ?? normalized);
      return focusInput();
    }
    try {
      const { device } = await dataProvider.scan(raw);
      const sameDevice = device.id === lastDeviceId.current;
      const alreadyInList = continuous && scanned.some((entry) => entry.device.id === device.id);
      lastCode.current = normalized;
      lastDeviceId.current = device.id;
      setCurrent(device);
      if (sameDevice || alreadyInList) {
        announce('warning', translate('reemploi.scanner.already_scanned', { assetTag: device.assetTag }), device.assetTag);
        showDevice(device);
      } else {
        announce('success', translate('reemploi.scanner.found', { assetTag: device.assetTag }), device.assetTag);
        if (continuous) setScanned((entries) => [{ device, scannedAt: Date.now() }, ...entries]);
      }
    } catch (error) {
      lastCode.current = null;
      lastDeviceId.current = null;
      const codeOfError = errorCode(error);
      if (codeOfError === 'UNKNOWN_CODE') announce('error', translate('reemploi.scanner.unknown_code', { code: normalized }), normalized);
      else if (codeOfError === 'INVALID_CHECK_DIGIT') announce('error', translate('reemploi.scanner.check_digit'));
      else announce('error', (error as Error).message || translate('reemploi.scanner.forbidden'));
      if (!continuous) setCurrent(null);
    }
    focusInput();
  };

  const onActionDone = (device: DeviceCard, message: string) => {
    showDevice(device);
    announce('success', message, device.assetTag);
    focusInput();
  };

  const onActionError = (message: string) => {
    announce('error', message);
    focusInput();
  };

  return (
    <Box sx={{ py: 2, maxWidth: 1100 }}>
      <Title title={translate('reemploi.scanner.title')} />
      <Stack spacing={2}>
        <Card>
          <CardContent>
            <ScanField
              inputRef={inputRef}
              id="scanner-code"
              label={translate('reemploi.scanner.field_label')}
              helperText={translate('reemploi.scanner.field_helper')}
              value={code}
              onChange={setCode}
              onSubmit={scan}
              onBlur={onBlur}
              submitLabel={translate('reemploi.scanner.search')}
              autoFocus
            />
            <Stack direction="row" useFlexGap spacing={3} sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
              <FormControlLabel
                control={
                  <Switch
                    checked={continuous}
                    onChange={(event) => {
                      setContinuous(event.target.checked);
                      focusInput();
                    }}
                  />
                }
                label={translate('reemploi.scanner.continuous')}
              />
              <FormControlLabel
                control={
                  <Switch
                    checked={soundOn}
                    onChange={(event) => {
                      setSoundOn(event.target.checked);
                      focusInput();
                    }}
                  />
                }
                label={translate('reemploi.scanner.sound')}
              />
              {continuous && (
                <Typography variant="body2" color="text.secondary">
                  {translate('reemploi.scanner.continuous_helper')}
                </Typography>
              )}
            </Stack>
          </CardContent>
        </Card>

        <ScanBanner banner={banner} idleText={translate('reemploi.scanner.empty')} />

        {!continuous && current && (
          <ScannedDeviceCard device={current} onDone={onActionDone} onError={onActionError} onDialogChange={setDialogOpen} />
        )}

        {continuous && (
          <ScannedList
            entries={scanned}
            onClear={() => {
              setScanned([]);
              lastCode.current = null;
              lastDeviceId.current = null;
              focusInput();
            }}
          />
        )}
      </Stack>
    </Box>
  );
};

const ScannedList = ({ entries, onClear }: { entries: ScannedEntry[]; onClear: () => void }) => {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1, gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" data-testid="scanned-count">
            {translate('reemploi.scanner.scanned_list', { smart_count: entries.length })}
          </Typography>
          <Button startIcon={<ClearAllIcon />} onClick={onClear} disabled={!entries.length}>
            {translate('reemploi.scanner.clear_list')}
          </Button>
        </Stack>
        <List aria-label={translate('reemploi.scanner.scanned_list', { smart_count: entries.length })}>
          {entries.map(({ device, scannedAt }) => (
            <ListItem
              key={`${device.id}-${scannedAt}`}
              divider
              sx={{ gap: 2, flexWrap: 'wrap' }}
              secondaryAction={
                <IconButton component={Link} to={`/devices/${device.id}/show`} aria-label={translate('resources.devices.actions.show')}>
                  <OpenIcon />
                </IconButton>
              }
            >
              <Typography sx={{ fontWeight: 700, fontSize: '1.2rem', minWidth: 170 }}>{device.assetTag}</Typography>
              <Typography sx={{ flex: 1, minWidth: 160 }}>{describeDevice(device, translate)}</Typography>
              <StatusChip status={device.status} />
              <Typography color="text.secondary" sx={{ mr: 5 }}>
                {device.site}
              </Typography>
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
};
