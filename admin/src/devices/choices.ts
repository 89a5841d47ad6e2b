import { DEVICE_STATUSES, DEVICE_TYPES, type DeviceStatus } from '../../../api/devices/lifecycle.js';
import { CONDITION_GRADES } from '../types.js';

/** react-admin choices; names are i18n keys, translated by the inputs and fields. */
export const statusChoices = DEVICE_STATUSES.map((id) => ({ id, name: `resources.devices.statuses.${id}` }));
export const typeChoices = DEVICE_TYPES.map((id) => ({ id, name: `resources.devices.types.${id}` }));
export const gradeChoices = CONDITION_GRADES.map((id) => ({ id, name: `resources.devices.grades.${id}` }));

/** Dark text on light backgrounds (and the reverse for the end of the road): all pass WCAG AA. */
export const STATUS_COLORS: Record<DeviceStatus, { background: string; color: string }> = {
  registered: { background: '#e3e6ea', color: '#1b1f24' },
  sanitized: { background: '#d3eedb', color: '#114d1f' },
  quarantined: { background: '#fde3cc', color: '#7a3500' },
  in_batch: { background: '#dce7f7', color: '#0f3a6b' },
  handed_over: { background: '#ebdff7', color: '#4a1f73' },
  refurbished: { background: '#cdeeea', color: '#004a44' },
  recycled: { background: '#efe5d6', color: '#553a1d' },
  allocated: { background: '#1b6e2a', color: '#ffffff' },
  withdrawn: { background: '#f8d6d4', color: '#8b1610' },
};

/** Actions that end a device's life are shown in red. */
export const DESTRUCTIVE_STATUSES: readonly DeviceStatus[] = ['withdrawn', 'recycled'];
