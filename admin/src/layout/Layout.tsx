import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { Box } from '@mui/material';
import { AppBar } from './AppBar.js';
import { Menu } from './Menu.js';
import { useDocumentLang } from './useDocumentLang.js';
import { useDocumentTitle } from '../accessibility/useDocumentTitle.js';
import { useNativeValidationMessages } from '../accessibility/useNativeValidationMessages.js';
import { MuiLocale } from '../accessibility/MuiLocale.js';
import { StatementLink } from '../accessibility/AccessibilityStatement.js';
import { useScrollableRegions } from '../accessibility/useScrollableRegions.js';
import { Sidebar } from './Sidebar.js';

// Room at the bottom on a phone, so the floating create button never covers the last card or the pagination.
const phoneWidth = { '& .RaLayout-content': { minWidth: { xs: 0 }, pb: { xs: 10, sm: 0 } } };

/**
 * RGAA 10.11 (reflow): at 320 and 640 CSS px (400 % and 200 % zoom) the page never scrolls sideways.
 * react-admin lets the page grow as wide as its widest content (`min-width: fit-content`), app bar
 * included: here the page keeps the window's width at every size; tables scroll inside their own box (made
 * reachable by the keyboard, see useScrollableRegions) and toolbars and filter forms wrap.
 */
const reflow = {
  minWidth: 0,
  '& .RaLayout-contentWithSidebar, & .RaLayout-content, & .RaList-main, & .RaList-content': { minWidth: 0 },
  // positioned, so that what is placed absolutely inside (visually hidden labels) scrolls and clips with the table too
  '& .RaDataTable-tableWrapper, & .RaDatagrid-tableWrapper, & .MuiTableContainer-root': { overflowX: 'auto', maxWidth: '100%', position: 'relative' },
  '& .RaLayout-content .MuiToolbar-root, & .RaTopToolbar-root, & .RaFilterForm-root': { flexWrap: 'wrap', minWidth: 0, maxWidth: '100%', height: 'auto' },
  '& .RaList-actions': { minWidth: 0, maxWidth: '100%' },
  '& .RaList-noResults, & .RaShow-card, & .RaShow-main, & .RaEdit-card, & .RaCreate-card': { minWidth: 0, maxWidth: '100%', overflowWrap: 'anywhere' },
  '& .RaFilterForm-root .MuiFormControl-root': { maxWidth: '100%' },
};

export const Layout = ({ children }: { children: ReactNode }) => {
  useDocumentLang();
  useDocumentTitle();
  useNativeValidationMessages();
  useScrollableRegions();
  return (
    <MuiLocale>
      <RaLayout appBar={AppBar} menu={Menu} sidebar={Sidebar} sx={[phoneWidth, reflow]}>
        {children}
        <Box component="footer" sx={{ mt: 4, px: 1 }}>
          <StatementLink />
        </Box>
      </RaLayout>
    </MuiLocale>
  );
};
