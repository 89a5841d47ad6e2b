import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * Colours chosen for WCAG AA contrast (axe color-contrast): white text on the blues, dark text on
 * the light backgrounds. The app is used on depot PCs and phones in bright rooms.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    mode: 'light',
    primary: { main: '#1d4f91', contrastText: '#ffffff' },
    secondary: { main: '#0f3a6b', contrastText: '#ffffff' },
    success: { main: '#1b6e2a', contrastText: '#ffffff' },
    error: { main: '#b3261e', contrastText: '#ffffff' },
    warning: { main: '#8a4b00', contrastText: '#ffffff' },
    info: { main: '#1d4f91', contrastText: '#ffffff' },
    background: { default: '#f5f6f8', paper: '#ffffff' },
    text: { primary: '#1b1f24', secondary: '#4a5260' },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: ['system-ui', '-apple-system', '"Segoe UI"', 'Roboto', '"Helvetica Neue"', 'Arial', 'sans-serif'].join(','),
  },
  components: {
    ...defaultTheme.components,
    MuiButton: { defaultProps: { disableElevation: true } },
    // react-admin's loading indicator (and any spinner without a label) is a nameless progressbar
    // for screen readers (axe: aria-progressbar-name, serious): give every one a default name.
    MuiCircularProgress: { defaultProps: { 'aria-label': 'Chargement…' } },
    MuiLinearProgress: { defaultProps: { 'aria-label': 'Chargement…' } },
    // react-admin's row checkbox puts its aria-label on the <span> around the input (axe: "label",
    // critical, and "aria-prohibited-attr"): move it onto the input itself.
    MuiCheckbox: {
      defaultProps: {
        slotProps: {
          root: { 'aria-label': undefined },
          input: (ownerState: Record<string, unknown>) =>
            ownerState['aria-label'] ? { 'aria-label': ownerState['aria-label'] as string } : {},
        },
      } as object,
    },
  },
};
