import { useCallback, useEffect, useRef, useState } from 'react';
import type { HttpError } from 'react-admin';
import { isRetryable } from '../providers/idempotency.js';
import { enqueueScan, markConflict, markTooOld, queuedScans, removeScan, tooOldToSend, waitsToBeSent, type QueuedScan } from './scanQueue.js';

/** While scans wait, the queue is tried again this often (the `online` event is not always fired). */
const RETRY_MS = 5000;

interface ScanQueueHandlers<T> {
  /** Sends one scan with its Idempotency-Key; throws like the data provider. */
  send: (scan: QueuedScan) => Promise<T>;
  /** The server's answer to a scan (the first one, replayed if it had been lost). */
  onSent: (scan: QueuedScan, result: T) => void;
  /**
   * The server refused this scan for good (e.g. already picked up by a colleague, session closed).
   * Returns true to keep it shown in the queue's conflicts, false when the screen's own message says enough (a misread code).
   */
  onConflict: (scan: QueuedScan, error: Error) => boolean;
  /**
   * Whether sending this scan is a write (default: every scan is). A write that waited too long is
   * held back (see sendWaiting); a mere look-up is sent whatever its age.
   */
  writes?: (scan: QueuedScan) => boolean;
  /** After a pass that sent or refused at least one scan (e.g. to fetch a list again once, not once per scan). */
  onFlushed?: () => void;
}

/** No answer (offline, cut) or signed out: keep the scan and try later; any other refusal is that scan's conflict. */
const keepForLater = (error: unknown) => isRetryable(error) || (error as Partial<HttpError>).status === 401;

/**
 * A scan screen's outbox: every scan is stored first (IndexedDB), then sent one at a time in the
 * order scanned; the screen shows what waits (« en attente (3) ») and the scans refused.
 */
export function useScanQueue<T>(target: string, handlers: ScanQueueHandlers<T>) {
  const [pending, setPending] = useState<QueuedScan[]>([]);
  const [conflicts, setConflicts] = useState<QueuedScan[]>([]);
  const flushing = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const latest = useRef(handlers);
  latest.current = handlers;

  const reload = useCallback(async () => {
    const scans = await queuedScans(target);
    setPending(scans.filter(waitsToBeSent));
    setConflicts(scans.filter((scan) => !waitsToBeSent(scan)));
    return scans;
  }, [target]);

  /**
   * Sends what waits, oldest first, until the queue is empty or the network fails; true when a scan
   * got its answer (sent or refused) or was held back for its age.
   */
  const sendWaiting = useCallback(async () => {
    let answered = false;
    for (;;) {
      const next = (await queuedScans(target)).find(waitsToBeSent);
      if (!next) break;
      if (tooOldToSend(next) && (latest.current.writes?.(next) ?? true)) {
        // whether it reached the server before the network dropped can no longer be told: the user checks
        answered = true;
        await markTooOld(next);
        await reload();
        continue;
      }
      try {
        const result = await latest.current.send(next);
        await removeScan(next.seq!);
        answered = true;
        latest.current.onSent(next, result);
      } catch (error) {
        if (keepForLater(error)) break;
        answered = true;
        if (latest.current.onConflict(next, error as Error)) await markConflict(next, (error as Error).message);
        else await removeScan(next.seq!);
      }
      await reload();
    }
    return answered;
  }, [target, reload]);

  /**
   * One pass at a time; a call during a pass gets one more pass after it, so the promise it gets
   * settles once what was queued before the call has been tried.
   */
  const flush = useCallback((): Promise<void> => {
    if (flushing.current) {
      again.current = true;
      return flushing.current;
    }
    flushing.current = (async () => {
      let answered = false;
      try {
        do {
          again.current = false;
          if (await sendWaiting()) answered = true;
        } while (again.current);
      } finally {
        flushing.current = null;
        await reload();
        if (answered) latest.current.onFlushed?.();
      }
    })();
    return flushing.current;
  }, [sendWaiting, reload]);

  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [flush]);

  /** Stores the scan at once, then tries to send everything waiting. */
  const add = useCallback(
    async (code: string) => {
      await enqueueScan(target, code);
      await reload();
      void flush();
    },
    [target, reload, flush],
  );

  /** Forgets one queued scan: a conflict read and understood, or a scan taken back before it was sent. */
  const remove = useCallback(
    async (seq: number) => {
      await removeScan(seq);
      await reload();
    },
    [reload],
  );

  return { pending, conflicts, add, remove, flush, reload };
}
