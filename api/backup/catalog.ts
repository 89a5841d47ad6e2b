import type pg from 'pg';
import { quote } from './manifest.js';

/** MikroORM's own bookkeeping: rebuilt by restore from the manifest, never copied as data. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
}

/** The application's tables (schema public), parents before children, ties in alphabetical order. */
export async function tablesInDependencyOrder(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> $1 order by c.relname`,
    [MIGRATIONS_TABLE],
  );
  const tables = rows.map((row) => row.name);
  const parents = new Map<string, Set<string>>(tables.map((table) => [table, new Set()]));
  for (const key of await foreignKeys(client)) {
    if (key.child !== key.parent && parents.has(key.child) && parents.has(key.parent)) parents.get(key.child)!.add(key.parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((table) => !placed.has(table) && [...parents.get(table)!].every((parent) => placed.has(parent)));
    // a cycle of foreign keys: take the rest alphabetically (restore disables the checks when it may, and verifies them after)
    const next = ready.length ? ready : tables.filter((table) => !placed.has(table));
    for (const table of next) {
      ordered.push(table);
      placed.add(table);
    }
  }
  return ordered;
}

export async function foreignKeys(client: pg.ClientBase): Promise<ForeignKey[]> {
  const { rows } = await client.query<{ name: string; child: string; parent: string; child_columns: string[]; parent_columns: string[] }>(
    `select con.conname as name, child.relname as child, parent.relname as parent,
       array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, position) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.position) as child_columns,
       array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, position) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.position) as parent_columns
     from pg_constraint con
     join pg_class child on child.oid = con.conrelid
     join pg_class parent on parent.oid = con.confrelid
     join pg_namespace n on n.oid = child.relnamespace
     where con.contype = 'f' and n.nspname = 'public'
     order by child.relname, con.conname`,
  );
  return rows.map((row) => ({ name: row.name, child: row.child, parent: row.parent, childColumns: row.child_columns, parentColumns: row.parent_columns }));
}

/** Stored columns (generated ones are recomputed by PostgreSQL). */
export async function tableColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select a.attname::text as name from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relname = $1 and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum`,
    [table],
  );
  return rows.map((row) => row.name);
}

async function primaryKey(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select a.attname::text as name from pg_index i
     join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
     join unnest(i.indkey::int2[]) with ordinality k(attnum, position) on true
     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
     where n.nspname = 'public' and c.relname = $1 and i.indisprimary order by k.position`,
    [table],
  );
  return rows.map((row) => row.name);
}

/**
 * `COPY (select … order by …) TO STDOUT`: rows in a stable order (primary key, or the whole row),
 * so the same data always gives the same bytes and the same checksum.
 */
export async function copyOutQuery(client: pg.ClientBase, table: string, columns: string[]): Promise<string> {
  const key = await primaryKey(client, table);
  const order = key.length ? key.map(quote).join(', ') : `${quote(table)}::text`;
  return `copy (select ${columns.map(quote).join(', ')} from ${quote(table)} order by ${order}) to stdout`;
}

export async function sequences(client: pg.ClientBase): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const result = [];
  for (const { name } of rows) {
    const [state] = (await client.query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${quote(name)}`)).rows;
    result.push({ name, lastValue: state.last_value, isCalled: state.is_called });
  }
  return result;
}

/** Rows of `child` whose foreign key points to nothing (restore loads with the checks off, then proves them). */
export async function danglingReferences(client: pg.ClientBase): Promise<{ constraint: string; table: string; rows: number }[]> {
  const problems = [];
  for (const key of await foreignKeys(client)) {
    const notNull = key.childColumns.map((column) => `c.${quote(column)} is not null`).join(' and ');
    const match = key.childColumns.map((column, index) => `p.${quote(key.parentColumns[index])} = c.${quote(column)}`).join(' and ');
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from ${quote(key.child)} c where ${notNull} and not exists (select 1 from ${quote(key.parent)} p where ${match})`,
    );
    if (Number(rows[0].n)) problems.push({ constraint: key.name, table: key.child, rows: Number(rows[0].n) });
  }
  return problems;
}
