import type { EntityManager } from '@mikro-orm/postgresql';

interface PgConnection {
  query(text: string): Promise<{ rows: unknown[] }>;
}

/**
 * One plain SQL statement with `?` placeholders, for the statements every request sends (the
 * session check, the scan, the partner's transition). Inside a transaction it is `em.execute`, on
 * the transaction's connection. Outside one, it borrows a connection from the same pool and sends
 * the same text (values inlined by MikroORM's platform, as `em.execute` does) through node-postgres
 * itself: MikroORM's `execute` adds knex's runner and its query log, which cost a tenth of the
 * API's CPU on the scan + transition load (bench/README.md, round 3). Errors are converted as
 * `em.execute` converts them (a unique violation, a lost connection).
 */
export async function queryRows<T>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (em.isInTransaction()) return em.execute<T[]>(sql, [...params]);
  const text = em.getPlatform().formatQuery(sql, [...params]);
  const pool = em.getConnection().getKnex().client;
  let connection: PgConnection | undefined;
  try {
    connection = (await pool.acquireConnection()) as PgConnection;
    return (await connection.query(text)).rows as T[];
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  } finally {
    if (connection) await pool.releaseConnection(connection);
  }
}

/** The first row of `queryRows`, if any. */
export async function queryRow<T>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(em, sql, params))[0];
}
