import { useLocaleState, useTranslate } from 'react-admin';
import { Button, Stack } from '@mui/material';

/** French or English, each button named in its own language. */
export const LanguageChoice = () => {
  const translate = useTranslate();
  const [locale, setLocale] = useLocaleState();
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'center' }} component="nav" aria-label={translate('reemploi.language.choose')}>
      {(['fr', 'en'] as const).map((code) => (
        <Button
          key={code}
          size="small"
          lang={code}
          aria-pressed={locale === code}
          variant={locale === code ? 'outlined' : 'text'}
          onClick={() => setLocale(code)}
        >
          {translate(`reemploi.language.${code}`)}
        </Button>
      ))}
    </Stack>
  );
};
