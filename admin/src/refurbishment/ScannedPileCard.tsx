import type { FocusEvent, RefObject } from 'react';
import { Alert, AlertTitle, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import ClearIcon from '@mui/icons-material/ClearAll';
import { ScanBanner, type Banner } from '../scanner/ScanBanner.js';
import { ScanField } from '../scanner/ScanField.js';
import { OutcomeButtons } from './OutcomeButtons.js';
import type { PendingOutcome, Refused } from './pendingOutcome.js';
import { PileList } from './PileList.js';
import { PendingScans } from '../offline/PendingScans.js';
import type { useScannedPile } from './useScannedPile.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';

interface ScannedPileCardProps {
  pile: ReturnType<typeof useScannedPile>;
  banner: Banner | null;
  refused: Refused;
  inputRef: RefObject<HTMLInputElement | null>;
  onBlur: (event: FocusEvent<HTMLInputElement>) => void;
  touch: boolean;
  onAsk: (outcome: PendingOutcome) => void;
}

/** Scan mode: each device scanned joins the pile, then one outcome for the whole pile. */
export const ScannedPileCard = ({ pile, banner, refused, inputRef, onBlur, touch, onAsk }: ScannedPileCardProps) => {
  const t = useRefurbishmentTranslate();
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
          <PendingScans pending={pile.queue.pending} conflicts={pile.queue.conflicts} onDismiss={(seq) => void pile.queue.dismissConflict(seq)} />
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
          <PileList pile={pile.pile} onRemove={pile.remove} />
          <OutcomeButtons
            count={pile.pile.length}
            onClick={(to) => onAsk({ to, devices: pile.pile, source: 'pile' })}
            extra={
              <Button startIcon={<ClearIcon />} onClick={() => pile.setPile([])} disabled={!pile.pile.length} sx={{ minHeight: 48 }}>
                {t('clear_pile')}
              </Button>
            }
          />
        </Stack>
      </CardContent>
    </Card>
  );
};
