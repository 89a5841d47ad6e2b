import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Response } from 'express';
import { AppError } from '../../core/errors.js';
import { declaredUncompressedBytes } from '../../core/upload-guards.js';
import { isZip, readTable, type Table } from './read-table.js';

/**
 * A heavy import file: a CSV over 1 MB (~10,000 rows) or a workbook over 4 MB once inflated. Its
 * reading runs in a worker thread, so that the API goes on answering meanwhile (parsing 100,000
 * rows holds a thread for seconds), and one at a time per instance (its memory, then its
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

type WorkerAnswer = { table: Table } | { refusal: { status: number; code: string; message: string; details?: unknown } };

/** Reads the file in a worker thread with a bounded heap and time; its answer or refusal comes back as data. */
export function readTableInWorker(file: Buffer): Promise<Table> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { entry: new URL('./read-table-worker.ts', import.meta.url).href, file },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_LIMITS.maxOldGenerationSizeMb },
    });
    const timer = setTimeout(() => {
      reject(tooHeavy());
      void worker.terminate();
    }, WORKER_LIMITS.timeoutMs);
    worker.once('message', (answer: WorkerAnswer) => {
      clearTimeout(timer);
      if ('table' in answer) resolve(answer.table);
      else reject(new AppError(answer.refusal.status, answer.refusal.code, answer.refusal.message, answer.refusal.details));
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
 * The table of an import file: a heavy one read in a worker thread, a light one in place. A heavy
 * CSV's first row is checked here first (it takes milliseconds): a file refused on its header
 * line, such as 1.2 million columns, costs no worker.
 */
export async function readImportTable(file: Buffer): Promise<Table> {
  if (!isHeavyImport(file)) return readTable(file);
  if (!isZip(file)) await readTable(file, { csvHeaderOnly: true });
  return readTableInWorker(file);
}

/**
 * `items.map(work)`, a slice at a time, letting the event loop answer other requests between
 * slices: validating 100,000 rows takes seconds of CPU, which must not be seconds of silence.
 */
export async function mapWithPauses<T, R>(items: T[], work: (item: T) => R, sliceSize = 1000): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += sliceSize) {
    if (start > 0) await nextTurn();
    for (const item of items.slice(start, start + sliceSize)) results.push(work(item));
  }
  return results;
}
