import { useTranslate } from 'react-admin';
import { Box, Card, CardContent, List, ListItem, Typography } from '@mui/material';
import DoneIcon from '@mui/icons-material/CheckCircle';
import TodoIcon from '@mui/icons-material/RadioButtonUnchecked';
import BlockIcon from '@mui/icons-material/Block';
import type { Device } from '../types.js';

/** The frozen list of the batch: what is still to find first, then what is already in the van. */
export const ExpectedList = ({ devices, scanned }: { devices: Device[]; scanned: string[] }) => {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.pickup.${key}`, options);
  const done = new Set(scanned);
  const ordered = [...devices.filter((device) => !done.has(device.assetTag)), ...devices.filter((device) => done.has(device.assetTag))];
  return (
    <Card variant="outlined" component="section">
      <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Typography variant="h6" component="h2">
          {t('expected_list')} ({devices.length})
        </Typography>
        <List aria-label={t('expected_list')} dense>
          {ordered.map((device) => {
            const isDone = done.has(device.assetTag);
            return (
              <ListItem
                key={device.id}
                divider
                data-testid="expected-device"
                data-scanned={isDone}
                sx={{ gap: 1.5, px: 0.5, bgcolor: isDone ? '#eef7f0' : undefined, minHeight: 56 }}
              >
                {isDone ? (
                  <DoneIcon sx={{ color: '#1b6e2a', fontSize: 32 }} titleAccess={t('scanned_mark')} />
                ) : (
                  <TodoIcon sx={{ color: 'text.secondary', fontSize: 32 }} titleAccess={t('not_scanned_mark')} />
                )}
                <Box sx={{ minWidth: 0 }}>
                  <Typography sx={{ fontWeight: 700, fontSize: '1.15rem', whiteSpace: 'nowrap' }}>{device.assetTag}</Typography>
                  <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                    {[translate(`resources.devices.types.${device.type}`), device.brand, device.model].filter(Boolean).join(' · ')}
                  </Typography>
                </Box>
              </ListItem>
            );
          })}
        </List>
      </CardContent>
    </Card>
  );
};

/** Tags read at the depot that are not in this batch: they must stay off the van. */
export const FlaggedList = ({ tags }: { tags: string[] }) => {
  const translate = useTranslate();
  const title = translate('reemploi.handover.pickup.flagged_list');
  return (
    <Card variant="outlined" component="section" sx={{ borderColor: '#b3261e', borderWidth: 2 }} data-testid="flagged-list">
      <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Typography variant="h6" component="h2" sx={{ color: '#8c1d18' }}>
          {title}
        </Typography>
        <List aria-label={title} dense>
          {tags.map((tag) => (
            <ListItem key={tag} sx={{ gap: 1.5, px: 0.5 }}>
              <BlockIcon sx={{ color: '#b3261e' }} aria-hidden />
              <Typography sx={{ fontWeight: 700, fontSize: '1.15rem' }}>{tag}</Typography>
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
};
