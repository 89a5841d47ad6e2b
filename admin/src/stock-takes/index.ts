import { lazy } from 'react';
import AuditIcon from '@mui/icons-material/Checklist';

// the stock-take screens load when first opened: they stay out of the initial bundle
const AuditList = lazy(() => import('./AuditList.js').then((module) => ({ default: module.AuditList })));
const AuditSession = lazy(() => import('./AuditSession.js').then((module) => ({ default: module.AuditSession })));
const AuditCreate = lazy(() => import('./AuditCreate.js').then((module) => ({ default: module.AuditCreate })));
export const MissingQueue = lazy(() => import('./MissingQueue.js').then((module) => ({ default: module.MissingQueue })));

export default {
  list: AuditList,
  show: AuditSession,
  create: AuditCreate,
  icon: AuditIcon,
  recordRepresentation: 'site',
};
