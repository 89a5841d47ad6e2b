import { lazy } from 'react';
import UserIcon from '@mui/icons-material/People';

// admins only: none of this is in the initial bundle
const UserList = lazy(() => import('./UserList.js').then((module) => ({ default: module.UserList })));
const UserCreate = lazy(() => import('./UserCreate.js').then((module) => ({ default: module.UserCreate })));
const UserEdit = lazy(() => import('./UserEdit.js').then((module) => ({ default: module.UserEdit })));

export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: UserIcon,
  recordRepresentation: 'name',
};
