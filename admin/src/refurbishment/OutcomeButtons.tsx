import type { ReactNode } from 'react';
import { useListContext } from 'react-admin';
import { Button, Stack } from '@mui/material';
import RefurbishIcon from '@mui/icons-material/Build';
import RecycleIcon from '@mui/icons-material/Recycling';
import type { Outcome } from '../batches/types.js';
import type { Device } from '../types.js';
import type { PendingOutcome } from './pendingOutcome.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

export const OutcomeButtons = ({ count, onClick, extra }: { count: number; onClick: (to: Outcome['to']) => void; extra?: ReactNode }) => {
  const t = useRefurbishmentTranslate();
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
export const SelectionActions = ({ onAsk }: { onAsk: (outcome: PendingOutcome) => void }) => {
  const { selectedIds, data } = useListContext<Device>();
  const selected = (data ?? []).filter((device) => selectedIds.includes(device.id));
  return <OutcomeButtons count={selected.length} onClick={(to) => onAsk({ to, assetTags: selected.map((device) => device.assetTag), source: 'selection' })} />;
};
