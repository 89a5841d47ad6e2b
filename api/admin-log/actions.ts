/**
 * What the administration log records. Pure data (no Node import): the back office reads it for
 * its filter choices and labels.
 */
export const ADMIN_LOG_ACTIONS = [
  'login_succeeded',
  'login_failed',
  'password_changed',
  'password_reset',
  'user_created',
  'user_updated',
  'role_changed',
  'user_deactivated',
  'user_reactivated',
  'factor_updated',
  'agreement_created',
  'agreement_updated',
  'device_withdrawn',
  'job_run',
  'person_exported',
  'person_erased',
  /** Sign-in through an identity provider: an agent no rule covers asks for access; an admin decides. */
  'access_requested',
  'access_approved',
  'access_refused',
  /** Any write request made by an admin (route, method, target, answer), written once it is answered. */
  'admin_request',
  /** A « Type » value of the imports mapped to a device type, from the import report. */
  'chassis_mapping_saved',
  /** Wiping stations' tokens (issue #15 §4): created, revoked, and every request made with one. */
  'station_created',
  'station_revoked',
  'station_used',
] as const;
export type AdminLogAction = (typeof ADMIN_LOG_ACTIONS)[number];

export const ADMIN_LOG_OUTCOMES = ['success', 'refused', 'failed'] as const;
export type AdminLogOutcome = (typeof ADMIN_LOG_OUTCOMES)[number];

/** An HTTP answer as an outcome: 2xx/3xx done, 4xx refused, 5xx failed. */
export const outcomeOfStatus = (status: number): AdminLogOutcome => (status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'success');
