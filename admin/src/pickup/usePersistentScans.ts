import { useCallback, useEffect, useRef, useState } from 'react';

interface Scans {
  scanned: string[];
  flagged: string[];
}

const EMPTY: Scans = { scanned: [], flagged: [] };

/**
 * What has been scanned for one batch, kept in this browser until the pickup is confirmed: a phone
 * that locks, a reload or a dropped connection in the middle of loading a van loses nothing.
 * Reads and writes go through a ref so that two codes read by the camera in the same instant are
 * still counted once each.
 */
export function usePersistentScans(batchId: number, expectedTags: Set<string> | null) {
  const key = `reemploi.pickup.${batchId}`;
  const [scans, setScans] = useState<Scans>(EMPTY);
  const current = useRef<Scans>(EMPTY);
  const [restoredCount, setRestoredCount] = useState(0);
  const loaded = useRef(false);

  useEffect(() => {
    if (!expectedTags || loaded.current) return;
    loaded.current = true;
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as Scans | null;
      if (!saved) return;
      // the batch is frozen, but keep only what still makes sense
      const restored = { scanned: saved.scanned.filter((tag) => expectedTags.has(tag)), flagged: saved.flagged.filter((tag) => !expectedTags.has(tag)) };
      current.current = restored;
      setScans(restored);
      setRestoredCount(restored.scanned.length);
    } catch {
      localStorage.removeItem(key);
    }
  }, [expectedTags, key]);

  const save = useCallback(
    (next: Scans) => {
      current.current = next;
      setScans(next);
      localStorage.setItem(key, JSON.stringify(next));
    },
    [key],
  );

  /** False when the tag was already scanned. */
  const addScanned = useCallback(
    (tag: string) => {
      if (current.current.scanned.includes(tag)) return false;
      save({ ...current.current, scanned: [...current.current.scanned, tag] });
      return true;
    },
    [save],
  );

  const addFlagged = useCallback(
    (tag: string) => {
      if (!current.current.flagged.includes(tag)) save({ ...current.current, flagged: [...current.current.flagged, tag] });
    },
    [save],
  );

  const reset = useCallback(() => {
    current.current = EMPTY;
    setScans(EMPTY);
    localStorage.removeItem(key);
  }, [key]);

  const scannedCount = useCallback(() => current.current.scanned.length, []);

  return { scanned: scans.scanned, flagged: scans.flagged, addScanned, addFlagged, reset, restoredCount, scannedCount };
}
