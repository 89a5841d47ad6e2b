import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import type { AddedChassisTypes } from '../chassis-types.js';
import { mapHeaders } from './column-mapping.js';
import { parseRowChunks } from './parse-rows.js';
import { readTable } from './read-table.js';
import type { WorkerMessage } from './heavy-import.js';

/**
 * Runs in a worker thread (heavy-import.ts): reads the file sent in `workerData.file`, validates
 * its rows and posts them back a chunk at a time (`columns`, then `rows`…, then `done`), or the
 * refusal as plain data (an AppError does not cross threads as a class). The main thread thus
 * receives compact validated rows, never the raw table, and decodes one small message at a time.
 * Any other error is thrown: the parent sees the worker fail.
 */
const file = workerData.file as Uint8Array;
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
try {
  const table = await readTable(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  const columns = mapHeaders(table.headers);
  post({ columns });
  for (const rows of parseRowChunks(table, columns, workerData.defaultSite as string | undefined, workerData.chunkRows as number, workerData.added as AddedChassisTypes | undefined)) {
    post({ rows });
  }
  post({ done: true });
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  post({ refusal: { status: error.status, code: error.code, message: error.message, details: error.details } });
}
