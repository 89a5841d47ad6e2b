import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { Button, Card, CardContent, IconButton, List, ListItem, Stack, Typography } from '@mui/material';
import ClearAllIcon from '@mui/icons-material/ClearAll';
import OpenIcon from '@mui/icons-material/OpenInNew';
import { StatusChip } from '../devices/StatusChip.js';
import { describeDevice } from './ScannedDeviceCard.js';
import type { ScannedEntry } from './useScanner.js';

/** Continuous mode: the devices scanned so far, newest first, and how many. */
export const ScannedList = ({ entries, onClear }: { entries: ScannedEntry[]; onClear: () => void }) => {
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
