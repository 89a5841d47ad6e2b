import type { FocusEvent, RefObject } from 'react';
import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import ClearIcon from '@mui/icons-material/ClearAll';
import { ScanBanner, type Banner } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import { OutcomeButtons } from './OutcomeButtons.js';
import type { PendingOutcome } from './pendingOutcome.js';
import { PileList } from './PileList.js';
import { OutcomesWaiting } from './OutcomesWaiting.js';
import { PendingScans } from '../offline/PendingScans.js';
import type { useScannedPile } from './useScannedPile.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

interface ScannedPileCardProps {
  pile: ReturnType<typeof useScannedPile>;
  banner: Banner | null;
  inputRef: RefObject<HTMLInputElement | null>;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  touch: boolean;
  onAsk: (outcome: PendingOutcome) => void;
}

/**
 * Scan mode: each device scanned joins the pile, then one outcome for the whole pile; what waits
 * for the network and each device refused above the pile, the outcomes not sent yet below it.
 */
export const ScannedPileCard = ({ pile, banner, inputRef, onBlur, touch, onAsk }: ScannedPileCardProps) => {
  const t = useRefurbishmentTranslate();
  const assetTags = [...pile.waiting.map((scan) => scan.code), ...pile.pile.map((device) => device.assetTag)];
  return (
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
            value={pile.code}
            onChange={pile.setCode}
            onSubmit={pile.scan}
            onBlur={onBlur}
            submitLabel={t('field_label')}
            size="medium"
            autoFocus={!touch}
          />
          <ScanBanner banner={banner} idleText={t('idle')} />
          <PendingScans pending={pile.queue.pending} conflicts={pile.queue.conflicts} onDismiss={(seq) => void pile.queue.remove(seq)} />
          <PileList pile={pile.pile} waiting={pile.waiting} onRemove={(item) => void pile.remove(item)} />
          <OutcomeButtons
            count={assetTags.length}
            onClick={(to) => onAsk({ to, assetTags, source: 'pile' })}
            extra={
              <Button startIcon={<ClearIcon />} onClick={() => void pile.clear()} disabled={!assetTags.length} sx={{ minHeight: 48 }}>
                {t('clear_pile')}
              </Button>
            }
          />
          <OutcomesWaiting writes={pile.outcomesWaiting} />
        </Stack>
      </CardContent>
    </Card>
  );
};
