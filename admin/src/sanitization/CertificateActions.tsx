import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Button, Stack } from '@mui/material';
import PdfIcon from '@mui/icons-material/PictureAsPdf';
import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { API_URL } from '../providers/http.js';
import { openPdf } from '../devices/labels.js';

interface CertificateActionsProps {
  deviceId: number;
  certificateNumber: string;
  /** On a coloured banner the buttons are white. */
  onBanner?: boolean;
  showPublicLink?: boolean;
}

export const certificateVerificationPath = (number: string) => `${API_URL}/certificates/${encodeURIComponent(number)}`;

/** "Certificat PDF" (fetched with the token, like labels) and the public verification page the QR code points to. */
export const CertificateActions = ({ deviceId, certificateNumber, onBanner, showPublicLink = true }: CertificateActionsProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useReemploiDataProvider();
  const [opening, setOpening] = useState(false);

  const open = async () => {
    setOpening(true);
    try {
      await openPdf(dataProvider, `/devices/${deviceId}/certificate.pdf`, `certificat-${certificateNumber}.pdf`);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setOpening(false);
    }
  };

  const bannerSx = onBanner ? { bgcolor: '#ffffff', color: '#114d1f', '&:hover': { bgcolor: '#e8f5ec' } } : undefined;
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
      <Button variant="contained" size={onBanner ? 'large' : 'medium'} startIcon={<PdfIcon />} onClick={open} disabled={opening} sx={bannerSx} data-testid="certificate-pdf">
        {translate('reemploi.wiping.certificate_pdf')}
      </Button>
      {showPublicLink && (
        <Button
          variant={onBanner ? 'outlined' : 'text'}
          size={onBanner ? 'large' : 'medium'}
          startIcon={<VerifiedIcon />}
          href={certificateVerificationPath(certificateNumber)}
          target="_blank"
          rel="noopener"
          sx={onBanner ? { color: '#ffffff', borderColor: '#ffffff' } : undefined}
        >
          {translate('reemploi.wiping.public_check')}
        </Button>
      )}
    </Stack>
  );
};
