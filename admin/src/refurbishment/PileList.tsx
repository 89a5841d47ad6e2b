import { useTranslate } from 'react-admin';
import { IconButton, List as MuiList, ListItem, Typography } from '@mui/material';
import RemoveIcon from '@mui/icons-material/Close';
import type { QueuedScan } from '../offline/scanQueue.js';
import type { DeviceCard } from '../types.js';
import { describe } from './describeDevice.js';
import { DeviceSpecsLine } from './DeviceSpecsLine.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

interface PileListProps {
  pile: DeviceCard[];
  /** Tags scanned offline, not looked up yet: on the pile by their tag alone. */
  waiting: QueuedScan[];
  onRemove: (item: { id?: number; seq?: number }) => void;
}

/** How many devices are in the scanned pile, and each one with its button to take it out. */
export const PileList = ({ pile, waiting, onRemove }: PileListProps) => {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  const count = pile.length + waiting.length;
  const removeButton = (assetTag: string, item: { id?: number; seq?: number }) => (
    <IconButton edge="end" aria-label={t('remove_from_pile', { assetTag })} onClick={() => onRemove(item)}>
      <RemoveIcon />
    </IconButton>
  );
  return (
    <>
      <Typography sx={{ fontWeight: 700 }} data-testid="pile-count">
        {t('pile', { smart_count: count })}
      </Typography>
      {count === 0 ? (
        <Typography color="text.secondary">{t('pile_empty')}</Typography>
      ) : (
        <MuiList dense aria-label={t('pile', { smart_count: count })}>
          {[...waiting].reverse().map((scan) => (
            <ListItem key={`scan-${scan.seq}`} divider sx={{ gap: 2, flexWrap: 'wrap', pr: 7 }} secondaryAction={removeButton(scan.code, { seq: scan.seq })} data-testid="pile-waiting">
              <Typography sx={{ fontWeight: 700, fontSize: '1.1rem' }}>{scan.code}</Typography>
              <Typography color="text.secondary">{t('waiting_lookup')}</Typography>
            </ListItem>
          ))}
          {pile.map((device) => (
            <ListItem key={device.id} divider sx={{ gap: 2, flexWrap: 'wrap', pr: 7 }} secondaryAction={removeButton(device.assetTag, { id: device.id })}>
              <Typography sx={{ fontWeight: 700, fontSize: '1.1rem' }}>{device.assetTag}</Typography>
              <Typography color="text.secondary">{describe(device, translate)}</Typography>
              <DeviceSpecsLine device={device} />
            </ListItem>
          ))}
        </MuiList>
      )}
    </>
  );
};
