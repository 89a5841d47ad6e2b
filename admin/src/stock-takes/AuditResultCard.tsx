import { Link } from 'react-router-dom';
import { Alert, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import PdfIcon from '@mui/icons-material/PictureAsPdf';
import XlsxIcon from '@mui/icons-material/TableView';
import MissingIcon from '@mui/icons-material/SearchOff';
import { useAuditTranslate } from './useAuditTranslate.js';

/** A closed session's outcome: all found or how many missing, the report, the way to the missing devices. */
export const AuditResultCard = ({ missing, onReport }: { missing: number; onReport: (kind: 'pdf' | 'xlsx') => void }) => {
  const t = useAuditTranslate();
  const buttonSx = { minHeight: 48 };
  return (
    <Card variant="outlined" component="section" data-testid="audit-result">
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {t('result_title')}
        </Typography>
        <Alert severity={missing ? 'warning' : 'success'} sx={{ mb: 2, fontSize: '1.05rem' }}>
          {missing ? t('result_missing', { smart_count: missing }) : t('result_all_found')}
        </Alert>
        <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
          <Button variant="outlined" size="large" startIcon={<PdfIcon />} onClick={() => onReport('pdf')} sx={buttonSx}>
            {t('report_pdf')}
          </Button>
          <Button variant="outlined" size="large" startIcon={<XlsxIcon />} onClick={() => onReport('xlsx')} sx={buttonSx}>
            {t('report_xlsx')}
          </Button>
          {missing > 0 && (
            <Button component={Link} to="/missing" variant="contained" size="large" startIcon={<MissingIcon />} sx={buttonSx}>
              {t('see_missing')}
            </Button>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
