import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Alert, Button } from '@mui/material';
import { forgetProviderSignOutOffer, providerSignOutOffer } from './providerSession.js';

/** After signing out of Réemploi: the identity provider's session can be ended too (single logout). */
export const ProviderSignOutOffer = () => {
  const translate = useTranslate();
  const [offer] = useState(providerSignOutOffer);
  if (!offer) return null;
  return (
    <Alert
      severity="info"
      sx={{ mb: 3 }}
      action={
        <Button color="inherit" size="small" href={offer.endSessionUrl} onClick={forgetProviderSignOutOffer}>
          {translate('reemploi.oidc.end_provider_session', { name: offer.name })}
        </Button>
      }
    >
      {translate('reemploi.oidc.signed_out')}
    </Alert>
  );
};
