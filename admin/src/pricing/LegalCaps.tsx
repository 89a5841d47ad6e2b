import { useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { API_URL, apiJson } from '../providers/http.js';
import { useFormat } from '../i18n/useFormat.js';
import { formatEuros } from '../referrals/money.js';
import type { LegalPriceCap } from './types.js';
import { ReferenceSection } from '../layout/ReferenceSection.js';

/** The legal maximum resale prices (`GET /api/legal-price-caps`), each with its source. */
export const LegalCaps = () => {
  const translate = useTranslate();
  const format = useFormat();
  const caps = useQuery({ queryKey: ['legal-price-caps'], queryFn: () => apiJson<LegalPriceCap[]>(`${API_URL}/legal-price-caps`) });
  if (!caps.data) return null;
  // every line cites the same décret: shown once under the table, with the notes proper to a line
  const source = caps.data[0]?.source ?? '';
  return (
    <ReferenceSection id="legal-caps-title" title={translate('resources.price-grids.legal.title')} intro={translate('resources.price-grids.legal.intro')} testId="legal-caps">
      <Table size="small" sx={{ maxWidth: 620 }}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">{translate('resources.price-grids.legal.equipment')}</TableCell>
            <TableCell component="th" scope="col" align="right" sx={{ whiteSpace: 'nowrap' }}>{translate('resources.price-grids.legal.max')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {caps.data.map((cap) => (
            <TableRow key={cap.equipment}>
              <TableCell component="th" scope="row">
                {cap.label}
                {cap.source !== source && (
                  <Typography variant="caption" color="text.secondary" component="p">
                    {cap.source.slice(source.length).trim()}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{formatEuros(cap.maxPrice, format.locale)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {translate('resources.price-grids.legal.source')} : {source}
      </Typography>
    </ReferenceSection>
  );
};
