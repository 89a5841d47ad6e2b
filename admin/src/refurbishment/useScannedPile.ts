import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { checkAssetTag } from '../../../api/devices/asset-tag.js';
import { errorCode } from '../providers/http.js';
import { isRetryable } from '../providers/idempotency.js';
import { useReemploiDataProvider } from '../providers/hooks.js';
import { getSessionUser } from '../providers/session.js';
import type { Announce } from '../batches/useScanAnnouncer.js';
import type { Outcome } from '../batches/types.js';
import type { DeviceCard } from '../types.js';
import { useRefurbishmentTranslate } from './useRefurbishmentTranslate.js';
import { useOpenScannedBatch } from '../scanner/useOpenScannedBatch.js';
import { useScanQueue } from '../offline/useScanQueue.js';
import { moveTarget, queuedScans, waitsToBeSent, type QueuedScan } from '../offline/scanQueue.js';
import { clearPile, piledDevices, putOnPile, queueOutcomes, removeFromPile } from './pileStore.js';

/** The offline queue's target before piles were kept per person (its scans are taken over). */
const SHARED_PILE_TARGET = 'refurbishment-pile';

/**
 * Each person's pile and queue on the phone: an outcome is recorded in the name of whoever sends
 * it, so a colleague signing in on the same phone neither sees nor sends someone else's.
 */
const pileTarget = () => `${SHARED_PILE_TARGET}:${getSessionUser()?.id ?? 'nobody'}`;

/** A write refused once the network is back (the device was moved meanwhile): kept as that device's conflict. */
class NotWaiting extends Error {}

/**
 * Someone else signed in meanwhile (in another tab: the session is shared): this pile's writes wait
 * for their author, like a signed-out session's (401), rather than go in another person's name.
 */
class SignedInAsSomeoneElse extends Error {
  readonly status = 401;
}

/** What the queue answers for one write: the device looked up, or the outcome recorded. */
type Sent = { device: DeviceCard } | { updated: string[] };

/**
 * The pile of devices scanned one after the other, waiting for the same outcome, kept on the phone
 * (IndexedDB) through a reload. Without network, each tag is stored at once in the shared offline
 * queue and looked up, in order, when the network is back; such a tag is on the pile already (its
 * outcome can be recorded before its lookup: the write checks it). An outcome is one queued write
 * per device, sent in order, exactly once: a device a colleague moved meanwhile is that device's
 * conflict, the others are recorded.
 */
export function useScannedPile(announce: Announce, afterSending: () => void) {
  const translate = useTranslate();
  const t = useRefurbishmentTranslate();
  const dataProvider = useReemploiDataProvider();
  const target = useMemo(pileTarget, []);
  const [pile, setPile] = useState<DeviceCard[]>([]);
  const [code, setCode] = useState('');
  const openScannedBatch = useOpenScannedBatch();

  const reloadPile = useCallback(async () => setPile(await piledDevices(target)), [target]);

  /**
   * Someone else signed in on this phone since the screen opened (the session is shared by the
   * tabs): what is scanned or recorded here now would be filed under the previous person and sent
   * in their name. The screen reloads for the person signed in; the action is refused meanwhile.
   */
  const openedForSomeoneElse = useCallback(() => {
    if (pileTarget() === target) return false;
    window.setTimeout(() => window.location.reload(), 1500);
    return true;
  }, [target]);

  useEffect(() => {
    const onSessionChange = () => void openedForSomeoneElse();
    window.addEventListener('storage', onSessionChange);
    return () => window.removeEventListener('storage', onSessionChange);
  }, [openedForSomeoneElse]);

  const notWaiting = (device: DeviceCard) => t('not_waiting', { assetTag: device.assetTag, status: translate(`resources.devices.statuses.${device.status}`) });

  /** The device of `tag` if it waits for its diagnosis; NotWaiting (with the reason to say) if not. */
  const waitingDevice = async (tag: string) => {
    const { device } = await dataProvider.scan(tag);
    if (device.status !== 'handed_over') throw new NotWaiting(notWaiting(device));
    return device;
  };

  const addToPile = async (device: DeviceCard) => {
    if (!(await putOnPile(target, device))) return;
    await reloadPile();
    announce('success', t('added_to_pile', { assetTag: device.assetTag }), device.assetTag);
  };

  /** Why the server refused an outcome, in the words of a refused scan (« … est « Reconditionné » … »). */
  const outcomeRefusal = async (tag: string, error: unknown): Promise<never> => {
    if (errorCode(error) !== 'DEVICES_REFUSED') throw error;
    const refused = (error as { body?: { details?: { refused?: { reason: string }[] } } }).body?.details?.refused?.[0];
    const { device } = await dataProvider.scan(tag).catch((lookup: unknown) => {
      if (isRetryable(lookup)) throw lookup;
      throw new NotWaiting(refused?.reason ?? (error as Error).message);
    });
    throw new NotWaiting(device.status !== 'handed_over' ? notWaiting(device) : (refused?.reason ?? (error as Error).message));
  };

  /** The outcome writes sent and refused in the current pass of the queue, said once at its end. */
  const tally = useRef({ sent: 0, refused: 0, outcome: '' });

  const sayTally = () => {
    const { sent, refused, outcome } = tally.current;
    tally.current = { sent: 0, refused: 0, outcome: '' };
    if (refused) announce('error', t('outcomes_refused', { smart_count: refused, sent }));
    else if (sent) announce('success', t('done', { smart_count: sent, outcome }));
  };

  const queue = useScanQueue<Sent>(target, {
    send: async (scan) => {
      if (pileTarget() !== target) throw new SignedInAsSomeoneElse();
      if (scan.outcome) return dataProvider.recordOutcomes([scan.code], scan.outcome, scan.idempotencyKey).catch((error: unknown) => outcomeRefusal(scan.code, error));
      return { device: await waitingDevice(scan.code) };
    },
    writes: (scan) => !!scan.outcome,
    onSent: (scan, sent) => {
      if ('device' in sent) void addToPile(sent.device);
      else tally.current = { ...tally.current, sent: tally.current.sent + 1, outcome: t(scan.outcome!.to) };
    },
    onConflict: (scan, error) => {
      if (scan.outcome) tally.current = { ...tally.current, refused: tally.current.refused + 1 };
      else announce('error', errorCode(error) === 'UNKNOWN_CODE' ? t('unknown_code', { code: scan.code }) : error.message, scan.code);
      return true;
    },
    onFlushed: () => {
      sayTally();
      afterSending();
    },
  });

  const { flush } = queue;
  useEffect(() => {
    void (async () => {
      await moveTarget(SHARED_PILE_TARGET, target);
      await reloadPile();
      await flush();
    })();
  }, [target, reloadPile, flush]);

  /** Tags scanned offline, still waiting to be looked up: on the pile, shown by their tag. */
  const waiting = queue.pending.filter((scan) => !scan.outcome);
  /** Outcomes recorded and not sent yet, by asset tag. */
  const outcomesWaiting = queue.pending.filter((scan) => scan.outcome);

  /** No network: the tag waits in the queue (« Scan enregistré hors ligne »). */
  const keepOffline = async (tag: string) => {
    await queue.add(tag);
    announce('warning', translate('reemploi.offline.saved_offline'), tag);
  };

  const lookUp = async (tag: string) => {
    try {
      await addToPile(await waitingDevice(tag));
    } catch (error) {
      if (error instanceof NotWaiting) announce('error', error.message, tag);
      else if (isRetryable(error)) await keepOffline(tag);
      else if (errorCode(error) === 'UNKNOWN_CODE') announce('error', t('unknown_code', { code: tag }), tag);
      else announce('error', (error as Error).message);
    }
  };

  /** A tag already on the pile (looked up or waiting), or whose outcome waits: said, not scanned again. */
  const alreadyHere = (tag: string) => {
    if (pile.some((device) => device.assetTag === tag) || waiting.some((scan) => scan.code === tag)) {
      announce('warning', t('already_in_pile', { assetTag: tag }), tag);
      return true;
    }
    const recorded = outcomesWaiting.find((scan) => scan.code === tag);
    if (recorded) announce('warning', t('outcome_waiting', { assetTag: tag, outcome: t(recorded.outcome!.to) }), tag);
    return !!recorded;
  };

  const scan = async (event: FormEvent) => {
    event.preventDefault();
    const raw = code.trim();
    setCode('');
    if (!raw) return;
    if (openedForSomeoneElse()) return announce('error', t('other_account'));
    const check = checkAssetTag(raw);
    if (check.valid && alreadyHere(check.tag)) return;
    if (!navigator.onLine && check.valid) return keepOffline(check.tag);
    try {
      if (await openScannedBatch(raw)) return;
    } catch (error) {
      announce('error', (error as Error).message);
      return;
    }
    if (!check.valid) {
      announce('error', check.reason === 'check_digit' ? translate('reemploi.scanner.check_digit') : t('unknown_code', { code: raw.toUpperCase() }));
      return;
    }
    await lookUp(check.tag);
  };

  /** Takes a device, or a tag waiting for its lookup, off the pile. */
  const remove = async (item: { id?: number; seq?: number }) => {
    if (item.id !== undefined) await removeFromPile(target, item.id);
    if (item.seq !== undefined) await queue.remove(item.seq);
    await reloadPile();
  };

  const clear = async () => {
    await clearPile(target);
    for (const scan of waiting) await queue.remove(scan.seq!);
    await reloadPile();
  };

  /**
   * Stores `outcome` for these devices at once (one queued write each) and takes them off the pile;
   * nothing is sent yet (see `send`).
   */
  const record = async (assetTags: string[], outcome: Outcome): Promise<QueuedScan[]> => {
    if (openedForSomeoneElse()) throw new Error(t('other_account'));
    const written = await queueOutcomes(target, assetTags, outcome);
    await Promise.all([reloadPile(), queue.reload()]);
    return written;
  };

  /** Tries to send what waits (`written` included): how many of `written` still wait for the network. */
  const send = async (written: QueuedScan[]): Promise<number> => {
    if (navigator.onLine) await flush();
    const left = await queuedScans(target);
    return written.filter((write) => left.some((scan) => scan.seq === write.seq && waitsToBeSent(scan))).length;
  };

  return { pile, waiting, outcomesWaiting, remove, clear, record, send, code, setCode, scan, queue };
}
