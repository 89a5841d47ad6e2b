import { lazy } from 'react';
import DeviceIcon from '@mui/icons-material/Computer';
import { DeviceList } from './DeviceList.js';

// the list is the landing page for technicians; the other screens load when first opened
const DeviceShow = lazy(() => import('./DeviceShow.js').then((module) => ({ default: module.DeviceShow })));
const DeviceCreate = lazy(() => import('./DeviceCreate.js').then((module) => ({ default: module.DeviceCreate })));
const DeviceEdit = lazy(() => import('./DeviceEdit.js').then((module) => ({ default: module.DeviceEdit })));

export default {
  list: DeviceList,
  show: DeviceShow,
  create: DeviceCreate,
  edit: DeviceEdit,
  icon: DeviceIcon,
  recordRepresentation: 'assetTag',
};
