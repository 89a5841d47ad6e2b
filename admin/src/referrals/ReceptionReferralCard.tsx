import { useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import AcceptIcon from '@mui/icons-material/HowToReg';
import RefuseIcon from '@mui/icons-material/DoNotDisturb';
import { useFormat } from '../i18n/useFormat.js';
import { BIG_BUTTON } from './bigButton.js';
import { ReferralStatusChip } from './ReferralStatusChip.js';
import type { PartnerReferral } from './types.js';
import { useReceptionTranslate } from './useReceptionTranslate.js';

interface ReceptionReferralCardProps {
  referral: PartnerReferral;
  allocated: boolean;
  busy: boolean;
  onAccept: () => void;
  onRefuse: () => void;
}

/** The resident as the partner sees them: first name, need, training wish; accept or refuse while the referral is open. */
export const ReceptionReferralCard = ({ referral, allocated, busy, onAccept, onRefuse }: ReceptionReferralCardProps) => {
  const translate = useTranslate();
  const t = useReceptionTranslate();
  return (
    <Card variant="outlined" data-testid="reception-referral" sx={{ borderWidth: 2 }}>
      <CardContent sx={{ p: { xs: 1.5, sm: 3 } }}>
        <Stack spacing={{ xs: 1, sm: 1.5 }}>
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography component="h2" sx={{ fontSize: { xs: '1.6rem', sm: '2.4rem' }, fontWeight: 800, lineHeight: 1.1 }}>
              {referral.firstName}
            </Typography>
            <ReferralStatusChip status={referral.status} size="medium" />
          </Stack>
          <ReferralFacts referral={referral} />
          {referral.status === 'submitted' && <IdentityCheck referral={referral} />}
          {!['submitted', 'accepted'].includes(referral.status) && !allocated && (
            <Alert severity="info">{t('status_closed', { status: translate(`resources.referrals.statuses.${referral.status}`) })}</Alert>
          )}
          {(referral.status === 'submitted' || referral.status === 'accepted') && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap>
              {referral.status === 'submitted' && (
                <Button variant="contained" color="success" size="large" startIcon={<AcceptIcon />} disabled={busy} onClick={onAccept} sx={BIG_BUTTON}>
                  {t('accept')}
                </Button>
              )}
              <Button variant="outlined" color="error" size="large" startIcon={<RefuseIcon />} disabled={busy} onClick={onRefuse} sx={BIG_BUTTON}>
                {t('refuse')}
              </Button>
            </Stack>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};

/**
 * What the desk checks before accepting, as the agreement in force says: the first name the person
 * says and the voucher's code, or an identity document (the strictest while the agreement is read).
 */
const IdentityCheck = ({ referral }: { referral: PartnerReferral }) => {
  const t = useReceptionTranslate();
  const dataProvider = useReemploiDataProvider();
  const terms = useQuery({ queryKey: ['allocations', 'price-caps'], queryFn: () => dataProvider.getPriceCaps() });
  const check = terms.data?.identityCheck ?? 'identity_document';
  return (
    <Alert severity="info" icon={false} data-testid="reception-identity-check" sx={{ fontSize: { xs: '1rem', sm: '1.1rem' } }}>
      {t(`check_${check}`, { name: referral.firstName, code: referral.voucherCode })}
    </Alert>
  );
};

const ReferralFacts = ({ referral }: { referral: PartnerReferral }) => {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: { xs: 0, sm: 0.5 }, m: 0, fontSize: { xs: '1rem', sm: '1.15rem' }, '& dd': { m: 0, fontWeight: 700 } }}>
      <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
        {translate('resources.referrals.fields.voucherCode')}
      </Typography>
      <Typography component="dd" sx={{ fontSize: 'inherit', fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
        {referral.voucherCode}
      </Typography>
      <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
        {translate('resources.referrals.fields.need')}
      </Typography>
      <Typography component="dd" sx={{ fontSize: 'inherit' }} data-testid="reception-need">
        {translate(`resources.devices.types.${referral.need}`)}
      </Typography>
      <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
        {translate('resources.referrals.fields.trainingWanted')}
      </Typography>
      <Typography component="dd" sx={{ fontSize: 'inherit' }}>
        {translate(referral.trainingWanted ? 'reemploi.referrals.yes' : 'reemploi.referrals.no')}
      </Typography>
      <Typography component="dt" color="text.secondary" sx={{ fontSize: 'inherit' }}>
        {translate('resources.referrals.fields.createdAt')}
      </Typography>
      <Typography component="dd" sx={{ fontSize: 'inherit' }}>
        {format.date(referral.createdAt)}
      </Typography>
    </Box>
  );
};
