import { AppBar as RaAppBar, Logout, TitlePortal, UserMenu, useTranslate } from 'react-admin';
import { Box, Typography } from '@mui/material';
import { NotificationBell, PreferencesMenuItem } from '../notifications/index.js';

const userMenu = (
  <UserMenu>
    <PreferencesMenuItem />
    <Logout />
  </UserMenu>
);

export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar color="primary" userMenu={userMenu}>
      <Typography component="span" sx={{ fontWeight: 700, whiteSpace: 'nowrap', mr: 2, display: { xs: 'none', md: 'block' } }}>
        {translate('reemploi.app.title')}
      </Typography>
      <Box component="span" sx={{ display: { xs: 'none', md: 'block' }, mr: 2, opacity: 0.8 }} aria-hidden>
        |
      </Box>
      <TitlePortal />
      <NotificationBell />
    </RaAppBar>
  );
};
