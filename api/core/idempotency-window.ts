/**
 * How long a write may be sent again with the same `Idempotency-Key`: the rule the back office and
 * the server share. This file imports nothing, so the back office bundles it as it is.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The back office sends a write that got no answer again (the offline queue in IndexedDB, a tab
 * retrying an import or a pickup) for at most this long after it was made: a partner's van offline
 * over a long weekend, a phone left in a drawer over two weeks of holidays. An older write is not
 * sent; the user is told to check whether it was recorded (admin/src/offline/useScanQueue.ts).
 */
export const OFFLINE_WRITE_MAX_DAYS = 21;

/**
 * The server keeps each key and its answer this long (the hourly `purge-idempotency-keys` job).
 * Longer than the back office retries, with a margin (a phone's clock set days wrong when it
 * scanned, the purge's hour): a write the back office still sends always finds its key and gets its
 * first answer again, instead of being taken for a new write and refused as a conflict because the
 * first one already moved the device. At a few hundred bytes a key (an import's report is larger,
 * but imports are few), a month of keys stays small: see README « Crashes and safe retries ».
 */
export const IDEMPOTENCY_KEY_DAYS = 30;

/** Whether a write made at `madeAt` is too old for the back office to send again (see OFFLINE_WRITE_MAX_DAYS). */
export function tooOldToResend(madeAt: Date | string | number, now = Date.now()): boolean {
  return now - new Date(madeAt).getTime() > OFFLINE_WRITE_MAX_DAYS * DAY_MS;
}
