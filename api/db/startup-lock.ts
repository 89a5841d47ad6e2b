import pg from 'pg';

/**
 * Runs `work` while holding a PostgreSQL advisory lock on a dedicated connection, so that
 * several instances starting at once against one database migrate and seed one after the other
 * (the second finds nothing left to do) instead of racing on the same DDL.
 */
export async function withStartupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('reemploi:startup'))`);
    return await work();
  } finally {
    // closing the session releases the lock even if the unlock query cannot run
    await client.query(`select pg_advisory_unlock(hashtext('reemploi:startup'))`).catch(() => {});
    await client.end();
  }
}
