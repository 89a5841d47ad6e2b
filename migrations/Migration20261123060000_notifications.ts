import { Migration } from '@mikro-orm/migrations';

/** In-app notifications, e-mail preferences and the outgoing mail queue (survives restarts). */
export class Migration20261123060000_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "email_preference" text not null default 'immediate' check ("email_preference" in ('immediate', 'daily', 'never'));`);
    this.addSql(`create table "notifications" (
      "id" serial primary key,
      "user_id" int not null references "users" ("id"),
      "kind" varchar(40) not null,
      "message" varchar(500) not null,
      "link" varchar(200) null,
      "read_at" timestamptz null,
      "digested_at" timestamptz null,
      "created_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "notifications_user_index" on "notifications" ("user_id", "created_at" desc);`);
    this.addSql(`create table "outbox" (
      "id" serial primary key,
      "user_id" int not null references "users" ("id"),
      "to_email" varchar(254) not null,
      "subject" varchar(200) not null,
      "text" text not null,
      "html" text not null,
      "status" text not null default 'pending' check ("status" in ('pending', 'sent', 'failed')),
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "last_error" text null,
      "created_at" timestamptz not null default now(),
      "sent_at" timestamptz null
    );`);
    this.addSql(`create index "outbox_pending_index" on "outbox" ("next_attempt_at") where "status" = 'pending';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "outbox";`);
    this.addSql(`drop table "notifications";`);
    this.addSql(`alter table "users" drop column "email_preference";`);
  }
}
