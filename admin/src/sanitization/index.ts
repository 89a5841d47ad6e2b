import { lazy } from 'react';
import MediaIcon from '@mui/icons-material/Storage';
import SanitizationIcon from '@mui/icons-material/FactCheck';

const MediaList = lazy(() => import('./MediaList.js').then((module) => ({ default: module.MediaList })));
const SanitizationList = lazy(() => import('./SanitizationList.js').then((module) => ({ default: module.SanitizationList })));

/** `<Resource name="media">`: read-only here (media are added at the wiping station). */
export const media = {
  list: MediaList,
  icon: MediaIcon,
  recordRepresentation: 'serialNumber',
};

/** `<Resource name="sanitizations">`: the register of wipes, append-only. */
export const sanitizations = {
  list: SanitizationList,
  icon: SanitizationIcon,
};
