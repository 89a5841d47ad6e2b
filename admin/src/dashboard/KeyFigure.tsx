import type { ReactNode } from 'react';
import { Box, Card, CardContent, Stack, Typography } from '@mui/material';

/** One figure of the dashboard: its label, its value (and unit), a hint, a badge and the button to its sources. */
export const KeyFigure = ({ label, value, unit, hint, source, testId, badge }: { label: string; value: string; unit?: string; hint?: ReactNode; source?: ReactNode; testId: string; badge?: ReactNode }) => (
  <Card variant="outlined" component="li" data-testid={testId} sx={{ display: 'flex' }}>
    <CardContent sx={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 0.5, '&:last-child': { pb: 2 } }}>
      <Stack direction="row" sx={{ alignItems: 'flex-start', justifyContent: 'space-between', gap: 1 }}>
        <Typography component="h3" color="text.secondary" sx={{ fontWeight: 600, lineHeight: 1.3, pt: 0.5 }}>
          {label}
        </Typography>
        {source}
      </Stack>
      <Typography component="p" sx={{ fontSize: '2rem', fontWeight: 700, lineHeight: 1.2 }} data-testid={`${testId}-value`}>
        {value}
        {unit && (
          <Box component="span" sx={{ fontSize: '1.1rem', fontWeight: 600 }}>
            {/* a real space, not a margin: copied or read aloud, "1,49 t CO2e" stays two words */}
            {`\u00a0${unit}`}
          </Box>
        )}
      </Typography>
      {badge}
      {hint && (
        <Typography variant="body2" color="text.secondary">
          {hint}
        </Typography>
      )}
    </CardContent>
  </Card>
);
