import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

/**
 * A titled section of reference material under a list (the factors' published sources, the legal
 * resale caps): a level-2 heading that names the region, a short introduction, then the content.
 */
export const ReferenceSection = ({ id, title, intro, testId, children }: { id: string; title: string; intro: string; testId: string; children: ReactNode }) => (
  <Box component="section" aria-labelledby={id} sx={{ px: 2, py: 2, maxWidth: 900 }} data-testid={testId}>
    <Typography variant="h6" component="h2" id={id}>
      {title}
    </Typography>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
      {intro}
    </Typography>
    {children}
  </Box>
);
