import { Alert, type SxProps, type Theme } from '@mui/material';

/** Why the action just tried failed (the API's message), read out at once; nothing while there is none. */
export const ErrorAlert = ({ message, sx }: { message: string | null | undefined; sx?: SxProps<Theme> }) =>
  message ? (
    <Alert severity="error" role="alert" sx={sx}>
      {message}
    </Alert>
  ) : null;
