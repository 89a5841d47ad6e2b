import type { ReactNode } from 'react';
import { Card, CardContent, Typography } from '@mui/material';

/** One titled card of the batch page. */
export const BatchSection = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <Card variant="outlined" component="section" data-testid={testId}>
    <CardContent>
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);
