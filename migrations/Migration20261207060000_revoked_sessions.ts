import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions ended by a sign-out before their token expires (issue #20 §9): the token's `jti`, read
 * by every instance on every authenticated request (primary key lookup); a row is useless once the
 * token has expired, and a scheduled job deletes it then. Logged (not unlogged): a revocation must
 * survive a crash of the database.
 */
export class Migration20261207060000_revoked_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "revoked_sessions" (
      "jti" uuid primary key,
      "expires_at" timestamptz not null
    );`);
    this.addSql(`create index "revoked_sessions_expires_index" on "revoked_sessions" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "revoked_sessions";`);
  }
}
