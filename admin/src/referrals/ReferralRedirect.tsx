import { Navigate, useParams } from 'react-router-dom';
import { Loading, useGetOne } from 'react-admin';
import type { Referral } from './types.js';

/**
 * `/referrals/:id/show`, where the referring social worker's notifications point: a referral is
 * read on its person's page, which lists all their referrals. A partner (who sees no person page)
 * lands on the referrals list.
 */
export const ReferralRedirect = () => {
  const { id } = useParams();
  const { data: referral, isPending, error } = useGetOne<Referral>('referrals', { id: Number(id) }, { retry: false });
  if (isPending) return <Loading />;
  if (error || !referral || !referral.beneficiary) return <Navigate to="/referrals" replace />;
  return <Navigate to={`/beneficiaries/${referral.beneficiary}/show`} replace />;
};
