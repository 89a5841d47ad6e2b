import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import { readTable } from './read-table.js';

/**
 * Runs in a worker thread (heavy-import.ts): reads the file sent in `workerData.file` and posts
 * back the table, or the refusal as plain data (an AppError does not cross threads as a class).
 * Any other error is thrown: the parent sees the worker fail.
 */
const file = workerData.file as Uint8Array;
try {
  const table = await readTable(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  parentPort!.postMessage({ table });
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  parentPort!.postMessage({ refusal: { status: error.status, code: error.code, message: error.message, details: error.details } });
}
