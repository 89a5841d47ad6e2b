import type { EntityManager } from '@mikro-orm/postgresql';
import type { Writable } from 'node:stream';

const PAGE = 1000;

/**
 * Reads a query page by page (keyset on id), so a sheet of 100,000 rows never sits in memory; the
 * next page is already asked for while the current one is written (the database and the XML
 * writer work at the same time).
 */
export async function* pages<T extends { id: number | string }>(em: EntityManager, sql: (afterId: string) => string, values: unknown[], breathe: () => Promise<void>): AsyncGenerator<T[]> {
  const fetch = (after: number | string) => {
    const page = em.execute<T[]>(sql('?'), [...values, after, PAGE]);
    // a page asked for ahead and never read (the download was cut) must not become an unhandled rejection
    page.catch(() => {});
    return page;
  };
  let next: Promise<T[]> | null = fetch(0);
  while (next) {
    const rows: T[] = await next;
    next = rows.length === PAGE ? fetch(rows[rows.length - 1].id) : null;
    if (rows.length) yield rows;
    // let the zip and the socket catch up before the next page (the page asked ahead is often
    // ready at once, and without this the loop would never give them a turn: memory would grow)
    await breathe();
  }
}

/** The download was cut short (the client closed the connection): the export stops there. */
export class DownloadCut extends Error {
  constructor() {
    super('the download was cut short: the export stopped');
    this.name = 'DownloadCut';
  }
}

/**
 * Waits for the output to drain, or at least for one turn of the event loop: the zip and the
 * socket catch up before the next page. Once the output is closed (the download was cut short)
 * it throws DownloadCut: without it the export ran to its end for nobody, its whole file held in
 * memory (bench/README.md, round 3).
 */
export const breatherFor = (output: Writable) => async () => {
  if (output.destroyed) throw new DownloadCut();
  if (output.writableNeedDrain) await drainedOrClosed(output);
  else await new Promise((resolve) => setImmediate(resolve));
  if (output.destroyed) throw new DownloadCut();
};

function drainedOrClosed(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      for (const event of ['drain', 'close', 'error']) output.off(event, settle);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) output.on(event, settle);
  });
}
