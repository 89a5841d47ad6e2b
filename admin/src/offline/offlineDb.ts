import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { QueuedScan } from './scanQueue.js';
import type { PiledDevice } from '../refurbishment/pileStore.js';

/** The last answer to a list a scan screen needs, kept to be shown without network. */
export interface OfflineCopy {
  /** Which list, for whom, which page of it, e.g. `refurbishment-pile:devices:12:{"filter":…}`. */
  key: string;
  savedAt: string;
  value: unknown;
}

interface OfflineDb extends DBSchema {
  scans: { key: number; value: QueuedScan; indexes: { target: string } };
  copies: { key: string; value: OfflineCopy };
  pile: { key: [string, number]; value: PiledDevice; indexes: { target: string } };
}

let database: Promise<IDBPDatabase<OfflineDb>> | null = null;

/**
 * The phone's offline store: scans waiting to be sent (version 1), copies of lists (version 2), the
 * devices scanned into a refurbishment pile and not yet given their outcome (version 3).
 */
export function offlineDb(): Promise<IDBPDatabase<OfflineDb>> {
  database ??= openDB<OfflineDb>('reemploi-offline', 3, {
    upgrade(upgrading, oldVersion) {
      if (oldVersion < 1) {
        const store = upgrading.createObjectStore('scans', { keyPath: 'seq', autoIncrement: true });
        store.createIndex('target', 'target');
      }
      if (oldVersion < 2) upgrading.createObjectStore('copies', { keyPath: 'key' });
      if (oldVersion < 3) {
        const pile = upgrading.createObjectStore('pile', { keyPath: ['target', 'device.id'] });
        pile.createIndex('target', 'target');
      }
    },
  });
  return database;
}
