import { useCallback, useEffect, useRef, useState } from 'react';
import { enqueueScan, forgetTarget, queuedScans, type QueuedScan } from '../offline/scanQueue.js';

interface Scans {
  scanned: string[];
  flagged: string[];
}

const EMPTY: Scans = { scanned: [], flagged: [] };

/** Where an earlier version of this screen kept the scans (moved into IndexedDB on first open). */
const legacyKey = (batchId: number) => `reemploi.pickup.${batchId}`;

/** Scans saved in localStorage by an earlier version move into the shared offline queue, once. */
async function importLegacyScans(batchId: number, target: string): Promise<void> {
  const raw = localStorage.getItem(legacyKey(batchId));
  if (raw === null) return;
  localStorage.removeItem(legacyKey(batchId));
  try {
    const saved = JSON.parse(raw) as Scans;
    for (const tag of [...saved.scanned, ...saved.flagged]) await enqueueScan(target, tag);
  } catch {
    // unreadable: nothing to keep
  }
}

/**
 * What has been scanned for one batch, kept in the shared offline queue (IndexedDB, target
 * `pickup:<batch>`) the instant it is read, until the pickup is confirmed: a phone that locks,
 * reboots or loses the network in the middle of loading a van loses nothing. The scans reach the
 * server together, in the confirmation (one request with its Idempotency-Key). Reads and writes go
 * through a ref so that two codes read by the camera in the same instant are still counted once each.
 */
export function usePersistentScans(batchId: number, expectedTags: Set<string> | null) {
  const target = `pickup:${batchId}`;
  const [scans, setScans] = useState<Scans>(EMPTY);
  const [stored, setStored] = useState<QueuedScan[]>([]);
  const current = useRef<Scans>(EMPTY);
  const [restoredCount, setRestoredCount] = useState(0);
  const loaded = useRef(false);

  const reloadStored = useCallback(async () => setStored(await queuedScans(target)), [target]);

  useEffect(() => {
    if (!expectedTags || loaded.current) return;
    loaded.current = true;
    void (async () => {
      await importLegacyScans(batchId, target);
      const saved = await queuedScans(target);
      setStored(saved);
      const tags = [...new Set(saved.map((scan) => scan.code))];
      // the batch is frozen, but keep only what still makes sense
      const restored = { scanned: tags.filter((tag) => expectedTags.has(tag)), flagged: tags.filter((tag) => !expectedTags.has(tag)) };
      // scans made while the queue was being read come after the saved ones
      const unique = (tags: string[]) => [...new Set(tags)];
      current.current = { scanned: unique([...restored.scanned, ...current.current.scanned]), flagged: unique([...restored.flagged, ...current.current.flagged]) };
      setScans(current.current);
      setRestoredCount(restored.scanned.length);
    })();
  }, [expectedTags, batchId, target]);

  const save = useCallback(
    (next: Scans, tag: string) => {
      current.current = next;
      setScans(next);
      void enqueueScan(target, tag).then(reloadStored);
    },
    [target, reloadStored],
  );

  /** False when the tag was already scanned. */
  const addScanned = useCallback(
    (tag: string) => {
      if (current.current.scanned.includes(tag)) return false;
      save({ ...current.current, scanned: [...current.current.scanned, tag] }, tag);
      return true;
    },
    [save],
  );

  const addFlagged = useCallback(
    (tag: string) => {
      if (!current.current.flagged.includes(tag)) save({ ...current.current, flagged: [...current.current.flagged, tag] }, tag);
    },
    [save],
  );

  const reset = useCallback(() => {
    current.current = EMPTY;
    setScans(EMPTY);
    void forgetTarget(target).then(reloadStored);
  }, [target, reloadStored]);

  const scannedCount = useCallback(() => current.current.scanned.length, []);

  /** The scans kept on this phone that the server has not received yet (they go with the confirmation). */
  const pending = stored.filter((scan) => current.current.scanned.includes(scan.code));

  return { scanned: scans.scanned, flagged: scans.flagged, pending, addScanned, addFlagged, reset, restoredCount, scannedCount };
}
