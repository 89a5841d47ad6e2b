import { lazy } from 'react';
import PriceGridIcon from '@mui/icons-material/PriceChange';

// admins, the depot, the partner and the steering committee: none of this is in the initial bundle
const PriceGridList = lazy(() => import('./PriceGridList.js').then((module) => ({ default: module.PriceGridList })));
const PriceGridShow = lazy(() => import('./PriceGridShow.js').then((module) => ({ default: module.PriceGridShow })));
const PriceGridCreate = lazy(() => import('./PriceGridCreate.js').then((module) => ({ default: module.PriceGridCreate })));

export default {
  list: PriceGridList,
  show: PriceGridShow,
  create: PriceGridCreate,
  icon: PriceGridIcon,
  recordRepresentation: 'label',
};
