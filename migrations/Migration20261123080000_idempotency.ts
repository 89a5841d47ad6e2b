import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys: a client that retries a write after a network drop sends the same
 * `Idempotency-Key` and gets the first answer back instead of doing the work twice. A row is
 * written in the same transaction as the work it answers for, so a crash leaves neither.
 */
export class Migration20261123080000_idempotency extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_keys" (
      "user_id" int not null references "users" ("id"),
      "route" varchar(200) not null,
      "key" varchar(255) not null,
      "request_hash" char(64) not null,
      "response_status" int not null,
      "response_body" text not null,
      "created_at" timestamptz not null default now(),
      constraint "idempotency_keys_pkey" primary key ("user_id", "route", "key")
    );`);
    this.addSql(`create index "idempotency_keys_created_at_index" on "idempotency_keys" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "idempotency_keys";`);
  }
}
