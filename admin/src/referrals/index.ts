import { lazy } from 'react';
import ReferralIcon from '@mui/icons-material/AssignmentInd';
import PersonIcon from '@mui/icons-material/Person';
import type { Beneficiary } from './types.js';

const ReferralList = lazy(() => import('./ReferralList.js').then((module) => ({ default: module.ReferralList })));
const ReferralRedirect = lazy(() => import('./ReferralRedirect.js').then((module) => ({ default: module.ReferralRedirect })));
const ReferralCreate = lazy(() => import('./ReferralCreate.js').then((module) => ({ default: module.ReferralCreate })));
const BeneficiaryList = lazy(() => import('./BeneficiaryList.js').then((module) => ({ default: module.BeneficiaryList })));
const BeneficiaryShow = lazy(() => import('./BeneficiaryShow.js').then((module) => ({ default: module.BeneficiaryShow })));
const BeneficiaryEdit = lazy(() => import('./BeneficiaryEdit.js').then((module) => ({ default: module.BeneficiaryEdit })));

export const ReceptionPage = lazy(() => import('./ReceptionPage.js').then((module) => ({ default: module.ReceptionPage })));
export const RgpdPage = lazy(() => import('./RgpdPage.js').then((module) => ({ default: module.RgpdPage })));
export const SocialWorkerHome = lazy(() => import('./SocialWorkerHome.js').then((module) => ({ default: module.SocialWorkerHome })));

export const referrals = { list: ReferralList, create: ReferralCreate, show: ReferralRedirect, icon: ReferralIcon, recordRepresentation: 'voucherCode' };

export const beneficiaries = {
  list: BeneficiaryList,
  show: BeneficiaryShow,
  edit: BeneficiaryEdit,
  icon: PersonIcon,
  recordRepresentation: (person: Beneficiary) => [person.firstName, person.lastName].filter(Boolean).join(' ') || `#${person.id}`,
};
