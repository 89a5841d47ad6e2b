import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Table } from './dataset.js';

/** One value in PostgreSQL's COPY text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[\\\t\n\r]/g, (character) => (character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r'));
}

function* chunks(table: Table): Generator<string> {
  let buffer = '';
  for (const row of table.rows) {
    buffer += row.map(copyValue).join('\t') + '\n';
    if (buffer.length > 1 << 20) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** Streams a table into PostgreSQL with COPY FROM STDIN (triggers that refuse UPDATE/DELETE do not fire). */
export async function copyTable(client: pg.Client, table: Table): Promise<void> {
  const columns = table.columns.map((column) => `"${column}"`).join(', ');
  const target = client.query(copyStreams.from(`copy "${table.name}" (${columns}) from stdin`));
  await pipeline(Readable.from(chunks(table)), target);
}

/**
 * Secondary indexes of the big tables are dropped before COPY and rebuilt after it: building an
 * index once is several times faster than maintaining it row by row. Their definitions are read
 * from the catalogue, so they come back exactly as the migrations made them.
 */
export async function withoutSecondaryIndexes(client: pg.Client, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  );
  for (const { indexname } of rows) await client.query(`drop index "${indexname}"`);
  await load();
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const { indexdef } of rows) await client.query(indexdef);
}

/** Points every serial sequence past the ids loaded, so the app's inserts continue after them. */
export async function resetSequences(client: pg.Client, tables: string[]): Promise<void> {
  for (const table of tables) {
    await client.query(`select setval(pg_get_serial_sequence($1, 'id'), greatest(1, (select coalesce(max(id), 0) from "${table}")), (select count(*) > 0 from "${table}"))`, [table]);
  }
}
