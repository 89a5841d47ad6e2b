import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';

/**
 * express-rate-limit counters kept in PostgreSQL (`rate_limit_hits`), so every instance of the
 * API counts the same attempts: an attacker cannot multiply the login limit by the number of
 * instances behind the load balancer. One upsert per hit; expired rows are purged by a job.
 */
export class PostgresRateLimitStore implements Store {
  localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly orm: MikroORM,
    /** Keeps the counters of different limiters apart (the same IP is a key for several). */
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const [row] = await this.orm.em.fork().execute<{ hits: number; reset_at: Date }[]>(
      `insert into rate_limit_hits (key, hits, reset_at) values (?, 1, now() + ? * interval '1 millisecond')
       on conflict (key) do update set
         hits = case when rate_limit_hits.reset_at <= now() then 1 else rate_limit_hits.hits + 1 end,
         reset_at = case when rate_limit_hits.reset_at <= now() then excluded.reset_at else rate_limit_hits.reset_at end
       returning hits, reset_at`,
      [this.key(key), this.windowMs],
    );
    return { totalHits: row.hits, resetTime: new Date(row.reset_at) };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await this.orm.em.fork().execute<{ hits: number; reset_at: Date }[]>(
      `select hits, reset_at from rate_limit_hits where key = ? and reset_at > now()`,
      [this.key(key)],
    );
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.orm.em.fork().execute(`update rate_limit_hits set hits = greatest(hits - 1, 0) where key = ? and reset_at > now()`, [this.key(key)]);
  }

  async resetKey(key: string): Promise<void> {
    await this.orm.em.fork().execute(`delete from rate_limit_hits where key = ?`, [this.key(key)]);
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }
}

/** Scheduled job: forgets the counters whose window is over. */
export async function purgeRateLimits(em: EntityManager): Promise<{ purged: number }> {
  const rows = await em.execute<{ key: string }[]>(`delete from rate_limit_hits where reset_at < now() - interval '1 hour' returning key`);
  return { purged: rows.length };
}
