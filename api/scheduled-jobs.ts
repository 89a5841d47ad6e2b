import type { AppConfig } from './config.js';
import { purgeIdempotencyKeys } from './core/idempotency.js';
import type { JobHandler } from './core/job-runner.js';
import { purgeRateLimits } from './core/rate-limit-store.js';
import { queueDailyDigests, sendPendingMail } from './notifications/mailer.js';
import { makeNotifier } from './notifications/notify.js';
import { expireReferrals } from './referrals/referral.service.js';
import { anonymiseInactive, purgeAccessLog, purgeNotifications } from './referrals/rgpd.js';
import { checkCommitments } from './agreements/commitment-check.js';
import { purgeAdminLog } from './admin-log/admin-log.js';
import { purgeRevokedSessions } from './users/session.routes.js';
import { checkpointJobs } from './transparency/transparency-log.js';

/** The scheduled jobs, by name (run hourly; admins can run one now). */
export function scheduledJobs(config: AppConfig): Record<string, JobHandler> {
  const notifier = makeNotifier({ publicUrl: config.publicUrl, mail: !!config.smtpUrl });
  return {
    'expire-referrals': (em) => expireReferrals(em, config.referralExpiryDays, notifier),
    'anonymise-inactive': (em) => anonymiseInactive(em, config.retentionMonths),
    'purge-access-log': (em) => purgeAccessLog(em, config.accessLogRetentionMonths),
    'purge-admin-log': (em) => purgeAdminLog(em, config.adminLogRetentionMonths),
    'mail-digest': (em) => queueDailyDigests(em, config.publicUrl),
    'commitments-check': (em) => checkCommitments(em, notifier),
    'purge-rate-limits': (em) => purgeRateLimits(em),
    'purge-idempotency-keys': (em) => purgeIdempotencyKeys(em),
    'purge-revoked-sessions': (em) => purgeRevokedSessions(em),
    'purge-notifications': (em) => purgeNotifications(em, config.notificationRetentionMonths),
    ...mailJobs(config),
    ...checkpointJobs(config),
  };
}

/** The outbox sender, every few seconds, only when an SMTP server is configured. */
export function mailJobs(config: AppConfig): Record<string, JobHandler> {
  const smtpUrl = config.smtpUrl;
  return smtpUrl ? { 'send-mail': (em) => sendPendingMail(em, smtpUrl, config.mailFrom) } : {};
}
