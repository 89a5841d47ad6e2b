import type { JsonOf } from '../core/json.js';

/** The device as the API answers it, and the Scanner's card (the device plus the buttons this user may press). */
export type DeviceRecord = JsonOf<ReturnType<typeof import('./device-serializers.js').serializeDevice>>;
export type DeviceCardRecord = JsonOf<ReturnType<typeof import('./device-serializers.js').deviceCard>>;
