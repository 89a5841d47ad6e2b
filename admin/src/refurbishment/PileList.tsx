import { useTranslate } from 'react-admin';
import { IconButton, List as MuiList, ListItem, Typography } from '@mui/material';
import RemoveIcon from '@mui/icons-material/Close';
import type { DeviceCard } from '../types.js';
import { describe } from './describeDevice.js';
import { DeviceSpecsLine } from './DeviceSpecsLine.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

/** How many devices are in the scanned pile, and each one with its button to take it out. */
export const PileList = ({ pile, onRemove }: { pile: DeviceCard[]; onRemove: (id: number) => void }) => {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  return (
    <>
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
                <IconButton edge="end" aria-label={t('remove_from_pile', { assetTag: device.assetTag })} onClick={() => onRemove(device.id)}>
                  <RemoveIcon />
                </IconButton>
              }
            >
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
