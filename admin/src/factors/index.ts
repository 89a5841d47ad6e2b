import { lazy } from 'react';
import FactorIcon from '@mui/icons-material/EnergySavingsLeaf';

// admins and the steering committee only: none of this is in the initial bundle
const FactorList = lazy(() => import('./FactorList.js').then((module) => ({ default: module.FactorList })));
const FactorEdit = lazy(() => import('./FactorEdit.js').then((module) => ({ default: module.FactorEdit })));

export default {
  list: FactorList,
  edit: FactorEdit,
  icon: FactorIcon,
  recordRepresentation: 'deviceType',
};
