import { Migration } from '@mikro-orm/migrations';

/**
 * Wiping stations' tokens (issue #15 §4): a boot USB posts inventories and nwipe logs with a token
 * of its own, never a person's password. Only the token's SHA-256 is kept; the token is shown once.
 * Each station acts through an account of its own (`user_id`, inactive, no password), so custody
 * events, wipe records and inventories name the station that made them.
 */
export class Migration20261208070000_station_tokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "station_tokens" (
      "id" serial primary key,
      "name" varchar(120) not null,
      "site" varchar(120) not null,
      "token_hash" char(64) not null unique,
      "token_hint" varchar(20) not null,
      "user_id" int not null references "users" ("id"),
      "created_by" int not null references "users" ("id"),
      "created_at" timestamptz not null default now(),
      "last_used_at" timestamptz null,
      "revoked_at" timestamptz null,
      "revoked_by" int null references "users" ("id")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "station_tokens";`);
  }
}
