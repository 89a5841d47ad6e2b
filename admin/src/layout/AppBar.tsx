import { AppBar as RaAppBar, LoadingIndicator, Logout, TitlePortal, UserMenu, useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import { NotificationBell, PreferencesMenuItem } from '../notifications/index.js';
import { LanguageMenu } from './LanguageMenu.js';

const userMenu = (
  <UserMenu>
    <PreferencesMenuItem />
    <Logout />
  </UserMenu>
);

const toolbar = (
  <>
    <LanguageMenu />
    <LoadingIndicator />
  </>
);

export const AppBar = () => {
  const translate = useTranslate();
  return (
    // alwaysOn: hidden on scroll, its buttons would stay in the Tab order out of sight (RGAA 12)
    <RaAppBar color="primary" userMenu={userMenu} toolbar={toolbar} alwaysOn>
      <Typography component="span" sx={{ fontWeight: 700, whiteSpace: 'nowrap', mr: 2, display: { xs: 'none', md: 'block' } }}>
        {translate('reemploi.app.title')}
      </Typography>
      <Box component="span" sx={{ display: { xs: 'none', md: 'block' }, mr: 2, opacity: 0.8 }} aria-hidden>
        |
      </Box>
      {/* the page title gives way (ellipsis) to the bell and the account menu, never the other way round;
          react-admin wraps it in an inline-block, on which the ellipsis would not show */}
      <TitlePortal sx={{ minWidth: 0, fontSize: { xs: '1.05rem', sm: '1.25rem' }, '& .RaConfigurable-root': { display: 'inline' } }} />
      <NotificationBell />
    </RaAppBar>
  );
};
