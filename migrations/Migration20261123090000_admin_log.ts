import { Migration } from '@mikro-orm/migrations';

/**
 * The administration log: logins (failed ones too), account changes and every admin write.
 * Append-only like the chain of custody; only the retention purge may delete, and never a line
 * younger than 6 months (CNIL's recommendation for such logs is 6 months to 1 year).
 */
export class Migration20261123090000_admin_log extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "admin_log" (
      "id" bigserial primary key,
      "at" timestamptz not null default now(),
      "action" varchar(40) not null,
      "outcome" text not null check ("outcome" in ('success', 'refused', 'failed')),
      "actor_id" int null references "users" ("id"),
      "actor_email" varchar(254) null,
      "actor_role" varchar(20) null,
      "ip" varchar(45) null,
      "method" varchar(10) null,
      "route" varchar(200) null,
      "status" smallint null,
      "target_type" varchar(40) null,
      "target_id" varchar(60) null,
      "request_id" varchar(64) null,
      "details" jsonb null
    );`);
    this.addSql(`create index "admin_log_at_index" on "admin_log" ("at");`);
    this.addSql(`create index "admin_log_actor_index" on "admin_log" ("actor_id", "at");`);
    this.addSql(`create index "admin_log_action_index" on "admin_log" ("action", "at");`);
    this.addSql(`create function "admin_log_guard"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('reemploi.retention_purge', true) = 'on' and old.at < now() - interval '6 months' then
          return old;
        end if;
        raise exception 'admin_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end;
    $$;`);
    this.addSql(`create trigger "admin_log_no_update_delete" before update or delete on "admin_log"
      for each row execute function "admin_log_guard"();`);
    this.addSql(`create trigger "admin_log_no_truncate" before truncate on "admin_log"
      for each statement execute function "events_append_only"();`);
  }

  override async down(): Promise<void> {
    throw new Error('Not reverted: the administration log is evidence; it is purged by its retention job only.');
  }
}
