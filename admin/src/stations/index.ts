import { lazy } from 'react';
import StationIcon from '@mui/icons-material/Usb';

// admins only: not in the initial bundle
const StationList = lazy(() => import('./StationList.js').then((module) => ({ default: module.StationList })));

export const stations = { list: StationList, icon: StationIcon };
