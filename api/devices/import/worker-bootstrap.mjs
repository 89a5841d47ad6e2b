// The entry of a worker thread that runs a TypeScript module (`workerData.entry`, a file URL).
// A worker does not inherit the TypeScript loader of `node --import tsx` or of the test runner,
// so it registers tsx itself before importing the module; a compiled .js entry needs nothing.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
