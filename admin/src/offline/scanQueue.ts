import { tooOldToResend } from '../../../api/core/idempotency-window.js';
import type { Outcome } from '../batches/types.js';
import { offlineDb as db } from './offlineDb.js';

/**
 * Scans waiting to be sent, kept in IndexedDB the instant they are read: closing the tab or
 * rebooting the phone keeps them. Each carries its Idempotency-Key from the start, so a scan whose
 * answer was lost (network cut while sending) is sent again with the same key and the server
 * replays its first answer: applied exactly once. The auto-increment `seq` keeps the scan order.
 */
export interface QueuedScan {
  seq?: number;
  /** Which screen's write it is, e.g. `audit:12` (the stock-take n° 12). */
  target: string;
  code: string;
  idempotencyKey: string;
  scannedAt: string;
  /**
   * The refurbishment outcome to record for this device (`code`, its asset tag): one write per
   * device, so a device a colleague moved meanwhile is refused alone. Without it, a plain scan.
   */
  outcome?: Outcome;
  /** A refusal the server gave for this scan (kept to be shown, never resent). */
  conflict?: string;
  /**
   * Waited too long to be sent (OFFLINE_WRITE_MAX_DAYS): kept to be shown, never sent. Past that,
   * the server's key may be gone, and a write that did reach it would come back as a false conflict.
   */
  tooOld?: true;
}

/** Still to be sent: neither refused nor held back for its age. */
export const waitsToBeSent = (scan: QueuedScan) => !scan.conflict && !scan.tooOld;

/** Whether this scan has waited too long to be sent (see api/core/idempotency-window.ts). */
export const tooOldToSend = (scan: QueuedScan, now = Date.now()) => tooOldToResend(scan.scannedAt, now);

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;

/** A new scan of `code` for `target`, with its own Idempotency-Key, not stored yet. */
export function newScan(target: string, code: string, outcome?: Outcome): QueuedScan {
  return { target, code, idempotencyKey: newKey(), scannedAt: new Date().toISOString(), ...(outcome ? { outcome } : {}) };
}

export async function enqueueScan(target: string, code: string): Promise<QueuedScan> {
  const scan = newScan(target, code);
  const seq = await (await db()).add('scans', scan);
  return { ...scan, seq };
}

/** The scans of one target, oldest first. */
export async function queuedScans(target: string): Promise<QueuedScan[]> {
  const scans = await (await db()).getAllFromIndex('scans', 'target', target);
  return scans.sort((a, b) => a.seq! - b.seq!);
}

export async function removeScan(seq: number): Promise<void> {
  await (await db()).delete('scans', seq);
}

/** Keeps why the scan was not sent with it, unless the scan was taken off meanwhile (it is not brought back). */
async function markNotSent(scan: QueuedScan, why: Pick<QueuedScan, 'conflict' | 'tooOld'>): Promise<void> {
  const tx = (await db()).transaction('scans', 'readwrite');
  if (await tx.store.get(scan.seq!)) await tx.store.put({ ...scan, ...why });
  await tx.done;
}

/** Keeps the server's refusal with its scan. */
export const markConflict = (scan: QueuedScan, message: string) => markNotSent(scan, { conflict: message });

/** Holds the scan back for its age, to be shown. */
export const markTooOld = (scan: QueuedScan) => markNotSent(scan, { tooOld: true });

/** Forgets every scan of one target (a pickup confirmed, or counted again from zero). */
export async function forgetTarget(target: string): Promise<void> {
  const tx = (await db()).transaction('scans', 'readwrite');
  const keys = await tx.store.index('target').getAllKeys(target);
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
}

/** Hands the scans of `from` over to `to`, in their order (a queue whose name changed). */
export async function moveTarget(from: string, to: string): Promise<void> {
  const tx = (await db()).transaction('scans', 'readwrite');
  const scans = await tx.store.index('target').getAll(from);
  await Promise.all([...scans.map((scan) => tx.store.put({ ...scan, target: to })), tx.done]);
}
