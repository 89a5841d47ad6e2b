import { useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import type { LabelProfile } from './labels.js';

interface SheetPositionsProps {
  profile: LabelProfile;
  /** Positions already used on the sheet (left empty). */
  start: number;
  count: number;
  /** A click on a position: printing starts there (1-based). */
  onChoose: (position: number) => void;
}

/**
 * A picture of the first sheet, to scale: the positions already used (struck), those this print
 * fills, and those left free. A click on a position starts the print there.
 */
export const SheetPositions = ({ profile, start, count, onChoose }: SheetPositionsProps) => {
  const translate = useTranslate();
  const perSheet = profile.columns * profile.rows;
  const lastOnFirstSheet = Math.min(perSheet, start + count);
  const sheets = Math.ceil((start + count) / perSheet);
  const cells = Array.from({ length: perSheet }, (_, index) => index + 1);
  const stateOf = (position: number) => (position <= start ? 'used' : position <= lastOnFirstSheet ? 'printed' : 'free');
  return (
    <Box>
      <Typography id="sheet-positions-summary" sx={{ mb: 1 }} aria-live="polite">
        {translate('reemploi.labels.positions_summary', { from: start + 1, to: lastOnFirstSheet, smart_count: sheets })}
      </Typography>
      <Box
        role="group"
        aria-label={translate('reemploi.labels.sheet_picture')}
        sx={{
          display: 'grid',
          gridTemplateColumns: `repeat(${profile.columns}, 1fr)`,
          gridTemplateRows: `repeat(${profile.rows}, 1fr)`,
          gap: '2px',
          width: 180,
          aspectRatio: `${profile.pageWidthMm} / ${profile.pageHeightMm}`,
          p: '4px',
          border: 1,
          borderColor: 'grey.500',
          bgcolor: '#fff',
        }}
      >
        {cells.map((position) => {
          const state = stateOf(position);
          return (
            <Box
              key={position}
              component="button"
              type="button"
              data-position={position}
              data-state={state}
              onClick={() => onChoose(position)}
              aria-label={translate(`reemploi.labels.position_${state}`, { position })}
              sx={{
                border: 1,
                borderColor: state === 'printed' ? 'primary.dark' : 'grey.400',
                bgcolor: state === 'printed' ? 'primary.main' : state === 'used' ? 'grey.300' : '#fff',
                color: state === 'printed' ? 'primary.contrastText' : 'text.secondary',
                backgroundImage: state === 'used' ? 'repeating-linear-gradient(45deg, transparent 0 4px, rgba(0,0,0,0.25) 4px 5px)' : 'none',
                fontSize: 10,
                fontWeight: 700,
                cursor: 'pointer',
                p: 0,
              }}
            >
              {state === 'printed' ? position - start : ''}
            </Box>
          );
        })}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {translate('reemploi.labels.legend')}
      </Typography>
    </Box>
  );
};
