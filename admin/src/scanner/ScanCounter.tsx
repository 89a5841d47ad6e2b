import { Box, Typography } from '@mui/material';

export type CounterTone = 'primary' | 'success' | 'error' | 'warning' | 'secondary';

/** A big number read from across the bench (expected / scanned / missing…), with its word under it. */
export const ScanCounter = ({ label, value, tone, testId, small }: { label: string; value: number; tone: CounterTone; testId: string; small?: boolean }) => (
  <Box
    sx={{
      flex: '1 1 0',
      minWidth: 0,
      textAlign: 'center',
      border: 2,
      borderColor: `${tone}.main`,
      borderRadius: 2,
      py: small ? 0.5 : { xs: 1, sm: 1.5 },
      px: 0.5,
      bgcolor: 'background.paper',
    }}
  >
    <Typography
      data-testid={testId}
      sx={{
        fontSize: small ? { xs: '1.6rem', sm: '2rem' } : { xs: '2.25rem', sm: '3rem' },
        fontWeight: 800,
        lineHeight: 1.1,
        color: `${tone}.dark`,
      }}
    >
      {value}
    </Typography>
    <Typography sx={{ fontWeight: 600, fontSize: small ? { xs: '0.85rem', sm: '1rem' } : { xs: '0.95rem', sm: '1.1rem' }, overflowWrap: 'anywhere' }}>{label}</Typography>
  </Box>
);
