import { lazy } from 'react';
import AdminLogIcon from '@mui/icons-material/ManageHistory';

// admins only: none of this is in the initial bundle
const AdminLogList = lazy(() => import('./AdminLogList.js').then((module) => ({ default: module.AdminLogList })));

export default {
  list: AdminLogList,
  icon: AdminLogIcon,
};
