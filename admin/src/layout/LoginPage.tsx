import { Link, useTranslate } from 'react-admin';
import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { LanguageChoice } from './LanguageChoice.js';
import { LoginForm } from './LoginForm.js';
import { useDocumentLang } from './useDocumentLang.js';
import { ProviderButtons } from '../sign-in/ProviderButtons.js';
import { ProviderSignOutOffer } from '../sign-in/ProviderSignOutOffer.js';
import { useFixedDocumentTitle } from '../accessibility/useDocumentTitle.js';
import { StatementLink } from '../accessibility/AccessibilityStatement.js';

/** Accessible by construction: a main landmark, one h1, labelled fields, errors announced. */
export const LoginPage = () => {
  const translate = useTranslate();
  useDocumentLang();
  useFixedDocumentTitle(translate('reemploi.a11y.login_title'));

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}
    >
      <Card sx={{ width: '100%', maxWidth: 440 }} elevation={2}>
        <CardContent sx={{ p: { xs: 3, sm: 4 } }}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1 }}>
            <LockIcon color="primary" aria-hidden />
            <Typography variant="h4" component="h1" sx={{ fontWeight: 700 }}>
              {translate('reemploi.app.name')}
            </Typography>
          </Stack>
          <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
            Département du Nord
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            {translate('reemploi.app.purpose')}
          </Typography>
          <ProviderSignOutOffer />
          <ProviderButtons />
          <LoginForm />
          <LanguageChoice />
          <Typography sx={{ mt: 2 }}>
            <Link to="/verifier-document">{translate('reemploi.verify_document.link')}</Link>
          </Typography>
          <StatementLink />
        </CardContent>
      </Card>
    </Box>
  );
};
