import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { MIGRATIONS_TABLE } from './catalog.js';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations');

/** The migrations this version of the code knows, oldest first (same files and names as MikroORM's migrator). */
export function knownMigrations(): { name: string; file: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^Migration.*\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => ({ name: file.replace(/\.(ts|js)$/, ''), file: path.join(MIGRATIONS_DIR, file) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

type MigrationClass = new (driver: unknown, config: unknown) => { up(): Promise<void> | void; getQueries(): unknown[] };

/**
 * The SQL of one migration, as MikroORM's runner would execute it. Our migrations are hand-written
 * SQL (`addSql` only), so restore can run them on its own connection, inside its one transaction.
 */
async function migrationQueries(name: string, file: string): Promise<string[]> {
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const Class = (module[name] ?? Object.values(module).find((value) => typeof value === 'function')) as MigrationClass | undefined;
  if (!Class) throw new Error(`${name}: no migration class in ${path.basename(file)}`);
  const refuse = () => {
    throw new Error(`${name} does more than addSql(): restore cannot run it inside its transaction; restore an older backup or migrate by hand`);
  };
  const unavailable = new Proxy({}, { get: refuse });
  const migration = new Class(unavailable, unavailable);
  await migration.up();
  return migration.getQueries().map((query) => (typeof query === 'string' ? query : String((query as { toQuery?: () => string }).toQuery?.() ?? query)));
}

/** Creates MikroORM's bookkeeping table exactly as its migrator does, so `npm start` carries on from there. */
async function createMigrationsTable(client: pg.ClientBase) {
  await client.query(
    `create table ${MIGRATIONS_TABLE} ("id" serial primary key, "name" varchar(255), "executed_at" timestamptz default CURRENT_TIMESTAMP)`,
  );
}

/** Runs `migrations` (names from a manifest) in order on `client`, recording each as applied. */
export async function runMigrations(client: pg.ClientBase, migrations: { name: string; executedAt: string | null }[]): Promise<void> {
  const known = new Map(knownMigrations().map((migration) => [migration.name, migration.file]));
  await createMigrationsTable(client);
  for (const { name, executedAt } of migrations) {
    const file = known.get(name)!;
    for (const sql of await migrationQueries(name, file)) if (sql.trim()) await client.query(sql);
    await client.query(`insert into ${MIGRATIONS_TABLE} (name, executed_at) values ($1, coalesce($2::timestamptz, now()))`, [name, executedAt]);
  }
}

/**
 * A backup can be restored by this code only if it knows every migration the backup lists; they
 * run in the backup's order (the order they ran in on the saved database), and any migration the
 * backup predates runs at the next `npm start`, like for any upgrade.
 */
export function migrationMismatch(migrations: { name: string }[]): string | undefined {
  const known = new Set(knownMigrations().map((migration) => migration.name));
  const unknown = migrations.find(({ name }) => !known.has(name));
  if (unknown) return `the backup was made by a newer version of Réemploi (migration ${unknown.name} is unknown here): restore it with that version or a later one`;
  return undefined;
}
