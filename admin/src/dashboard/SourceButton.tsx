import { useId, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Box, IconButton, Popover, Tooltip, Typography } from '@mui/material';
import InfoIcon from '@mui/icons-material/InfoOutlined';

/**
 * "Where does this figure come from?": a hint on hover, the computation and its sources on click
 * (a popover, so it can be read, selected and copied — a tooltip vanishes when the mouse moves).
 */
export const SourceButton = ({ what, children }: { what: string; children: ReactNode }) => {
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const titleId = useId();
  const label = translate('reemploi.reports.sources.button', { what });
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          size="small"
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={Boolean(anchor)}
          onClick={(event) => setAnchor(event.currentTarget)}
          sx={{ color: 'primary.main' }}
        >
          <InfoIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        // the title stays in view; long sources scroll in their own box, a Tab stop named by the title
        // (the popover's own paper gets tabindex -1 from MUI's focus trap: the keyboard could not reach it)
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': titleId, sx: { maxWidth: 'min(560px, calc(100% - 32px))', p: 2, display: 'flex', flexDirection: 'column', overflow: 'hidden' } } as object }}
      >
        <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
          {translate('reemploi.reports.sources.title')} — {what}
        </Typography>
        <Box
          role="region"
          aria-labelledby={titleId}
          tabIndex={0}
          sx={{ typography: 'body2', '& p': { m: 0, mb: 1 }, overflowWrap: 'anywhere', overflowY: 'auto', minHeight: 0 }}
          data-testid="figure-sources"
        >
          {children}
        </Box>
      </Popover>
    </>
  );
};
