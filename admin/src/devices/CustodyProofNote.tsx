import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Alert } from '@mui/material';
import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import type { CustodyProof } from '../../../api/transparency/transparency.routes.js';
import { useFormat } from '../i18n/useFormat.js';
import { API_URL, apiJson } from '../providers/http.js';

/**
 * « Historique vérifiable » under the device's history: the signed checkpoint its events are
 * included in (issue #16). What the server says here is checked without trusting it by
 * `npm run verify-custody`; this line tells people the proof exists.
 */
export const CustodyProofNote = ({ deviceId }: { deviceId: number }) => {
  const translate = useTranslate();
  const format = useFormat();
  const { data } = useQuery({ queryKey: ['custody-proof', deviceId], queryFn: () => apiJson<CustodyProof>(`${API_URL}/devices/${deviceId}/custody-proof`) });
  if (!data) return null;
  const altered = data.unlogged.length > 0 || data.leaves.some((leaf) => leaf.current !== leaf.entry);
  if (altered) return <Alert severity="error" data-testid="custody-proof" sx={{ mb: 2 }}>{translate('reemploi.transparency.altered')}</Alert>;
  if (!data.checkpoint) return <Alert severity="info" data-testid="custody-proof" sx={{ mb: 2 }}>{translate('reemploi.transparency.no_checkpoint')}</Alert>;
  const pending = data.leaves.filter((leaf) => !leaf.proof).length;
  return (
    <Alert severity="success" variant="outlined" icon={<VerifiedIcon />} data-testid="custody-proof" sx={{ mb: 2 }}>
      {translate('reemploi.transparency.included', { number: data.checkpoint.id, date: format.dateTime(data.checkpoint.signedAt) })}
      {pending > 0 && ` ${translate('reemploi.transparency.pending', { smart_count: pending })}`}
    </Alert>
  );
};
