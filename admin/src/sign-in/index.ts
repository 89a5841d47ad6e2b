import { lazy } from 'react';
import MappingIcon from '@mui/icons-material/AccountTree';
import RequestIcon from '@mui/icons-material/HowToReg';

// admins only: none of this is in the initial bundle
const OidcMappingList = lazy(() => import('./OidcMappingList.js').then((module) => ({ default: module.OidcMappingList })));
const OidcMappingCreate = lazy(() => import('./OidcMappingList.js').then((module) => ({ default: module.OidcMappingCreate })));
const OidcMappingEdit = lazy(() => import('./OidcMappingList.js').then((module) => ({ default: module.OidcMappingEdit })));
const AccessRequestList = lazy(() => import('./AccessRequestList.js').then((module) => ({ default: module.AccessRequestList })));

export const oidcMappings = { list: OidcMappingList, create: OidcMappingCreate, edit: OidcMappingEdit, icon: MappingIcon };
export const accessRequests = { list: AccessRequestList, icon: RequestIcon };
export { OidcCallbackPage } from './OidcCallbackPage.js';
