import { useMediaQuery, type Theme } from '@mui/material';

/** True below MUI's `sm` breakpoint (600 px): a phone held upright. Read at once, so no table flashes first. */
export const usePhone = () => useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), { noSsr: true });
