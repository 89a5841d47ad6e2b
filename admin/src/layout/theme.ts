import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * Colours chosen for WCAG AA contrast (axe color-contrast): white text on the blues, dark text on
 * the light backgrounds. The app is used on depot PCs and phones in bright rooms.
 */
/**
 * RGAA 10.7: a focus ring every control shows, of at least 3:1 against what surrounds it — the dark
 * blue on the light page, white on the blue app bar. MUI draws its own focus as a faint tint; its
 * switches and checkboxes hide the real input, so the ring goes on their `.Mui-focusVisible` root.
 */
const FOCUS_RING = '#1d4f91';
const focusRing = {
  '*:focus-visible, .Mui-focusVisible': { outline: `3px solid ${FOCUS_RING} !important`, outlineOffset: '2px' },
  '.MuiAppBar-root *:focus-visible, .MuiAppBar-root .Mui-focusVisible': { outlineColor: '#ffffff !important' },
  // menu entries fill their sidebar, which cuts what sticks out: their ring is drawn inside
  '.MuiMenuItem-root:focus-visible, .MuiMenuItem-root.Mui-focusVisible, .MuiListItemButton-root.Mui-focusVisible': { outlineOffset: '-3px' },
  // the text fields show the ring around the whole field, not the bare <input> inside it
  '.MuiInputBase-root:focus-within': { outline: `3px solid ${FOCUS_RING}`, outlineOffset: '2px' },
  '.MuiInputBase-input:focus-visible': { outline: 'none !important' },
};

/**
 * The charts' own keyboard navigation makes each chart an unnamed Tab stop (RGAA 12): their data is
 * also in a table beside them, which the keyboard and screen readers read instead.
 */
const chartDefaults = { MuiBarChart: { defaultProps: { disableKeyboardNavigation: true } } };

/** react-admin's « no results yet » message is drawn at half opacity (axe color-contrast, serious): full text colour. */
const emptyListText = { RaEmpty: { styleOverrides: { root: { '& .RaEmpty-message': { opacity: 1, color: '#4a5260' } } } } };
/** The same half opacity on the « access denied » page (axe color-contrast, serious, found by the e2e axe check). */
const accessDeniedText = { RaAccessDenied: { styleOverrides: { root: { '& .RaAccessDenied-message': { opacity: 1, color: '#4a5260' } } } } };

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
    ...chartDefaults,
    ...emptyListText,
    ...accessDeniedText,
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiCssBaseline: { styleOverrides: focusRing },
    // « Aller au contenu »: react-admin draws it white on the light grey page (≈ 1.1:1)
    RaSkipNavigationButton: {
      styleOverrides: {
        root: {
          backgroundColor: FOCUS_RING,
          color: '#ffffff',
          '&:hover': { backgroundColor: '#0f3a6b', opacity: 1 },
          '&:focus': { outline: '3px solid #1b1f24', outlineOffset: '2px' },
        },
      },
    },
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
