import { Migration } from '@mikro-orm/migrations';

/**
 * Rate-limit counters (login throttling, certificate checks) shared by every instance of the API,
 * so that running two instances behind a load balancer does not double an attacker's attempts.
 */
export class Migration20261123110000_rate_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create unlogged table "rate_limit_hits" (
      "key" text primary key,
      "hits" int not null,
      "reset_at" timestamptz not null
    );`);
    this.addSql(`create index "rate_limit_hits_reset_index" on "rate_limit_hits" ("reset_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "rate_limit_hits";`);
  }
}
