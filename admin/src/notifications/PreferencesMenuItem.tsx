import { Link as RouterLink } from 'react-router-dom';
import { useTranslate, useUserMenu } from 'react-admin';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import SettingsIcon from '@mui/icons-material/Settings';

/** "Mes préférences" in the user menu (above "Déconnexion"); MUI's MenuList hands each item its focus props. */
export const PreferencesMenuItem = (props: { autoFocus?: boolean; tabIndex?: number }) => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem {...props} component={RouterLink} to="/preferences" onClick={() => userMenu?.onClose()}>
      <ListItemIcon>
        <SettingsIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('reemploi.preferences.menu')}</ListItemText>
    </MenuItem>
  );
};
