import type { Outcome } from '../batches/types.js';
import { offlineDb as db } from '../offline/offlineDb.js';
import { newScan, waitsToBeSent, type QueuedScan } from '../offline/scanQueue.js';
import type { DeviceCard } from '../types.js';

/**
 * The refurbishment pile kept on the phone (IndexedDB), so a reload or a reboot shows the same
 * pile; its outcomes go to the shared offline queue, one write per device.
 */
export interface PiledDevice {
  /** Whose pile, e.g. `refurbishment-pile:12` (the queue's target of that person). */
  target: string;
  device: DeviceCard;
  addedAt: string;
}

/** The devices of the pile, the last scanned first. */
export async function piledDevices(target: string): Promise<DeviceCard[]> {
  const piled = await (await db()).getAllFromIndex('pile', 'target', target);
  return piled.sort((a, b) => b.addedAt.localeCompare(a.addedAt)).map((entry) => entry.device);
}

const waitsForOutcome = (scan: QueuedScan, tag: string) => scan.code === tag && !!scan.outcome && waitsToBeSent(scan);

/**
 * Puts a looked-up device on the pile, unless its outcome is already queued (recorded while its
 * lookup was on its way): false then. A device already there keeps its place.
 */
export async function putOnPile(target: string, device: DeviceCard): Promise<boolean> {
  const tx = (await db()).transaction(['scans', 'pile'], 'readwrite');
  const scans = await tx.objectStore('scans').index('target').getAll(target);
  if (scans.some((scan) => waitsForOutcome(scan, device.assetTag))) {
    await tx.done;
    return false;
  }
  const pile = tx.objectStore('pile');
  const existing = await pile.get([target, device.id]);
  await pile.put({ target, device, addedAt: existing?.addedAt ?? new Date().toISOString() });
  await tx.done;
  return true;
}

export async function removeFromPile(target: string, id: number): Promise<void> {
  await (await db()).delete('pile', [target, id]);
}

export async function clearPile(target: string): Promise<void> {
  const tx = (await db()).transaction('pile', 'readwrite');
  const keys = await tx.store.index('target').getAllKeys(target);
  await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
}

/**
 * Records `outcome` for these asset tags, in one IndexedDB transaction, so a tag is never lost
 * between two places nor in two: each leaves the pile, its lookup still waiting is dropped, and
 * one outcome write per device joins the queue with its own Idempotency-Key. A tag whose outcome
 * already waits is left as it is. Returns the queued writes.
 */
export async function queueOutcomes(target: string, assetTags: string[], outcome: Outcome): Promise<QueuedScan[]> {
  const tx = (await db()).transaction(['scans', 'pile'], 'readwrite');
  const scans = tx.objectStore('scans');
  const pile = tx.objectStore('pile');
  const queued = await scans.index('target').getAll(target);
  const piled = await pile.index('target').getAll(target);
  const written: QueuedScan[] = [];
  for (const tag of assetTags) {
    for (const entry of piled.filter((candidate) => candidate.device.assetTag === tag)) await pile.delete([target, entry.device.id]);
    for (const lookup of queued.filter((scan) => scan.code === tag && !scan.outcome && waitsToBeSent(scan))) await scans.delete(lookup.seq!);
    if (queued.some((scan) => waitsForOutcome(scan, tag)) || written.some((scan) => scan.code === tag)) continue;
    const write = newScan(target, tag, outcome);
    written.push({ ...write, seq: await scans.add(write) });
  }
  await tx.done;
  return written;
}
