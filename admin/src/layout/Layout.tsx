import type { ReactNode } from 'react';
import { Layout as RaLayout } from 'react-admin';
import { AppBar } from './AppBar.js';
import { Menu } from './Menu.js';
import { useDocumentLang } from './useDocumentLang.js';

export const Layout = ({ children }: { children: ReactNode }) => {
  useDocumentLang();
  return (
    <RaLayout appBar={AppBar} menu={Menu}>
      {children}
    </RaLayout>
  );
};
