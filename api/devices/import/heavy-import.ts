import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Response } from 'express';
import { AppError } from '../../core/errors.js';
import { declaredUncompressedBytes } from '../../core/upload-guards.js';
import type { AddedChassisTypes } from '../chassis-types.js';
import { mapHeaders } from './column-mapping.js';
import { parseRowChunks, type ImportColumns, type ParsedRow } from './parse-rows.js';
import { isZip, readTable } from './read-table.js';

/**
 * A heavy import file: a CSV over 1 MB (~10,000 rows) or a workbook over 4 MB once inflated. Its
 * reading and the validation of its rows run in a worker thread, so that the API goes on answering
 * meanwhile (parsing and validating 100,000 rows holds a thread for seconds, and their garbage
 * collection would pause the API for most of a second at a time), and one at a time per instance (its memory, then its
 * transaction). A light file, the usual import of a few hundred devices, is read in place.
 */
export const HEAVY_IMPORT = { csvBytes: 1024 * 1024, inflatedXlsxBytes: 4 * 1024 * 1024 };

/** What a client is told to wait before trying again when a heavy import is already running. */
export const HEAVY_IMPORT_RETRY_AFTER_SECONDS = 30;

/** A worker that needs more than this much heap, or more time, is stopped and the file refused. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 768, timeoutMs: 5 * 60_000 };

export function isHeavyImport(file: Buffer): boolean {
  if (!isZip(file)) return file.length > HEAVY_IMPORT.csvBytes;
  try {
    return declaredUncompressedBytes(file) > HEAVY_IMPORT.inflatedXlsxBytes;
  } catch {
    // an archive whose table of contents is unreadable is refused by the zip guard, at once
    return false;
  }
}

let heavyImportRunning = false;

/**
 * Takes this instance's one place for a heavy import, or refuses with 429 and `Retry-After`.
 * Returns the function that gives the place back.
 */
export function takeHeavyImportSlot(res: Response): () => void {
  if (heavyImportRunning) {
    res.set('Retry-After', String(HEAVY_IMPORT_RETRY_AFTER_SECONDS));
    throw new AppError(
      429,
      'IMPORT_BUSY',
      `Un autre import de fichier volumineux est en cours sur ce serveur : réessayez dans ${HEAVY_IMPORT_RETRY_AFTER_SECONDS} secondes.`,
      { retryAfterSeconds: HEAVY_IMPORT_RETRY_AFTER_SECONDS },
    );
  }
  heavyImportRunning = true;
  return () => {
    heavyImportRunning = false;
  };
}

const tooHeavy = () =>
  new AppError(413, 'IMPORT_TOO_HEAVY', 'Ce fichier demande trop de mémoire ou de temps pour être lu : découpez-le en plusieurs fichiers ou exportez-le en CSV.');

/** Rows a worker message carries: decoding one takes the main thread a few milliseconds. */
const WORKER_CHUNK_ROWS = 2000;

/** What the import worker posts, in this order: the columns, the validated rows a chunk at a time, done; or a refusal. */
export type WorkerMessage =
  | { columns: ImportColumns }
  | { rows: ParsedRow[] }
  | { done: true }
  | { refusal: { status: number; code: string; message: string; details?: unknown } };

/** An import file's columns and its rows validated (parse-rows.ts), in file order. */
export interface ParsedTable {
  columns: ImportColumns;
  rows: ParsedRow[];
}

/**
 * Reads and validates the file in a worker thread with a bounded heap and time; the rows, or the
 * refusal, come back as data.
 */
export function parseTableInWorker(file: Buffer, defaultSite: string | undefined, added?: AddedChassisTypes): Promise<ParsedTable> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { entry: new URL('./read-table-worker.ts', import.meta.url).href, file, defaultSite, added, chunkRows: WORKER_CHUNK_ROWS },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_LIMITS.maxOldGenerationSizeMb },
    });
    const timer = setTimeout(() => {
      reject(tooHeavy());
      void worker.terminate();
    }, WORKER_LIMITS.timeoutMs);
    const parsed: ParsedTable = { columns: [], rows: [] };
    worker.on('message', (message: WorkerMessage) => {
      if ('columns' in message) parsed.columns = message.columns;
      else if ('rows' in message) for (const row of message.rows) parsed.rows.push(row);
      else {
        clearTimeout(timer);
        if ('done' in message) resolve(parsed);
        else reject(new AppError(message.refusal.status, message.refusal.code, message.refusal.message, message.refusal.details));
      }
    });
    worker.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHeavy() : error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      // after an answer this changes nothing; without one, the worker died
      reject(new Error(`the import worker stopped (exit code ${code}) without an answer`));
    });
  });
}

/**
 * The columns and validated rows of an import file: a heavy one read and validated in a worker
 * thread, a light one in place, a thousand rows at a time with pauses. A heavy CSV's first row is
 * checked here first (it takes milliseconds): a file refused on its header line, such as 1.2
 * million columns, costs no worker. `added`: the « Type » values admins mapped (chassis-types.ts).
 */
export async function readImportRows(file: Buffer, defaultSite: string | undefined, added?: AddedChassisTypes): Promise<ParsedTable> {
  if (isHeavyImport(file)) {
    if (!isZip(file)) await readTable(file, { csvHeaderOnly: true });
    return parseTableInWorker(file, defaultSite, added);
  }
  const table = await readTable(file);
  const parsed: ParsedTable = { columns: mapHeaders(table.headers), rows: [] };
  for (const rows of parseRowChunks(table, parsed.columns, defaultSite, 1000, added)) {
    for (const row of rows) parsed.rows.push(row);
    await nextTurn();
  }
  return parsed;
}

/**
 * Runs `work` on each item, a slice at a time, letting the event loop answer other requests
 * between slices: going through 200,000 rows takes a noticeable time, which must not be silence.
 */
export async function forEachWithPauses<T>(items: T[], work: (item: T) => void, sliceSize = 5000): Promise<void> {
  for (let start = 0; start < items.length; start += sliceSize) {
    if (start > 0) await nextTurn();
    const end = Math.min(start + sliceSize, items.length);
    for (let index = start; index < end; index++) work(items[index]);
  }
}
