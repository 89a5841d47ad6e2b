import { lazy } from 'react';
import BatchIcon from '@mui/icons-material/LocalShipping';

const BatchList = lazy(() => import('./BatchList.js').then((module) => ({ default: module.BatchList })));
const BatchShow = lazy(() => import('./BatchShow.js').then((module) => ({ default: module.BatchShow })));
const BatchCreate = lazy(() => import('./BatchCreate.js').then((module) => ({ default: module.BatchCreate })));

export default {
  list: BatchList,
  show: BatchShow,
  create: BatchCreate,
  icon: BatchIcon,
  recordRepresentation: 'reference',
};
