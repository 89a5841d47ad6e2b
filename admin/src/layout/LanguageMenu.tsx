import { useState } from 'react';
import { LocalesMenuButton, useLocales, useLocaleState, useTranslate } from 'react-admin';
import { IconButton, Menu, MenuItem, Tooltip } from '@mui/material';
import LanguageIcon from '@mui/icons-material/Translate';
import { usePhone } from './usePhone.js';

/** The language switch: the name of the language on wide screens, only its icon on a phone (the page title needs the room). */
export const LanguageMenu = () => {
  const phone = usePhone();
  const translate = useTranslate();
  const languages = useLocales();
  const [locale, setLocale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (!phone) return <LocalesMenuButton />;
  const current = languages.find((language) => language.locale === locale)?.name ?? locale;
  const label = translate('reemploi.language.current', { language: current });
  return (
    <>
      <Tooltip title={label}>
        <IconButton color="inherit" aria-label={label} aria-haspopup="menu" aria-expanded={anchor ? 'true' : 'false'} onClick={(event) => setAnchor(event.currentTarget)}>
          <LanguageIcon />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {languages.map((language) => (
          <MenuItem
            key={language.locale}
            lang={language.locale}
            selected={language.locale === locale}
            onClick={() => {
              setLocale(language.locale);
              setAnchor(null);
            }}
          >
            {language.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};
