import { lazy } from 'react';
import AgreementIcon from '@mui/icons-material/Handshake';

// admins and the steering committee only: none of this is in the initial bundle
const AgreementList = lazy(() => import('./AgreementList.js').then((module) => ({ default: module.AgreementList })));
const AgreementShow = lazy(() => import('./AgreementShow.js').then((module) => ({ default: module.AgreementShow })));
const AgreementCreate = lazy(() => import('./AgreementCreate.js').then((module) => ({ default: module.AgreementCreate })));
const AgreementEdit = lazy(() => import('./AgreementEdit.js').then((module) => ({ default: module.AgreementEdit })));

export default {
  list: AgreementList,
  show: AgreementShow,
  create: AgreementCreate,
  edit: AgreementEdit,
  icon: AgreementIcon,
  recordRepresentation: 'partner',
};
