import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

export type JobHandler = (em: EntityManager) => Promise<Record<string, unknown>>;

/**
 * Runs a scheduled job once across every instance (a PostgreSQL advisory lock), records the run
 * in `job_runs`, and returns what it did. A job already running elsewhere is skipped.
 */
export async function runJob(
  orm: MikroORM,
  name: string,
  handler: JobHandler,
  options: { skipIfStartedWithinMs?: number } = {},
): Promise<{ ran: boolean; result?: Record<string, unknown> }> {
  const em = orm.em.fork();
  return em.transactional(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext(?)) as locked`, [`job:${name}`]);
    if (!lock.locked) return { ran: false };
    if (options.skipIfStartedWithinMs && (await startedRecently(tx, name, options.skipIfStartedWithinMs))) return { ran: false };
    const [run] = await tx.execute<{ id: number }[]>(`insert into job_runs (name) values (?) returning id`, [name]);
    const result = await handler(tx);
    await tx.execute(`update job_runs set finished_at = now(), result = ?::jsonb where id = ?`, [JSON.stringify(result), run.id]);
    return { ran: true, result };
  });
}

/** A run that finished within the window: another instance's scheduler already did this round. */
async function startedRecently(tx: EntityManager, name: string, windowMs: number): Promise<boolean> {
  const [row] = await tx.execute<{ recent: boolean }[]>(
    `select exists (select 1 from job_runs where name = ? and finished_at is not null and started_at > now() - ? * interval '1 millisecond') as recent`,
    [name, windowMs],
  );
  return row.recent;
}

/**
 * Runs every job at start and then every `intervalMs`; errors are logged, never thrown at the server.
 * With several instances on one database each job runs once per interval in all: the advisory
 * lock keeps two runs from overlapping, and a run done recently by another instance is skipped.
 */
export function scheduleJobs(orm: MikroORM, logger: Logger, jobs: Record<string, JobHandler>, intervalMs = 60 * 60 * 1000): () => void {
  const tick = async () => {
    for (const [name, handler] of Object.entries(jobs)) {
      try {
        const outcome = await runJob(orm, name, handler, { skipIfStartedWithinMs: intervalMs * 0.9 });
        if (outcome.ran) logger.info({ job: name, result: outcome.result }, 'scheduled job done');
        else logger.debug({ job: name }, 'scheduled job skipped: running or just run on another instance');
      } catch (error) {
        logger.error({ err: error, job: name }, 'scheduled job failed');
      }
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
