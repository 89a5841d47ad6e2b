import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

/** A label/value list (`<dl>`), labels beside values on wide screens; an empty value shows "—". */
export const Facts = ({ rows, labelWidth = 200 }: { rows: [string, ReactNode][]; labelWidth?: number }) => (
  <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: `${labelWidth}px 1fr` }, columnGap: 3, rowGap: 1, m: 0 }}>
    {rows.map(([label, value]) => (
      <Box key={label} sx={{ display: 'contents' }}>
        <Typography component="dt" color="text.secondary" variant="body2" sx={{ pt: '2px' }}>
          {label}
        </Typography>
        <Typography component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 }, overflowWrap: 'anywhere' }}>
          {value === null || value === undefined || value === '' ? '—' : value}
        </Typography>
      </Box>
    ))}
  </Box>
);
