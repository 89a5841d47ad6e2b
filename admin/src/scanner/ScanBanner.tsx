import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import OkIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';

export type BannerKind = 'success' | 'warning' | 'error';

export interface Banner {
  kind: BannerKind;
  text: string;
  /** The code or asset tag in the text (or several: asset tag and certificate number), kept on one line. */
  tag?: string | string[];
  /** Changes at every scan so that the same text twice is still announced. */
  id: number;
}

const STYLES: Record<BannerKind, { background: string; color: string; Icon: typeof OkIcon }> = {
  success: { background: '#1b6e2a', color: '#ffffff', Icon: OkIcon },
  warning: { background: '#ffd54f', color: '#2b1d00', Icon: WarningIcon },
  error: { background: '#b3261e', color: '#ffffff', Icon: ErrorIcon },
};

/** The unmistakable answer to a scan: big, coloured, with words (never colour alone), announced. */
export const ScanBanner = ({ banner, idleText, action }: { banner: Banner | null; idleText: string; action?: ReactNode }) => {
  const style = banner ? STYLES[banner.kind] : null;
  return (
    <Box
      role="status"
      aria-live="assertive"
      aria-atomic="true"
      data-kind={banner?.kind ?? 'idle'}
      data-testid="scan-banner"
      sx={{
        minHeight: 72,
        borderRadius: 2,
        px: 3,
        py: 2,
        display: 'flex',
        alignItems: 'center',
        gap: 2,
        bgcolor: style?.background ?? 'transparent',
        color: style?.color ?? 'text.secondary',
        borderStyle: style ? 'none' : 'dashed',
        borderWidth: 2,
        borderColor: 'grey.400',
        flexWrap: action ? 'wrap' : undefined,
      }}
    >
      {style && <style.Icon sx={{ fontSize: 40 }} aria-hidden />}
      {banner ? (
        <Typography key={banner.id} sx={{ fontSize: { xs: '1.25rem', sm: '1.6rem' }, fontWeight: 700, lineHeight: 1.25 }}>
          {withUnbrokenTag(banner)}
        </Typography>
      ) : (
        <Typography sx={{ fontSize: '1.2rem' }}>{idleText}</Typography>
      )}
      {banner && action && <Box sx={{ ml: 'auto' }}>{action}</Box>}
    </Box>
  );
};

function withUnbrokenTag({ text, tag }: Banner) {
  const tags = (Array.isArray(tag) ? tag : tag ? [tag] : []).filter(Boolean);
  if (!tags.length) return text;
  // split around every tag, keeping the tags themselves (escaped for the pattern)
  const pattern = new RegExp(`(${tags.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
  return text.split(pattern).map((part, index) =>
    tags.includes(part) ? (
      <span key={index} style={{ whiteSpace: 'nowrap' }}>
        {part}
      </span>
    ) : (
      part
    ),
  );
}
