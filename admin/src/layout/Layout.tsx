import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { AppBar } from './AppBar.js';
import { Menu } from './Menu.js';
import { useDocumentLang } from './useDocumentLang.js';
import { useDocumentTitle } from '../accessibility/useDocumentTitle.js';
import { useNativeValidationMessages } from '../accessibility/useNativeValidationMessages.js';
import { MuiLocale } from '../accessibility/MuiLocale.js';

// react-admin lets the page grow as wide as its widest content (`min-width: fit-content`): on a phone a
// wide table would then push the whole page, app bar included, past the screen's right edge. There the
// page keeps the screen's width and what is wider scrolls inside its own box. Room at the bottom too, so
// the floating create button never covers the last card or the pagination.
const phoneWidth = { minWidth: { xs: 0, sm: 'fit-content' }, '& .RaLayout-content': { minWidth: { xs: 0 }, pb: { xs: 10, sm: 0 } } };

export const Layout = ({ children }: { children: ReactNode }) => {
  useDocumentLang();
  useDocumentTitle();
  useNativeValidationMessages();
  return (
    <MuiLocale>
      <RaLayout appBar={AppBar} menu={Menu} sx={phoneWidth}>
        {children}
      </RaLayout>
    </MuiLocale>
  );
};
