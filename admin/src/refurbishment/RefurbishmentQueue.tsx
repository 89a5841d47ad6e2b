import { useRef, useState, type FormEvent } from 'react';
import { DataTable, List, useListContext, useNotify, useTranslate, useUnselectAll } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  IconButton,
  List as MuiList,
  ListItem,
  Stack,
  Typography,
  useMediaQuery,
} from '@mui/material';
import RefurbishIcon from '@mui/icons-material/Build';
import RecycleIcon from '@mui/icons-material/Recycling';
import RemoveIcon from '@mui/icons-material/Close';
import ClearIcon from '@mui/icons-material/ClearAll';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import { errorCode, type ApiErrorBody } from '../providers/http.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { ScanBanner } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import { useScanFocus } from '../scanner/useScanFocus.js';
import { useScanAnnouncer } from '../batches/useScanAnnouncer.js';
import type { Outcome } from '../batches/types.js';
import type { Device, DeviceCard } from '../types.js';
import { OutcomeDialog } from './OutcomeDialog.js';

type Refused = { assetTag: string; reason: string }[];

interface PendingOutcome {
  to: Outcome['to'];
  devices: Pick<Device, 'id' | 'assetTag' | 'version'>[];
  /** Where it was asked from: the scanned pile is emptied, the list selection cleared. */
  source: 'pile' | 'selection' | 'row';
}

const describe = (device: Pick<Device, 'type' | 'brand' | 'model'>, translate: (key: string) => string) =>
  [translate(`resources.devices.types.${device.type}`), device.brand, device.model].filter(Boolean).join(' · ');

/**
 * The partner's workbench: devices handed over and not yet diagnosed. One device at a time from
 * the list, a selection, or a scanned pile that gets the same outcome in one all-or-nothing call.
 */
export const RefurbishmentQueue = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const queryClient = useQueryClient();
  const unselectAll = useUnselectAll('devices', 'refurbishment');
  const { banner, announce } = useScanAnnouncer();
  const [pile, setPile] = useState<DeviceCard[]>([]);
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<PendingOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refused>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const touch = useMediaQuery('(pointer: coarse)');
  const { focusInput, onBlur } = useScanFocus(inputRef, touch || !!pending);
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.refurbishment.${key}`, options);

  const scan = async (event: FormEvent) => {
    event.preventDefault();
    const raw = code.trim();
    setCode('');
    if (!raw) return;
    const check = checkAssetTag(raw);
    if (!check.valid) {
      announce('error', check.reason === 'check_digit' ? translate('reemploi.scanner.check_digit') : t('unknown_code', { code: raw.toUpperCase() }));
      return;
    }
    if (pile.some((device) => device.assetTag === check.tag)) {
      announce('warning', t('already_in_pile', { assetTag: check.tag }), check.tag);
      return;
    }
    try {
      const { device } = await dataProvider.scan(check.tag);
      if (device.status !== 'handed_over') {
        announce('error', t('not_waiting', { assetTag: device.assetTag, status: translate(`resources.devices.statuses.${device.status}`) }), device.assetTag);
        return;
      }
      setPile((devices) => (devices.some((other) => other.id === device.id) ? devices : [device, ...devices]));
      setRefused([]);
      announce('success', t('added_to_pile', { assetTag: device.assetTag }), device.assetTag);
    } catch (error) {
      if (errorCode(error) === 'UNKNOWN_CODE') announce('error', t('unknown_code', { code: check.tag }), check.tag);
      else announce('error', (error as Error).message);
    }
  };

  const ask = (outcome: PendingOutcome) => {
    setDialogError(null);
    setPending(outcome);
  };

  const apply = async (outcome: Outcome) => {
    if (!pending) return;
    setBusy(true);
    const tags = pending.devices.map((device) => device.assetTag);
    try {
      if (pending.devices.length === 1 && pending.source === 'row') {
        const [device] = pending.devices;
        await dataProvider.transitionDevice(device.id, { ...outcome, version: device.version });
      } else {
        await dataProvider.recordOutcomes(tags, outcome);
      }
      // the big banner says what just happened (it still showed the last scan, « ajouté à la pile »)
      announce('success', t('done', { smart_count: tags.length, outcome: t(outcome.to) }), tags.length === 1 ? tags[0] : undefined);
      if (pending.source === 'pile') setPile([]);
      if (pending.source === 'selection') unselectAll();
      setRefused([]);
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: ['devices'] });
    } catch (error) {
      if (errorCode(error) === 'DEVICES_REFUSED') {
        const details = (error as { body?: ApiErrorBody }).body?.details as { refused?: Refused } | undefined;
        setRefused(details?.refused ?? []);
        setPending(null);
        announce('error', t('refused_title', { smart_count: details?.refused?.length ?? 0 }));
      } else {
        setDialogError((error as Error).message);
      }
    } finally {
      setBusy(false);
      if (!touch) focusInput();
    }
  };

  const what = pending
    ? pending.devices.length === 1
      ? pending.devices[0].assetTag
      : translate('reemploi.handover.queue.devices', { smart_count: pending.devices.length })
    : '';

  return (
    <Box sx={{ pt: 2, minWidth: 0, maxWidth: '100%' }}>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
        {t('title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('intro')}
      </Typography>
      <Stack spacing={2}>
        <Card variant="outlined" component="section" sx={{ borderWidth: 2, borderColor: 'primary.main' }}>
          <CardContent>
            <Typography variant="h6" component="h2">
              {t('scan_mode')}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 1.5 }}>
              {t('scan_mode_helper')}
            </Typography>
            <Stack spacing={1.5}>
              <ScanField
                inputRef={inputRef}
                id="refurbishment-scan"
                label={t('field_label')}
                helperText={t('field_helper')}
                value={code}
                onChange={setCode}
                onSubmit={scan}
                onBlur={onBlur}
                submitLabel={t('field_label')}
                size="medium"
                autoFocus={!touch}
              />
              <ScanBanner banner={banner} idleText={t('idle')} />
              {refused.length > 0 && (
                <Alert severity="error" data-testid="outcome-refused">
                  <AlertTitle>{t('refused_title', { smart_count: refused.length })}</AlertTitle>
                  <Box component="ul" sx={{ m: 0, pl: 2 }}>
                    {refused.map((entry) => (
                      <li key={entry.assetTag}>
                        <strong>{entry.assetTag}</strong> : {entry.reason}
                      </li>
                    ))}
                  </Box>
                </Alert>
              )}
              <Typography sx={{ fontWeight: 700 }} data-testid="pile-count">
                {t('pile', { smart_count: pile.length })}
              </Typography>
              {pile.length === 0 ? (
                <Typography color="text.secondary">{t('pile_empty')}</Typography>
              ) : (
                <MuiList dense aria-label={t('pile', { smart_count: pile.length })}>
                  {pile.map((device) => (
                    <ListItem
                      key={device.id}
                      divider
                      sx={{ gap: 2, flexWrap: 'wrap', pr: 7 }}
                      secondaryAction={
                        <IconButton
                          edge="end"
                          aria-label={t('remove_from_pile', { assetTag: device.assetTag })}
                          onClick={() => setPile((devices) => devices.filter((other) => other.id !== device.id))}
                        >
                          <RemoveIcon />
                        </IconButton>
                      }
                    >
                      <Typography sx={{ fontWeight: 700, fontSize: '1.1rem' }}>{device.assetTag}</Typography>
                      <Typography color="text.secondary">{describe(device, translate)}</Typography>
                    </ListItem>
                  ))}
                </MuiList>
              )}
              <OutcomeButtons
                count={pile.length}
                onClick={(to) => ask({ to, devices: pile, source: 'pile' })}
                extra={
                  <Button startIcon={<ClearIcon />} onClick={() => setPile([])} disabled={!pile.length} sx={{ minHeight: 48 }}>
                    {t('clear_pile')}
                  </Button>
                }
              />
            </Stack>
          </CardContent>
        </Card>

        <List
          resource="devices"
          storeKey="refurbishment"
          filter={{ status: 'handed_over' }}
          sort={{ field: 'updatedAt', order: 'DESC' }}
          perPage={25}
          disableSyncWithLocation
          exporter={false}
          actions={false}
          title={t('title')}
          empty={<Alert severity="info">{t('empty')}</Alert>}
          sx={{ '& .RaList-content': { overflowX: 'auto' } }}
        >
          <DataTable rowClick={false} bulkActionButtons={<SelectionActions onAsk={ask} />}>
            <DataTable.Col
              source="assetTag"
              label="resources.devices.fields.assetTagShort"
              render={(device: Device) => (
                <>
                  <Typography sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>{device.assetTag}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {describe(device, translate)}
                  </Typography>
                </>
              )}
            />
            <DataTable.Col
              source="id"
              label=""
              disableSort
              render={(device: Device) => (
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'flex-end', alignItems: { xs: 'stretch', sm: 'center' } }}>
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => ask({ to: 'refurbished', devices: [device], source: 'row' })}
                    aria-label={`${t('refurbished')} — ${device.assetTag}`}
                    sx={{ minHeight: 40 }}
                  >
                    {t('refurbished')}
                  </Button>
                  <Button
                    size="small"
                    variant="outlined"
                    color="error"
                    onClick={() => ask({ to: 'recycled', devices: [device], source: 'row' })}
                    aria-label={`${t('recycled')} — ${device.assetTag}`}
                    sx={{ minHeight: 40 }}
                  >
                    {t('recycled')}
                  </Button>
                </Stack>
              )}
            />
          </DataTable>
        </List>
      </Stack>
      {pending && (
        <OutcomeDialog
          to={pending.to}
          what={what}
          busy={busy}
          error={dialogError}
          onCancel={() => {
            setPending(null);
            if (!touch) focusInput();
          }}
          onConfirm={apply}
        />
      )}
    </Box>
  );
};

const OutcomeButtons = ({ count, onClick, extra }: { count: number; onClick: (to: Outcome['to']) => void; extra?: React.ReactNode }) => {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.refurbishment.${key}`, options);
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
      <Button variant="contained" size="large" startIcon={<RefurbishIcon />} disabled={!count} onClick={() => onClick('refurbished')} sx={{ minHeight: 52 }}>
        {t('refurbished_n', { smart_count: count })}
      </Button>
      <Button variant="contained" color="error" size="large" startIcon={<RecycleIcon />} disabled={!count} onClick={() => onClick('recycled')} sx={{ minHeight: 52 }}>
        {t('recycled_n', { smart_count: count })}
      </Button>
      {extra}
    </Stack>
  );
};

/** Bulk actions on the list's selection: the same outcome for all the selected devices. */
const SelectionActions = ({ onAsk }: { onAsk: (outcome: PendingOutcome) => void }) => {
  const { selectedIds, data } = useListContext<Device>();
  const selected = (data ?? []).filter((device) => selectedIds.includes(device.id));
  return <OutcomeButtons count={selected.length} onClick={(to) => onAsk({ to, devices: selected, source: 'selection' })} />;
};
