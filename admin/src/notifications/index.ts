export { NotificationBell } from './NotificationBell.js';
export { PreferencesMenuItem } from './PreferencesMenuItem.js';
