import type { AppConfig } from './config.js';
import type { JobHandler } from './core/jobs.js';
import { expireReferrals } from './referrals/referral.service.js';
import { anonymiseInactive, purgeAccessLog } from './referrals/rgpd.js';

/** The scheduled jobs, by name. */
export function scheduledJobs(config: AppConfig): Record<string, JobHandler> {
  return {
    'expire-referrals': (em) => expireReferrals(em, config.referralExpiryDays),
    'anonymise-inactive': (em) => anonymiseInactive(em, config.retentionMonths),
    'purge-access-log': (em) => purgeAccessLog(em, config.accessLogRetentionMonths),
  };
}
