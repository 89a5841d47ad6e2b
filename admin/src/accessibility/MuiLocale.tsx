import type { ReactNode } from 'react';
import { useLocaleState } from 'react-admin';
import { ThemeProvider, type Theme } from '@mui/material/styles';
import { frFR } from '@mui/material/locale';

/** MUI's own words for each component (`defaultProps` per component), merged into the theme's. */
function withComponentTexts(theme: Theme, texts: { components?: object }): Theme {
  const components: Record<string, { defaultProps?: object }> = { ...(theme.components as Record<string, { defaultProps?: object }>) };
  for (const [name, value] of Object.entries(texts.components ?? {}) as [string, { defaultProps?: object }][]) {
    components[name] = { ...components[name], defaultProps: { ...value.defaultProps, ...components[name]?.defaultProps } };
  }
  return { ...theme, components } as Theme;
}

/**
 * RGAA 8.7: MUI's built-in labels (« Clear », « Open », « Close » on the autocompletes…) in French
 * when the UI is in French; English is MUI's default.
 */
export const MuiLocale = ({ children }: { children: ReactNode }) => {
  const [locale] = useLocaleState();
  if (locale !== 'fr') return <>{children}</>;
  return <ThemeProvider theme={(outer: Theme) => withComponentTexts(outer, frFR)}>{children}</ThemeProvider>;
};
